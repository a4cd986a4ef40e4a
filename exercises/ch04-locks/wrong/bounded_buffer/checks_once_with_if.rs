//! Mistake: waits with `if` instead of `while`, so a thread woken without
//! a reason goes on as if the condition held: pop takes from an empty
//! buffer, push adds to a full one.
//! Caught by: pop_is_not_fooled_by_a_wakeup_without_an_item, push_is_not_fooled_by_a_wakeup_without_room
// REGION
    let mut items = self.items.lock().unwrap();
    if items.len() >= self.capacity {
        items = self.not_full.wait(items).unwrap();
    }
    items.push_back(item);
    self.not_empty.notify_one();
// REGION
    let mut items = self.items.lock().unwrap();
    if items.is_empty() {
        items = self.not_empty.wait(items).unwrap();
    }
    let item = items.pop_front().expect("an item after the wait");
    self.not_full.notify_one();
    item
