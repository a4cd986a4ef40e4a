use ch09_exercises::retry_crashed;

use retry_crashed::{Outcome, run_with_retries};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus};
use std::time::Duration;
use testkit::Deadline;

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
    let (outcome, seen) = Deadline::new(DEADLINE)
        .if_late("does it stop after max_attempts?")
        .run("run_with_retries", move || {
            let mut seen = Vec::new();
            let outcome: std::io::Result<Outcome> = run_with_retries(
                |attempt| {
                    seen.push(attempt);
                    sh(scripts(attempt))
                },
                max_attempts,
            );
            (outcome, seen)
        });
    match outcome {
        Ok(outcome) => (outcome, seen),
        Err(e) => panic!("run_with_retries returned an error: {e}"),
    }
}

/// What a successful run reported: how many attempts, and the stdout.
fn succeeded(outcome: Outcome) -> (u32, String) {
    match outcome {
        Outcome::Succeeded { attempts, stdout } => {
            let (attempts, stdout): (u32, String) = (attempts, stdout);
            (attempts, stdout)
        }
        Outcome::Failed { attempts, last } => {
            panic!("the worker should have succeeded, but failed {attempts} times, last: {last}")
        }
    }
}

/// What a failed run reported: how many attempts, and the last status.
fn failed(outcome: Outcome) -> (u32, ExitStatus) {
    match outcome {
        Outcome::Failed { attempts, last } => {
            let (attempts, last): (u32, ExitStatus) = (attempts, last);
            (attempts, last)
        }
        Outcome::Succeeded { attempts, stdout } => panic!(
            "a worker that always fails was reported as succeeded after {attempts} attempts, \
             with stdout {stdout:?}"
        ),
    }
}

#[test]
fn a_worker_that_succeeds_runs_once() {
    let (outcome, seen) = within(|_| "echo done", 3);
    let (attempts, stdout) = succeeded(outcome);
    assert_eq!(attempts, 1);
    assert_eq!(stdout, "done\n");
    assert_eq!(seen, [1], "the attempts passed to `make` count from 1");
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
    let (attempts, stdout) = succeeded(outcome);
    assert_eq!(attempts, 2);
    assert_eq!(
        stdout, "ok\n",
        "the stdout of the attempt that succeeded, and of no other"
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
    let (attempts, stdout) = succeeded(outcome);
    assert_eq!(attempts, 3);
    assert_eq!(
        stdout, "ok\n",
        "the stdout of the attempt that succeeded, and of no other"
    );
    assert_eq!(seen, [1, 2, 3]);
}

#[test]
fn a_worker_that_always_fails_is_given_up_after_max_attempts() {
    let (outcome, seen) = within(|_| "exit 3", 4);
    assert_eq!(seen, [1, 2, 3, 4], "one fresh process per attempt, no more");
    let (attempts, last) = failed(outcome);
    assert_eq!(attempts, 4);
    assert_eq!(last.code(), Some(3));
}

#[test]
fn a_single_attempt_is_never_retried() {
    let (outcome, seen) = within(|_| "exit 5", 1);
    assert_eq!(seen, [1], "max_attempts 1: one process, no retry");
    let (attempts, last) = failed(outcome);
    assert_eq!(attempts, 1);
    assert_eq!(last.code(), Some(5));
}

#[test]
fn the_last_failure_says_which_signal() {
    let (outcome, _) = within(|_| "kill -KILL $$", 2);
    let (_, last) = failed(outcome);
    assert_eq!(last.signal(), Some(9), "{last}");
}

#[test]
fn the_last_status_is_the_last_attempts() {
    // Each attempt fails differently; the report must hold the last one's.
    let (outcome, seen) = within(
        |attempt| match attempt {
            1 => "exit 1",
            2 => "kill -TERM $$",
            _ => "exit 7",
        },
        3,
    );
    assert_eq!(seen, [1, 2, 3]);
    let (attempts, last) = failed(outcome);
    assert_eq!(attempts, 3);
    assert_eq!(
        last.code(),
        Some(7),
        "the status of the last attempt ({last}), not of an earlier one"
    );
}
