//! Mistake: decides success from the exit code, with 0 as the default. A
//! process killed by a signal has no exit code, so a crash counts as a
//! success and is never retried.
//! Caught by: a_worker_killed_by_a_signal_is_retried, the_last_failure_says_which_signal, the_last_status_is_the_last_attempts
// REGION
let mut last = None;
for attempt in 1..=max_attempts {
    let output = make(attempt).output()?;
    if output.status.code().unwrap_or(0) == 0 {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        return Ok(Outcome::Succeeded { attempts: attempt, stdout });
    }
    last = Some(output.status);
}
let last = last.expect("max_attempts is at least 1");
Ok(Outcome::Failed { attempts: max_attempts, last })
