//! Mistake: clones the map out of the lock to add to it, so the addition
//! goes to a copy that is thrown away and the shared counts never change.
//! Caught by: each_add_counts_one, every_clone_sees_the_same_counts, additions_from_many_threads_at_once_are_all_counted
// REGION
#[derive(Clone, Default)]
pub struct Tally {
    counts: Arc<Mutex<HashMap<String, u64>>>,
}
// REGION
        let mut counts = self.counts.lock().unwrap().clone();
        *counts.entry(word.to_string()).or_insert(0) += 1;
