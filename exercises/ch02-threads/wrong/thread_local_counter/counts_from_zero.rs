//! Mistake: returns the count from before the call and then adds one, so a
//! thread's first request is number 0.
//! Caught by: a_new_thread_starts_at_one, a_thread_numbers_its_requests_one_two_three, threads_running_at_the_same_time_each_count_from_one, a_thread_keeps_its_count_while_the_threads_it_starts_count_their_own
// REGION
    thread_local! {
        static REQUESTS_SENT: Cell<u64> = const { Cell::new(0) };
    }
    REQUESTS_SENT.with(|sent| {
        let number = sent.get();
        sent.set(number + 1);
        number
    })
