//! Mistake: `total` returns how many different words there are
//! (`len()`), not how many were added: a word added twice counts once.
//! Caught by: each_add_counts_one, additions_from_many_threads_at_once_are_all_counted
// REGION
#[derive(Clone, Default)]
pub struct Tally {
    counts: Arc<Mutex<HashMap<String, u64>>>,
}
// REGION
        let mut counts = self.counts.lock().unwrap();
        *counts.entry(word.to_string()).or_insert(0) += 1;
// REGION
        self.counts.lock().unwrap().get(word).copied().unwrap_or(0)
// REGION
        self.counts.lock().unwrap().len() as u64
