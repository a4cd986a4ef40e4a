//! Mistake: waits with a timeout, in case a wakeup is lost, and goes on
//! when the time is up as if the condition held: pop takes from an empty
//! buffer and panics, push adds to a full one.
//! Caught by: pop_waits_for_an_item_and_push_wakes_it, push_waits_while_full_and_pop_wakes_it, pop_is_not_fooled_by_a_wakeup_without_an_item
// REGION
    let items = self.items.lock().unwrap();
    let (mut items, _timed_out) = self
        .not_full
        .wait_timeout_while(items, std::time::Duration::from_millis(100), |items| {
            items.len() >= self.capacity
        })
        .unwrap();
    items.push_back(item);
    self.not_empty.notify_one();
// REGION
    let items = self.items.lock().unwrap();
    let (mut items, _timed_out) = self
        .not_empty
        .wait_timeout_while(items, std::time::Duration::from_millis(100), |items| {
            items.is_empty()
        })
        .unwrap();
    let item = items.pop_front().expect("an item after the wait");
    self.not_full.notify_one();
    item
