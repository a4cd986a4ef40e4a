//! Mistake: always pauses for the whole `pause` after a failure, even when
//! the deadline comes sooner, so retry gives up late.
//! Caught by: a_pause_never_runs_past_the_deadline
// REGION
let deadline = Instant::now() + policy.budget;
let mut attempts = 0;
let mut last_error = None;
loop {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(GaveUp {
            attempts,
            last_error,
        });
    }
    attempts += 1;
    match attempt(left.min(policy.per_attempt)) {
        Ok(value) => return Ok(value),
        Err(error) => last_error = Some(error),
    }
    thread::sleep(policy.pause);
}
