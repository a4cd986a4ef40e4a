//! Mistake: tries one `compare_exchange`, and when it fails falls back to a
//! `load` and a `store`, as if a race were only a first-try problem. A
//! thread that takes an ID between that `load` and `store` gets it again.
//! Caught by: an_id_another_thread_takes_after_any_step_is_not_handed_out_again
// REGION
let id = self.next.load();
if self.next.compare_exchange(id, id + 1).is_ok() {
    return id;
}
let now = self.next.load();
self.next.store(now + 1);
now
