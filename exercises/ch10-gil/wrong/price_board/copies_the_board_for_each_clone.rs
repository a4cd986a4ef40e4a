//! Mistake: gives each clone its own copy of the prices (no `Arc`), so a
//! price set through one clone, on another thread, is never seen by the rest.
//! Caught by: a_price_set_on_another_thread_is_seen_by_every_clone
// REGION
#[derive(Default)]
pub struct Board {
    prices: RwLock<HashMap<String, u32>>,
}

impl Clone for Board {
    fn clone(&self) -> Board {
        Board {
            prices: RwLock::new(self.prices.read().unwrap().clone()),
        }
    }
}
