//! Mistake: keeps the counts in one shared map keyed by the thread's name,
//! as Python's thread names are unique; threads started without a name all
//! share the same count.
//! Caught by: a_new_thread_starts_at_one, threads_running_at_the_same_time_each_count_from_one, a_thread_keeps_its_count_while_the_threads_it_starts_count_their_own
// REGION
    use std::collections::HashMap;
    use std::sync::Mutex;

    static REQUESTS_SENT: Mutex<Option<HashMap<String, u64>>> = Mutex::new(None);
    let name = std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_owned();
    let mut counts = REQUESTS_SENT.lock().unwrap();
    let count = counts.get_or_insert_with(HashMap::new).entry(name).or_insert(0);
    *count += 1;
    *count
