//! Mistake: caps the pause by what was left of the budget before the
//! attempt, not after it. After an attempt that took a long time, the pause
//! runs past the deadline by as long as the attempt took.
//! Caught by: a_pause_after_a_slow_attempt_ends_at_the_deadline
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
    thread::sleep(policy.pause.min(left));
}
