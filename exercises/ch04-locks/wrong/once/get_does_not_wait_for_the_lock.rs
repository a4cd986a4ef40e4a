//! Mistake: `get` uses `try_lock` so that it never blocks, and reports
//! `None` when the lock is busy. While another thread holds the lock, even
//! only to read the value, `get` says nothing is kept although a value is.
//! Caught by: get_waits_for_the_lock_rather_than_report_nothing
// REGION
        match self.value.try_lock() {
            Ok(value) => value.clone(),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner().clone(),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
