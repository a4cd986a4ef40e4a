//! Mistake: shares the prices through `Arc<Mutex<…>>`, the Python habit of
//! one lock for everything. For short lookups that would be fine (a `Mutex`
//! is cheaper per lock), but this board promises that readers, whose `look`
//! may take long, are inside `read` together; under a `Mutex` they take
//! turns.
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
