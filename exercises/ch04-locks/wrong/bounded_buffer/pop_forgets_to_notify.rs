//! Mistake: pop takes an item but never notifies `not_full`, so a producer
//! already waiting in push sleeps on although there is room.
//! Caught by: push_waits_while_full_and_pop_wakes_it
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_full
        .wait_while(items, |items| items.len() >= self.capacity)
        .unwrap();
    items.push_back(item);
    self.not_empty.notify_one();
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_empty
        .wait_while(items, |items| items.is_empty())
        .unwrap();
    items.pop_front().expect("wait_while saw an item")
