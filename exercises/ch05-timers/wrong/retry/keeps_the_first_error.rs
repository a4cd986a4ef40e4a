//! Mistake: keeps the error of the first failed attempt and ignores the
//! later ones, so when it gives up it reports a stale error.
//! Caught by: gives_up_with_the_last_error_when_time_runs_out
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
        Err(error) => {
            if last_error.is_none() {
                last_error = Some(error);
            }
        }
    }
    let left = deadline.saturating_duration_since(Instant::now());
    thread::sleep(policy.pause.min(left));
}
