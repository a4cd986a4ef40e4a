//! Mistake: keeps the counts in one `static`, like a module-level `dict` in
//! Python, so that every handle reaches them without an `Arc`. Clones do
//! share, but so does every other tally: two tallies made with `new` count
//! into the same map.
//! Caught by: two_tallies_keep_separate_counts
// REGION
#[derive(Clone)]
pub struct Tally {
    counts: &'static Mutex<HashMap<String, u64>>,
}

impl Default for Tally {
    fn default() -> Tally {
        static COUNTS: std::sync::LazyLock<Mutex<HashMap<String, u64>>> =
            std::sync::LazyLock::new(Default::default);
        let _no_arc: Option<Arc<()>> = None;
        Tally { counts: &COUNTS }
    }
}
