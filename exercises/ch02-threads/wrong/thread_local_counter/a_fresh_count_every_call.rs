//! Mistake: keeps the count in a local variable of the function, which is
//! made anew, at zero, on every call: every request is number 1.
//! Caught by: each_call_gets_a_higher_number_than_the_one_before, a_thread_numbers_its_requests_one_two_three, a_thread_keeps_its_count_while_the_threads_it_starts_count_their_own
// REGION
    let sent = Cell::new(0);
    sent.set(sent.get() + 1);
    sent.get()
