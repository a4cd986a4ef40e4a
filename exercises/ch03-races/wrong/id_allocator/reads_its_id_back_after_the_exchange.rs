//! Mistake: moves the counter with a `compare_exchange` that succeeds, then
//! reads the counter again to learn its ID ("one less than the counter
//! now"). If another thread takes an ID between the exchange and that
//! `load`, both get the same ID.
//! Caught by: an_id_another_thread_takes_after_any_step_is_not_handed_out_again
// REGION
loop {
    let id = self.next.load();
    if self.next.compare_exchange(id, id + 1).is_ok() {
        return self.next.load() - 1;
    }
}
