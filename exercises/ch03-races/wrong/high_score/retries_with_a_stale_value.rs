//! Mistake: retries after a failed `compare_exchange` with the same stale
//! value it expected before, so the exchange fails again, forever.
//! Caught by: a_higher_score_that_lands_meanwhile_is_kept, a_lower_score_that_lands_meanwhile_does_not_stop_a_higher_one
// REGION
        let best = self.best.load();
        while score > best {
            if self.best.compare_exchange(best, score).is_ok() {
                return true;
            }
        }
        false
