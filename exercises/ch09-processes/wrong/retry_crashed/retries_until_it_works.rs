//! Mistake: retries until the worker succeeds, ignoring `max_attempts`. A
//! worker that always fails is started again for ever.
//! Caught by: a_worker_that_always_fails_is_given_up_after_max_attempts, the_last_failure_says_which_signal, a_single_attempt_is_never_retried
// REGION
let _ = max_attempts;
let mut attempt = 0;
loop {
    attempt += 1;
    let output = make(attempt).output()?;
    if output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        return Ok(Outcome::Succeeded { attempts: attempt, stdout });
    }
}
