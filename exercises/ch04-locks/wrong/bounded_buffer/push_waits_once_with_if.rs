//! Mistake: pop waits in a loop, as it should, but push checks for room
//! once with `if` and, after any wakeup, adds its item without looking
//! again, so a wakeup that made no room lets a full buffer overflow.
//! Caught by: push_is_not_fooled_by_a_wakeup_without_room
// REGION
    let mut items = self.items.lock().unwrap();
    if items.len() >= self.capacity {
        items = self.not_full.wait(items).unwrap();
    }
    items.push_back(item);
    self.not_empty.notify_one();
