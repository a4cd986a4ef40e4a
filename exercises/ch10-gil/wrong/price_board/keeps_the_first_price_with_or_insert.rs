//! Mistake: `set` writes with `entry(item).or_insert(cents)`, which only
//! inserts a price that is missing: once an item has a price, setting it
//! again changes nothing.
//! Caught by: a_price_that_was_set_can_be_read
// REGION
#[derive(Clone, Default)]
pub struct Board {
    prices: Arc<RwLock<HashMap<String, u32>>>,
}
// REGION
        self.prices
            .write()
            .unwrap()
            .entry(item.to_string())
            .or_insert(cents);
