//! Mistake: counts retries instead of attempts: after the first attempt it
//! retries `max_attempts` more times, so a failing worker runs once too often.
//! Caught by: a_worker_that_always_fails_is_given_up_after_max_attempts, a_single_attempt_is_never_retried
// REGION
let mut last = None;
for attempt in 1..=max_attempts + 1 {
    let output = make(attempt).output()?;
    if output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        return Ok(Outcome::Succeeded { attempts: attempt, stdout });
    }
    last = Some(output.status);
}
let last = last.expect("max_attempts is at least 1");
Ok(Outcome::Failed { attempts: max_attempts, last })
