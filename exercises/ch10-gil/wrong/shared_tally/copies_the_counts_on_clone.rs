//! Mistake: `Mutex` is not `Clone`, so the counts are copied by a hand-written
//! `clone`: every thread then counts into a map of its own, and the original
//! never sees their additions.
//! Caught by: every_clone_sees_the_same_counts, additions_from_many_threads_at_once_are_all_counted
// REGION
#[derive(Default)]
pub struct Tally {
    counts: Mutex<HashMap<String, u64>>,
}

impl Clone for Tally {
    fn clone(&self) -> Tally {
        Tally {
            counts: Mutex::new(self.counts.lock().unwrap().clone()),
        }
    }
}
