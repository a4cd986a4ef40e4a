//! Mistake: runs `init` under the lock on every call and keeps the newest
//! value, so the value changes from call to call instead of being made once.
//! Caught by: the_first_call_runs_init_and_every_call_gets_its_value, many_threads_at_once_share_one_value
// REGION
        self.value
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
// REGION
        let mut value = self.value.lock().unwrap_or_else(PoisonError::into_inner);
        *value = Some(init());
        value.clone().expect("just kept")
