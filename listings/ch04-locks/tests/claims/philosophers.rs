//! The dining philosophers: the careless way deadlocks on every run and the
//! listing says so and exits; each of the three fixes lets everyone eat,
//! under a deadline, with the same pause between forks that makes the
//! careless way deadlock.

use ch04::{
    MEALS, PHILOSOPHERS, Stuck, Waiter, back_off, dine, forks_of, left_then_right,
    lower_fork_first, with_a_waiter,
};
use listingkit::{output_of, run_listing_with};
use std::sync::atomic::AtomicU32;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Long enough for a dinner on a busy machine (one takes about 0.2 s),
/// short enough to catch a deadlock quickly.
const DEADLINE: Duration = Duration::from_secs(5);

fn within<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    match result.recv_timeout(DEADLINE) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("did not finish within {DEADLINE:?}: deadlock?"),
        Err(RecvTimeoutError::Disconnected) => panic!("a philosopher panicked"),
    }
}

fn everyone_ate(meals: &[u32], fork_uses: &[u32]) {
    assert_eq!(meals, [MEALS; PHILOSOPHERS]);
    // Every meal used two forks.
    assert_eq!(fork_uses, [2 * MEALS; PHILOSOPHERS]);
}

#[test]
fn the_deadlock_listing_reports_the_cycle_and_exits_with_status_1() {
    let run = run_listing_with("deadlock", &[], None, DEADLINE);
    assert_eq!(run.status.and_then(|s| s.code()), Some(1), "{}", run.output);
    assert!(
        run.elapsed < Duration::from_secs(3),
        "took {:?}",
        run.elapsed
    );
    for philosopher in 0..PHILOSOPHERS {
        let (left, right) = forks_of(philosopher);
        let line = format!(
            "philosopher {philosopher} holds fork {left} and gave up waiting for fork {right}, \
             held by philosopher {right}\n"
        );
        assert!(
            run.output.contains(&line),
            "no `{line}` in:\n{}",
            run.output
        );
    }
    assert!(
        run.output
            .contains("wait-for cycle: philosopher 0 -> 1 -> 2 -> 3 -> 4 -> 0\n"),
        "{}",
        run.output
    );
}

#[test]
fn left_then_right_leaves_every_philosopher_stuck_holding_the_left_fork() {
    for _ in 0..3 {
        let stuck = within(|| left_then_right(Duration::from_millis(100)));
        let expected: Vec<Stuck> = (0..PHILOSOPHERS)
            .map(|philosopher| {
                let (left, right) = forks_of(philosopher);
                Stuck {
                    philosopher,
                    holds: left,
                    waits_for: right,
                }
            })
            .collect();
        assert_eq!(stuck, expected);
    }
}

#[test]
fn lock_ordering_lets_everyone_eat() {
    for _ in 0..3 {
        let dinner = within(|| dine(lower_fork_first));
        everyone_ate(&dinner.meals, &dinner.fork_uses);
    }
    let output = output_of("lock_ordering", &[]);
    assert!(
        output.contains("philosopher 4 picks up fork 0, then fork 4\n"),
        "{output}"
    );
    for philosopher in 0..PHILOSOPHERS {
        assert!(
            output.contains(&format!("philosopher {philosopher} ate {MEALS} meals\n")),
            "{output}"
        );
    }
}

#[test]
fn backing_off_lets_everyone_eat() {
    for _ in 0..3 {
        let dinner = within(|| {
            let put_back = AtomicU32::new(0);
            dine(|philosopher, table| back_off(philosopher, table, &put_back))
        });
        everyone_ate(&dinner.meals, &dinner.fork_uses);
    }
    let output = output_of("back_off", &[]);
    for philosopher in 0..PHILOSOPHERS {
        assert!(
            output.contains(&format!("philosopher {philosopher} ate {MEALS} meals\n")),
            "{output}"
        );
    }
}

#[test]
fn a_waiter_with_one_seat_short_lets_everyone_eat() {
    for _ in 0..3 {
        let (dinner, most_seated) = within(|| {
            let waiter = Waiter::new(PHILOSOPHERS - 1);
            let dinner = dine(|philosopher, table| with_a_waiter(philosopher, table, &waiter));
            (dinner, waiter.most_seated())
        });
        everyone_ate(&dinner.meals, &dinner.fork_uses);
        assert!(most_seated < PHILOSOPHERS, "{most_seated} seated at once");
    }
    let output = output_of("waiter", &[]);
    for philosopher in 0..PHILOSOPHERS {
        assert!(
            output.contains(&format!("philosopher {philosopher} ate {MEALS} meals\n")),
            "{output}"
        );
    }
    assert!(
        listingkit::number_after(&output, "most philosophers seated at once:")
            .is_some_and(|n| n <= 4.0),
        "{output}"
    );
}

#[test]
fn the_headline_detects_the_deadlock_and_then_everyone_eats_three_ways() {
    let output = output_of("ch04", &[]);
    let detected_after = listingkit::number_after(&output, "deadlock detected after")
        .unwrap_or_else(|| panic!("no deadlock reported in:\n{output}"));
    // Each philosopher waited 0.5 s for the right fork before giving up.
    assert!(
        (0.5..3.0).contains(&detected_after),
        "detected after {detected_after} s:\n{output}"
    );
    assert!(
        output.contains(
            "(0 waits for fork 1, 1 waits for fork 2, 2 waits for fork 3, 3 waits for fork 4, \
             4 waits for fork 0)"
        ),
        "{output}"
    );
    let all_ate = format!("meals eaten {:?}", [MEALS; PHILOSOPHERS]);
    for way in [
        "lower-numbered fork first:",
        "back off and retry:",
        "a waiter with 4 seats:",
    ] {
        let line = output
            .lines()
            .find(|l| l.starts_with(way))
            .unwrap_or_else(|| panic!("no `{way}` line in:\n{output}"));
        assert!(line.contains(&all_ate), "{line}");
    }
}
