//! Mistake: retries a failed `compare_exchange` with the value it loaded
//! before, which the counter no longer holds, so it fails forever.
//! Caught by: an_id_another_thread_takes_meanwhile_is_not_handed_out_again
// REGION
        let id = self.next.load();
        while self.next.compare_exchange(id, id + 1).is_err() {}
        id
