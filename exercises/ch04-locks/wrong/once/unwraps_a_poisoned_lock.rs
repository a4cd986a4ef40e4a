//! Mistake: calls `lock().unwrap()`, so once an `init` has panicked with the
//! lock held, every later call panics on the poisoned lock, although the
//! slot is simply empty.
//! Caught by: a_panicking_init_keeps_nothing_and_the_next_call_tries_again
// REGION
        self.value.lock().unwrap().clone()
// REGION
        let mut value = self.value.lock().unwrap();
        value.get_or_insert_with(init).clone()
