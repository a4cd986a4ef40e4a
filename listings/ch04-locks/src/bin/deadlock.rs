//! Every philosopher takes the left fork first: a deadlock, detected.

use ch04::{PHILOSOPHERS, Stuck, left_then_right};
use std::process::ExitCode;
use std::time::Duration;

/// How long a philosopher waits for the second fork before giving up.
const PATIENCE: Duration = Duration::from_millis(500);

fn main() -> ExitCode {
    println!(
        "{PHILOSOPHERS} philosophers each pick up the left fork, then reach for the right one"
    );
    let stuck = left_then_right(PATIENCE);
    if stuck.is_empty() {
        println!("everyone ate: no deadlock");
        return ExitCode::SUCCESS;
    }

    // Who is each stuck philosopher waiting for? Whoever holds the fork.
    let waits_for_philosopher = |who: &Stuck| {
        stuck
            .iter()
            .find(|other| other.holds == who.waits_for)
            .map(|holder| holder.philosopher)
    };
    for who in &stuck {
        let holder = waits_for_philosopher(who).map_or("nobody".into(), |h| h.to_string());
        println!(
            "philosopher {} holds fork {} and gave up waiting for fork {}, held by philosopher {holder}",
            who.philosopher, who.holds, who.waits_for
        );
    }

    // Follow the waiting from the first stuck philosopher until it comes
    // back round to someone already on the path: that is the cycle.
    let mut path = vec![&stuck[0]];
    while let Some(next) = waits_for_philosopher(path[path.len() - 1])
        .and_then(|holder| stuck.iter().find(|s| s.philosopher == holder))
    {
        let seen = path.contains(&next);
        path.push(next);
        if seen {
            break;
        }
    }
    let path: Vec<String> = path.iter().map(|s| s.philosopher.to_string()).collect();
    println!("wait-for cycle: philosopher {}", path.join(" -> "));
    println!(
        "deadlock: after waiting {} s nobody had eaten, and nobody ever would",
        PATIENCE.as_secs_f64()
    );
    ExitCode::FAILURE
}
