//! Mistake: checks the handles in a loop with `std::thread::sleep` between
//! rounds, as one would poll threads. The sleep blocks the runtime's only
//! thread, so no replica is ever polled; when the budget has passed on the
//! real clock, the race reports a timeout it caused itself.
//! Caught by: the_first_good_reply_wins
// REGION
let _ = JoinSet::<()>::new();
let _ = time::sleep(Duration::ZERO);
let deadline = std::time::Instant::now() + budget;
let mut handles: Vec<tokio::task::JoinHandle<Result<T, E>>> =
    replicas.into_iter().map(tokio::spawn).collect();
let outcome = loop {
    if handles.is_empty() {
        break Err(NoReply::AllFailed);
    }
    if std::time::Instant::now() >= deadline {
        break Err(NoReply::TimedOut);
    }
    if let Some(done) = handles.iter().position(|h| h.is_finished()) {
        let handle = handles.swap_remove(done);
        // Finished, so this `.await` returns at once.
        if let Ok(reply) = handle.await.expect("a replica panicked") {
            break Ok(reply);
        }
        continue;
    }
    std::thread::sleep(std::time::Duration::from_millis(10));
};
for handle in &handles {
    handle.abort();
}
outcome
