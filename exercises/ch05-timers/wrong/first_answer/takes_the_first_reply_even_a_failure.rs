//! Mistake: returns the first reply that arrives, even when it is an
//! error, so one broken mirror ends the whole race.
//! Caught by: the_fastest_good_answer_wins, a_failure_does_not_end_the_race, reports_every_failure_as_soon_as_all_have_failed, the_deadline_covers_the_whole_race
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
match arrived.recv_deadline(deadline) {
    Ok(reply) => reply.map_err(|error| NoAnswer::AllFailed(vec![error])),
    Err(RecvTimeoutError::Disconnected) => Err(NoAnswer::AllFailed(Vec::new())),
    Err(RecvTimeoutError::Timeout) => Err(NoAnswer::TimedOut { failed: 0 }),
}
