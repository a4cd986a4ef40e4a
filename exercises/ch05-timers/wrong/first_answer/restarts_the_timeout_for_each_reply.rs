//! Mistake: waits with the same `recv_timeout(budget)` for every reply, so
//! each failure that arrives starts the clock again and the race runs far
//! past its deadline.
//! Caught by: the_deadline_covers_the_whole_race
// REGION
let (replies, arrived) = crossbeam_channel::unbounded();
for mirror in mirrors {
    let replies = replies.clone();
    thread::spawn(move || {
        let _ = replies.send(mirror());
    });
}
drop(replies);
let mut errors = Vec::new();
loop {
    match arrived.recv_timeout(budget) {
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
