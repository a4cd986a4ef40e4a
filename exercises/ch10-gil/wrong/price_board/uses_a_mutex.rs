//! Mistake: shares the prices through `Arc<Mutex<…>>`, the Python habit of
//! one lock for everything: it is correct, but readers take turns.
//! Caught by: two_readers_can_be_inside_read_at_the_same_time
// REGION
#[derive(Clone, Default)]
pub struct Board {
    prices: Arc<std::sync::Mutex<HashMap<String, u32>>>,
}
// REGION
        self.prices
            .lock()
            .unwrap()
            .insert(item.to_string(), cents);
// REGION
        let prices = self.prices.lock().unwrap();
        look(&prices)
