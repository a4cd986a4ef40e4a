//! Mistake: waits on the right condvars but notifies the wrong ones: push
//! notifies `not_full` and pop notifies `not_empty`, so each wakes the
//! threads waiting for the same thing it did, never the other side.
//! Caught by: pop_waits_for_an_item_and_push_wakes_it, push_waits_while_full_and_pop_wakes_it, push_wakes_the_waiting_consumer_even_when_a_thread_waits_for_room, pop_wakes_the_waiting_producer_even_when_a_thread_waits_for_an_item
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_full
        .wait_while(items, |items| items.len() >= self.capacity)
        .unwrap();
    items.push_back(item);
    self.not_full.notify_one();
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_empty
        .wait_while(items, |items| items.is_empty())
        .unwrap();
    let item = items.pop_front().expect("wait_while saw an item");
    self.not_empty.notify_one();
    item
