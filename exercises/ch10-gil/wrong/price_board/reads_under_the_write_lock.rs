//! Mistake: takes `write()` in `read` too ("to be safe"), which shuts every
//! other reader out just as a `Mutex` would.
//! Caught by: two_readers_can_be_inside_read_at_the_same_time
// REGION
#[derive(Clone, Default)]
pub struct Board {
    prices: Arc<RwLock<HashMap<String, u32>>>,
}
// REGION
        self.prices
            .write()
            .unwrap()
            .insert(item.to_string(), cents);
// REGION
        let prices = self.prices.write().unwrap();
        look(&prices)
