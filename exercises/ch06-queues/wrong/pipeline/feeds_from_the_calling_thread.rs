//! Mistake: sends every input from the calling thread before collecting
//! any result. With bounded channels, once they are all full the last
//! stage waits for the caller to collect, and the caller waits for room to
//! send: with more inputs than the channels hold, nothing moves again.
//! Caught by: results_match_the_sequential_computation, each_stage_runs_on_a_thread_of_its_own
// REGION
let (to_first, first_inbox) = bounded(BETWEEN_STAGES);
let (to_second, second_inbox) = bounded(BETWEEN_STAGES);
let (to_caller, results) = bounded(BETWEEN_STAGES);
thread::scope(|s| {
    s.spawn(move || {
        for item in first_inbox {
            to_second.send(first(item)).expect("the second stage stopped");
        }
    });
    s.spawn(move || {
        for item in second_inbox {
            to_caller.send(second(item)).expect("the caller stopped");
        }
    });
    for input in inputs {
        to_first.send(input).expect("the first stage stopped");
    }
    drop(to_first);
    results.iter().collect()
})
