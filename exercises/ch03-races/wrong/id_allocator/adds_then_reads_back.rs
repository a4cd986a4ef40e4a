//! Mistake: adds 1 with `fetch_add`, throws its answer away and loads the
//! counter again, which another thread may have moved on meanwhile.
//! Caught by: an_id_another_thread_takes_meanwhile_is_not_handed_out_again
// REGION
        self.next.fetch_add(1);
        self.next.load() - 1
