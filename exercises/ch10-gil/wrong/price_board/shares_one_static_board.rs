//! Mistake: keeps the prices in one `static`, like a module-level `dict` in
//! Python, so that every handle reaches them without an `Arc`. Clones do
//! share, but so does every other board: two shops made with `new` show
//! each other's prices.
//! Caught by: two_boards_keep_separate_prices
// REGION
#[derive(Clone)]
pub struct Board {
    prices: &'static RwLock<HashMap<String, u32>>,
}

impl Default for Board {
    fn default() -> Board {
        static PRICES: std::sync::LazyLock<RwLock<HashMap<String, u32>>> =
            std::sync::LazyLock::new(Default::default);
        let _no_arc: Option<Arc<()>> = None;
        Board { prices: &PRICES }
    }
}
