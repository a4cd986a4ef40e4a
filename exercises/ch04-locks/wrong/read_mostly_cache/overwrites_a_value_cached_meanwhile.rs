//! Mistake: after computing, inserts its value without looking again, so
//! when two threads miss the same key, the second overwrites the first
//! one's value and the two return different values.
//! Caught by: two_threads_missing_the_same_key_agree_on_one_value
// REGION
        self.values.read().unwrap().get(key).map(look)
// REGION
        if let Some(value) = self.values.read().unwrap().get(&key) {
            return value.clone();
        }
        let value = compute();
        self.values.write().unwrap().insert(key, value.clone());
        value
