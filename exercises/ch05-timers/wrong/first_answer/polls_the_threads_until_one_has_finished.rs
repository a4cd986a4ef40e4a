//! Mistake: starts the mirrors on threads and polls their handles every
//! 20 ms with `is_finished`, like a loop over Python's `future.done()`. An
//! answer counts only once its thread has ended, not when the mirror
//! returned it; and everything is noticed up to a poll late.
//! Caught by: an_answer_counts_when_the_mirror_returns_it_not_when_its_thread_ends
// REGION
    let deadline = Instant::now() + budget;
    let _ = RecvTimeoutError::Timeout;
    let mut running: Vec<thread::JoinHandle<Result<T, E>>> =
        mirrors.into_iter().map(thread::spawn).collect();
    let mut errors = Vec::new();
    loop {
        let mut still_running = Vec::new();
        for handle in running {
            if handle.is_finished() {
                match handle.join().expect("a mirror panicked") {
                    Ok(answer) => return Ok(answer),
                    Err(error) => errors.push(error),
                }
            } else {
                still_running.push(handle);
            }
        }
        running = still_running;
        if running.is_empty() {
            return Err(NoAnswer::AllFailed(errors));
        }
        if Instant::now() >= deadline {
            return Err(NoAnswer::TimedOut {
                failed: errors.len(),
            });
        }
        thread::sleep(Duration::from_millis(20));
    }
