//! Mistake: reads the ID with `load`, then moves the counter on with
//! `fetch_add` and ignores what it returned; another thread can take the
//! same ID between the two.
//! Caught by: an_id_another_thread_takes_meanwhile_is_not_handed_out_again
// REGION
        let id = self.next.load();
        self.next.fetch_add(1);
        id
