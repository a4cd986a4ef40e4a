//! Mistake: works out the deadline inside the loop, so every attempt starts
//! the budget again and retry never gives up while attempts keep failing.
//! Caught by: gives_up_with_the_last_error_when_time_runs_out, no_attempt_is_promised_more_time_than_is_left, a_pause_never_runs_past_the_deadline
// REGION
let mut attempts = 0;
let mut last_error = None;
loop {
    let deadline = Instant::now() + policy.budget;
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
    let left = deadline.saturating_duration_since(Instant::now());
    thread::sleep(policy.pause.min(left));
}
