//! Mistake: push waits only while the buffer holds *more* than `capacity`
//! items (`>` instead of `>=`), so a full buffer takes one item more.
//! Caught by: push_waits_while_full_and_pop_wakes_it, push_is_not_fooled_by_a_wakeup_without_room
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_full
        .wait_while(items, |items| items.len() > self.capacity)
        .unwrap();
    items.push_back(item);
    self.not_empty.notify_one();
