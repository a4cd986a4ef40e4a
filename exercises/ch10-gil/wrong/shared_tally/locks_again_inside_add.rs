//! Mistake: `add` locks the counts, then calls `self.count(word)` to read
//! the old value, which locks them again. A `Mutex` is not reentrant
//! (Python's `RLock` is): the second lock waits for the first, held by
//! the same thread, for ever.
//! Caught by: each_add_counts_one, every_clone_sees_the_same_counts, two_tallies_keep_separate_counts, additions_from_many_threads_at_once_are_all_counted
// REGION
#[derive(Clone, Default)]
pub struct Tally {
    counts: Arc<Mutex<HashMap<String, u64>>>,
}
// REGION
        let mut counts = self.counts.lock().unwrap();
        let now = self.count(word);
        counts.insert(word.to_string(), now + 1);
