//! Mistake: returns the count plus one without storing it back in the
//! `Cell`, so every request a thread sends is number 1.
//! Caught by: each_call_gets_a_higher_number_than_the_one_before, threads_running_at_the_same_time_each_count_from_one, a_thread_keeps_its_count_while_the_threads_it_starts_count_their_own
// REGION
    thread_local! {
        static REQUESTS_SENT: Cell<u64> = const { Cell::new(0) };
    }
    REQUESTS_SENT.with(|sent| sent.get() + 1)
