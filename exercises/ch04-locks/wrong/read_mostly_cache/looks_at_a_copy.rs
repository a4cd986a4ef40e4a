//! Mistake: copies the value out under the read lock and calls `look` on
//! the copy after the guard is gone, so as not to hold the lock while
//! other code runs. `look` no longer sees the cached value, and a writer
//! may change it while `look` runs.
//! Caught by: look_sees_the_cached_value_itself_under_the_read_lock
// REGION
        let value = self.values.read().unwrap().get(key).cloned();
        value.map(|value| look(&value))
