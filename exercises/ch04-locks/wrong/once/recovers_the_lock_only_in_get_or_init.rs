//! Mistake: recovers the guard from a poisoned lock in `get_or_init` but
//! not in `get`, which still calls `lock().unwrap()`: after an `init` has
//! panicked, `get` panics although the slot is simply empty.
//! Caught by: a_panicking_init_keeps_nothing_and_the_next_call_tries_again
// REGION
        self.value.lock().unwrap().clone()
