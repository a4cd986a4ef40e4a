//! Mistake: has every thread send its result down a channel and collects
//! one result per input from the receiver, so the results come back in the
//! order the threads finished, not the order of the inputs.
//! Caught by: results_keep_input_order_when_the_first_input_is_slowest
// REGION
    use std::sync::mpsc;

    let (sender, receiver) = mpsc::channel();
    let count = inputs.len();
    for input in inputs {
        let work = work.clone();
        let sender = sender.clone();
        thread::spawn(move || {
            let result = work(input);
            sender.send(result).expect("the caller stopped listening");
        });
    }
    receiver.iter().take(count).collect()
