//! Mistake: tries `compare_exchange` from the value it loaded once, and
//! hands out that value even when the exchange failed because another
//! thread took it meanwhile.
//! Caught by: an_id_another_thread_takes_meanwhile_is_not_handed_out_again
// REGION
        let id = self.next.load();
        let _ = self.next.compare_exchange(id, id + 1);
        id
