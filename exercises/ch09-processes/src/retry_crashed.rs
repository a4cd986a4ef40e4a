//! Retry a worker that crashed.
//!
//! Write `run_with_retries`: run the command that `make(attempt)` builds
//! (attempts count from 1), wait for it, and look at its exit status. If it
//! succeeded (exit code 0), return what it printed on stdout and how many
//! attempts it took. If it failed, whether with an exit code or killed by a
//! signal, start a fresh process and try again, at most `max_attempts`
//! times in all; then report the last status. Every process must be waited
//! for. `max_attempts` is at least 1.

use std::io;
use std::process::{Command, ExitStatus};

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Succeeded { attempts: u32, stdout: String },
    Failed { attempts: u32, last: ExitStatus },
}

/// Runs a fresh process per attempt until one succeeds or `max_attempts` fail.
pub fn run_with_retries(
    mut make: impl FnMut(u32) -> Command,
    max_attempts: u32,
) -> io::Result<Outcome> {
    // SOLUTION: Run make(1), make(2), … with `output()`, stop at the first success, give up after `max_attempts`.
    let mut last = None;
    for attempt in 1..=max_attempts {
        let output = make(attempt).output()?;
        if output.status.success() {
            let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
            return Ok(Outcome::Succeeded {
                attempts: attempt,
                stdout,
            });
        }
        last = Some(output.status);
    }
    let last = last.expect("max_attempts is at least 1");
    Ok(Outcome::Failed {
        attempts: max_attempts,
        last,
    })
    // END SOLUTION
}
