//! Mistake: spawns one background thread that works through all the inputs
//! in a loop, so the results are in order but nothing runs at the same time.
//! Caught by: every_input_runs_on_a_new_thread_of_its_own, inputs_are_worked_on_at_the_same_time
// REGION
    thread::spawn(move || inputs.into_iter().map(work).collect())
        .join()
        .expect("the worker panicked")
