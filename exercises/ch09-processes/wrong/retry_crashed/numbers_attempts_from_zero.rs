//! Mistake: counts attempts from 0, as `range(max_attempts)` does in
//! Python. The right number of processes runs, but `make` is told the
//! wrong attempt number each time, and the attempts reported are one short.
//! Caught by: a_worker_that_succeeds_runs_once, a_worker_killed_by_a_signal_is_retried, a_worker_that_exits_with_an_error_is_retried, a_worker_that_always_fails_is_given_up_after_max_attempts, a_single_attempt_is_never_retried
// REGION
let mut last = None;
for attempt in 0..max_attempts {
    let output = make(attempt).output()?;
    if output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
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
