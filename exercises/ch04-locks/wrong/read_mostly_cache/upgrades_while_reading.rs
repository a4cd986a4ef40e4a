//! Mistake: keeps the read guard in a variable and, on a miss, asks for the
//! write lock while still holding it. The write lock waits for every reader
//! to leave, this thread included, so the first miss never returns.
//! Caught by: a_miss_computes_and_caches_the_value
// REGION
        self.values.read().unwrap().get(key).map(look)
// REGION
        let values = self.values.read().unwrap();
        if let Some(value) = values.get(&key) {
            return value.clone();
        }
        let value = compute();
        let mut values = self.values.write().unwrap();
        values.entry(key).or_insert(value).clone()
