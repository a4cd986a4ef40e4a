//! Mistake: hands the last stage a clone of its sender and keeps the
//! original. When the second stage ends, its clone goes, but the channel
//! stays open, so the collecting loop waits for ever.
//! Caught by: results_match_the_sequential_computation, no_inputs_give_no_results, each_stage_runs_on_a_thread_of_its_own, the_stages_work_at_the_same_time, the_order_holds_when_an_early_item_is_slow
// REGION
let (to_first, first_inbox) = bounded(BETWEEN_STAGES);
let (to_second, second_inbox) = bounded(BETWEEN_STAGES);
let (to_caller, results) = bounded(BETWEEN_STAGES);
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
    let out = to_caller.clone();
    s.spawn(move || {
        for item in second_inbox {
            out.send(second(item)).expect("the caller stopped");
        }
    });
    results.iter().collect()
})
