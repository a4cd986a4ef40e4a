//! Mistake: does not want to wait, so when the lock is busy (someone is
//! running `init`) it runs `init` itself and returns that value without
//! keeping it: `init` runs twice and the callers get different values.
//! Caught by: a_caller_arriving_during_init_waits_for_its_value
// REGION
        self.value
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
// REGION
        match self.value.try_lock() {
            Ok(mut value) => value.get_or_insert_with(init).clone(),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                poisoned.into_inner().get_or_insert_with(init).clone()
            }
            Err(std::sync::TryLockError::WouldBlock) => init(),
        }
