//! Mistake: takes the write lock first and computes while holding it, so
//! every reader, of any key, waits until the computation is over.
//! Caught by: a_slow_computation_holds_up_no_reader, two_threads_missing_the_same_key_agree_on_one_value
// REGION
        self.values.read().unwrap().get(key).map(look)
// REGION
        let mut values = self.values.write().unwrap();
        if let Some(value) = values.get(&key) {
            return value.clone();
        }
        let value = compute();
        values.insert(key, value.clone());
        value
