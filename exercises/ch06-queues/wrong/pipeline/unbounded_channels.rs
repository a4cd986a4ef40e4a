//! Mistake: connects the stages with unbounded channels. The results are
//! right, but a fast stage runs as far ahead of a slow one as it likes,
//! and the items pile up in the channel between them.
//! Caught by: a_fast_stage_runs_only_a_few_items_ahead_of_a_slow_one
// REGION
let (to_first, first_inbox) = crossbeam_channel::unbounded();
let (to_second, second_inbox) = crossbeam_channel::unbounded();
let (to_caller, results) = crossbeam_channel::unbounded();
thread::scope(|s| {
    s.spawn(move || {
        for input in inputs {
            to_first.send(input).expect("the first stage stopped");
        }
    });
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
    results.iter().collect()
})
