//! Mistake: joins each thread right after spawning it, so the results come
//! back in order but the inputs are worked on one after another.
//! Caught by: inputs_are_worked_on_at_the_same_time
// REGION
    inputs
        .into_iter()
        .map(|input| {
            let work = work.clone();
            thread::spawn(move || work(input))
                .join()
                .expect("a worker panicked")
        })
        .collect()
