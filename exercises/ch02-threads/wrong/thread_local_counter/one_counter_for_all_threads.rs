//! Mistake: keeps the count in one shared `static AtomicU64`, so every
//! thread's requests are numbered from the same counter.
//! Caught by: a_new_thread_starts_at_one, threads_running_at_the_same_time_each_count_from_one, a_thread_keeps_its_count_while_the_threads_it_starts_count_their_own
// REGION
    use std::sync::atomic::{AtomicU64, Ordering};

    static REQUESTS_SENT: AtomicU64 = AtomicU64::new(0);
    REQUESTS_SENT.fetch_add(1, Ordering::Relaxed) + 1
