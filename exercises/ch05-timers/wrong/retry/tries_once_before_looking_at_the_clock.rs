//! Mistake: makes an attempt first and looks at the clock only after it
//! fails (a do-while loop), so a budget of zero still gets one attempt.
//! Caught by: a_zero_budget_allows_no_attempt
// REGION
let deadline = Instant::now() + policy.budget;
let mut attempts = 0;
loop {
    let left = deadline.saturating_duration_since(Instant::now());
    attempts += 1;
    let error = match attempt(left.min(policy.per_attempt)) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(GaveUp {
            attempts,
            last_error: Some(error),
        });
    }
    thread::sleep(policy.pause.min(left));
}
