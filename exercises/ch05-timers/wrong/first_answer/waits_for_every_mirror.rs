//! Mistake: collects every reply (or waits until the deadline) before
//! picking the first good one, so a fast answer waits for the slowest
//! mirror.
//! Caught by: returns_as_soon_as_it_has_a_good_answer
// REGION
let deadline = Instant::now() + budget;
let (replies, arrived) = crossbeam_channel::unbounded();
for mirror in mirrors {
    let replies = replies.clone();
    thread::spawn(move || {
        let _ = replies.send(mirror());
    });
}
drop(replies);
let mut answers = Vec::new();
let mut errors = Vec::new();
let timed_out = loop {
    match arrived.recv_deadline(deadline) {
        Ok(Ok(answer)) => answers.push(answer),
        Ok(Err(error)) => errors.push(error),
        Err(RecvTimeoutError::Disconnected) => break false,
        Err(RecvTimeoutError::Timeout) => break true,
    }
};
match answers.into_iter().next() {
    Some(answer) => Ok(answer),
    None if timed_out => Err(NoAnswer::TimedOut {
        failed: errors.len(),
    }),
    None => Err(NoAnswer::AllFailed(errors)),
}
