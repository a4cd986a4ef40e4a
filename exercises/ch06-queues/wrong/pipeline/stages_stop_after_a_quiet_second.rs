//! Mistake: each stage stops when nothing has come for a second
//! (`recv_timeout`), like Python's `queue.get(timeout=1)` with
//! `except Empty: break`, instead of when its channel is closed. An item
//! that takes longer than that in the stage before ends the next stage,
//! and the items after it are lost.
//! Caught by: a_stage_left_waiting_by_a_slow_item_loses_nothing
// REGION
    let quiet = std::time::Duration::from_secs(1);
    let (to_first, first_inbox) = bounded::<A>(BETWEEN_STAGES);
    let (to_second, second_inbox) = bounded::<B>(BETWEEN_STAGES);
    let (to_caller, results) = bounded::<C>(BETWEEN_STAGES);
    thread::scope(|s| {
        s.spawn(move || {
            for input in inputs {
                if to_first.send(input).is_err() {
                    break;
                }
            }
        });
        s.spawn(move || {
            while let Ok(item) = first_inbox.recv_timeout(quiet) {
                if to_second.send(first(item)).is_err() {
                    break;
                }
            }
        });
        s.spawn(move || {
            while let Ok(item) = second_inbox.recv_timeout(quiet) {
                if to_caller.send(second(item)).is_err() {
                    break;
                }
            }
        });
        results.iter().collect()
    })
