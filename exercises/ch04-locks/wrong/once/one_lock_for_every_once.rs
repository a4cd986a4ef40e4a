//! Mistake: guards the initialisation with one lock for the whole program
//! (a `static`, like a Python module-level lock), held while `init` runs.
//! Different `Once`s then wait for each other, and an `init` that needs
//! another `Once` waits for a lock its own thread holds: it never returns.
//! Caught by: an_init_may_use_another_once
// REGION
        self.value
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
// REGION
        static INITIALISING: Mutex<()> = Mutex::new(());
        let _one_at_a_time = INITIALISING.lock().unwrap_or_else(PoisonError::into_inner);
        let mut value = self.value.lock().unwrap_or_else(PoisonError::into_inner);
        value.get_or_insert_with(init).clone()
