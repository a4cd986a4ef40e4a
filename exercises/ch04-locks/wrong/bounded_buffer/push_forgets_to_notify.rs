//! Mistake: push adds the item but never notifies `not_empty`, so a
//! consumer already waiting in pop sleeps on with an item in the buffer.
//! Caught by: pop_waits_for_an_item_and_push_wakes_it
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_full
        .wait_while(items, |items| items.len() >= self.capacity)
        .unwrap();
    items.push_back(item);
