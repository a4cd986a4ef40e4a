//! Mistake: remembers the status of the first failure only
//! (`last.get_or_insert(status)`), so when the attempts fail in different
//! ways, the report names the first way, not the last.
//! Caught by: the_last_status_is_the_last_attempts
// REGION
let mut last = None;
for attempt in 1..=max_attempts {
    let output = make(attempt).output()?;
    if output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        return Ok(Outcome::Succeeded {
            attempts: attempt,
            stdout,
        });
    }
    last.get_or_insert(output.status);
}
Ok(Outcome::Failed {
    attempts: max_attempts,
    last: last.expect("max_attempts is at least 1"),
})
