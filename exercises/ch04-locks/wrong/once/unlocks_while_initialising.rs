//! Mistake: checks the slot under the lock, but unlocks before running
//! `init` and locks again to keep the value, so a caller arriving while
//! `init` runs finds the slot empty and runs `init` a second time.
//! Caught by: a_caller_arriving_during_init_waits_for_its_value
// REGION
        self.value
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
// REGION
        if let Some(value) = self.get() {
            return value;
        }
        let value = init();
        *self.value.lock().unwrap_or_else(PoisonError::into_inner) = Some(value.clone());
        value
