use ch09_exercises::retry_crashed;

use retry_crashed::{Outcome, run_with_retries};
use std::os::unix::process::ExitStatusExt;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

/// How long a test waits for `run_with_retries` to return.
const DEADLINE: Duration = Duration::from_secs(3);

fn sh(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.args(["-c", script]);
    command
}

/// Runs `run_with_retries` with commands from `scripts(attempt)`, on a
/// thread of its own; returns the outcome and every attempt number used.
fn within(
    scripts: impl Fn(u32) -> &'static str + Send + 'static,
    max_attempts: u32,
) -> (Outcome, Vec<u32>) {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let outcome = run_with_retries(
            |attempt| {
                seen.push(attempt);
                sh(scripts(attempt))
            },
            max_attempts,
        );
        let _ = done.send((outcome, seen));
    });
    match result.recv_timeout(DEADLINE) {
        Ok((Ok(outcome), seen)) => (outcome, seen),
        Ok((Err(e), _)) => panic!("run_with_retries returned an error: {e}"),
        Err(_) => panic!(
            "run_with_retries did not return within {DEADLINE:?}: does it stop after \
             max_attempts?"
        ),
    }
}

#[test]
fn a_worker_that_succeeds_runs_once() {
    let (outcome, seen) = within(|_| "echo done", 3);
    assert_eq!(
        outcome,
        Outcome::Succeeded {
            attempts: 1,
            stdout: "done\n".into()
        }
    );
    assert_eq!(seen, [1]);
}

#[test]
fn a_worker_killed_by_a_signal_is_retried() {
    let (outcome, seen) = within(
        |attempt| {
            if attempt == 1 {
                "echo partial; kill -ABRT $$"
            } else {
                "echo ok"
            }
        },
        3,
    );
    assert_eq!(
        outcome,
        Outcome::Succeeded {
            attempts: 2,
            stdout: "ok\n".into()
        }
    );
    assert_eq!(seen, [1, 2]);
}

#[test]
fn a_worker_that_exits_with_an_error_is_retried() {
    let (outcome, seen) = within(
        |attempt| {
            if attempt < 3 {
                "echo partial; exit 101"
            } else {
                "echo ok"
            }
        },
        3,
    );
    assert_eq!(
        outcome,
        Outcome::Succeeded {
            attempts: 3,
            stdout: "ok\n".into()
        }
    );
    assert_eq!(seen, [1, 2, 3]);
}

#[test]
fn a_worker_that_always_fails_is_given_up_after_max_attempts() {
    let (outcome, seen) = within(|_| "exit 3", 4);
    assert_eq!(seen, [1, 2, 3, 4], "one fresh process per attempt, no more");
    let Outcome::Failed { attempts, last } = outcome else {
        panic!("a worker that always fails must be reported as failed: {outcome:?}")
    };
    assert_eq!(attempts, 4);
    assert_eq!(last.code(), Some(3));
}

#[test]
fn the_last_failure_says_which_signal() {
    let (outcome, _) = within(|_| "kill -KILL $$", 2);
    let Outcome::Failed { last, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(last.signal(), Some(9), "{last}");
}
