//! Mistake: never drops its own sender, so the channel cannot disconnect:
//! when every mirror has failed it waits for the deadline anyway, and then
//! reports a timeout instead of the failures.
//! Caught by: reports_every_failure_as_soon_as_all_have_failed, no_mirrors_means_no_answer_at_once
// REGION
let deadline = Instant::now() + budget;
let (replies, arrived) = crossbeam_channel::unbounded();
for mirror in mirrors {
    let replies = replies.clone();
    thread::spawn(move || {
        let _ = replies.send(mirror());
    });
}
let mut errors = Vec::new();
loop {
    match arrived.recv_deadline(deadline) {
        Ok(Ok(answer)) => return Ok(answer),
        Ok(Err(error)) => errors.push(error),
        Err(RecvTimeoutError::Disconnected) => return Err(NoAnswer::AllFailed(errors)),
        Err(RecvTimeoutError::Timeout) => {
            return Err(NoAnswer::TimedOut {
                failed: errors.len(),
            });
        }
    }
}
