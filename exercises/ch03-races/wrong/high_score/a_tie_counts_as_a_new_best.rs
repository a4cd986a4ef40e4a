//! Mistake: loops while `score >= best`, so a score that only ties with the
//! best is written again and reported as a new best.
//! Caught by: only_a_higher_score_raises_the_best
// REGION
        let mut best = self.best.load();
        while score >= best {
            match self.best.compare_exchange(best, score) {
                Ok(_) => return true,
                Err(now) => best = now,
            }
        }
        false
