//! Mistake: `set` takes a copy of the prices under the read lock, "so as
//! not to block the readers", and changes the copy. The copy is thrown away
//! and the board never changes.
//! Caught by: a_price_that_was_set_can_be_read, a_price_set_on_another_thread_is_seen_by_every_clone
// REGION
#[derive(Clone, Default)]
pub struct Board {
    prices: Arc<RwLock<HashMap<String, u32>>>,
}
// REGION
        let mut prices = self.prices.read().unwrap().clone();
        prices.insert(item.to_string(), cents);
