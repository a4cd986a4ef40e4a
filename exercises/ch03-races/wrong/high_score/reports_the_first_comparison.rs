//! Mistake: decides what to return from its first reading, before the
//! exchange, so it reports `true` although a higher score landed meanwhile
//! and its own was never written.
//! Caught by: a_score_beaten_meanwhile_reports_false
// REGION
        let first = self.best.load();
        let mut best = first;
        while score > best {
            match self.best.compare_exchange(best, score) {
                Ok(_) => break,
                Err(now) => best = now,
            }
        }
        score > first
