//! Mistake: loads the next ID, then stores one more, in two steps; another
//! thread can take the same ID between them.
//! Caught by: an_id_another_thread_takes_meanwhile_is_not_handed_out_again
// REGION
        let id = self.next.load();
        self.next.store(id + 1);
        id
