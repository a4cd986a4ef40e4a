//! Mistake: `count` looks the word up with `counts[word]`, as Python's
//! `d[word]` would. For a word never added, indexing a `HashMap` panics
//! (Python's `KeyError`) instead of answering 0.
//! Caught by: a_word_never_added_counts_zero
// REGION
#[derive(Clone, Default)]
pub struct Tally {
    counts: Arc<Mutex<HashMap<String, u64>>>,
}
// REGION
        let mut counts = self.counts.lock().unwrap();
        *counts.entry(word.to_string()).or_insert(0) += 1;
// REGION
        self.counts.lock().unwrap()[word]
