//! Mistake: gives every attempt the whole `per_attempt`, even when less of
//! the budget is left, so the last attempt runs past the deadline.
//! Caught by: no_attempt_is_promised_more_time_than_is_left
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
    match attempt(policy.per_attempt) {
        Ok(value) => return Ok(value),
        Err(error) => last_error = Some(error),
    }
    let left = deadline.saturating_duration_since(Instant::now());
    thread::sleep(policy.pause.min(left));
}
