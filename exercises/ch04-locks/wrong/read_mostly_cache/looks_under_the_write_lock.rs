//! Mistake: takes the write lock to look at a value, so lookers take turns
//! instead of reading at the same time.
//! Caught by: lookers_share_the_read_lock
// REGION
        self.values.write().unwrap().get(key).map(look)
