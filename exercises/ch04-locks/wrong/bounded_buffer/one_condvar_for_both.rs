//! Mistake: producers and consumers all wait on one condvar (`not_empty`)
//! and each side wakes one waiter with `notify_one`. The one woken may be
//! a thread waiting for the other condition, which checks, finds nothing
//! for it, and sleeps again: the wakeup is lost and the thread it was
//! meant for sleeps on.
//! Caught by: pop_wakes_the_waiting_producer_even_when_a_thread_waits_for_an_item
// REGION
    let items = self.items.lock().unwrap();
    let mut items = self
        .not_empty
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
    let item = items.pop_front().expect("wait_while saw an item");
    self.not_empty.notify_one();
    item
