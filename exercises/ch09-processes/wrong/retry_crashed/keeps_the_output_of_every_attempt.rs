//! Mistake: collects stdout across attempts in one `String`, so the
//! successful run's output comes back with the half-finished output of
//! every attempt that failed before it.
//! Caught by: a_worker_killed_by_a_signal_is_retried, a_worker_that_exits_with_an_error_is_retried
// REGION
let mut stdout = String::new();
let mut last = None;
for attempt in 1..=max_attempts {
    let output = make(attempt).output()?;
    stdout.push_str(&String::from_utf8_lossy(&output.stdout));
    if output.status.success() {
        return Ok(Outcome::Succeeded {
            attempts: attempt,
            stdout,
        });
    }
    last = Some(output.status);
}
Ok(Outcome::Failed {
    attempts: max_attempts,
    last: last.expect("max_attempts is at least 1"),
})
