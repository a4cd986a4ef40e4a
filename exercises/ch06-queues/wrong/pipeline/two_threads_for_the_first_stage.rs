//! Mistake: speeds up the first stage with two threads sharing its inbox.
//! Each item still goes through both stages, but the two threads finish
//! at different times, so an item can overtake the one before it.
//! Caught by: the_order_holds_when_an_early_item_is_slow
// REGION
let (to_first, first_inbox) = bounded(BETWEEN_STAGES);
let (to_second, second_inbox) = bounded(BETWEEN_STAGES);
let (to_caller, results) = bounded(BETWEEN_STAGES);
let first = &first;
thread::scope(|s| {
    s.spawn(move || {
        for input in inputs {
            to_first.send(input).expect("the first stage stopped");
        }
    });
    for _ in 0..2 {
        let (first_inbox, to_second) = (first_inbox.clone(), to_second.clone());
        s.spawn(move || {
            for item in first_inbox {
                to_second.send(first(item)).expect("the second stage stopped");
            }
        });
    }
    drop(to_second);
    s.spawn(move || {
        for item in second_inbox {
            to_caller.send(second(item)).expect("the caller stopped");
        }
    });
    results.iter().collect()
})
