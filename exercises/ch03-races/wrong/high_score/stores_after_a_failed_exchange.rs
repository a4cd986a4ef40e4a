//! Mistake: when `compare_exchange` fails, compares with the value it found
//! and then writes with `store`, which writes over a higher score that
//! landed after that comparison.
//! Caught by: a_higher_score_landing_during_a_retry_is_kept
// REGION
        let best = self.best.load();
        if score <= best {
            return false;
        }
        match self.best.compare_exchange(best, score) {
            Ok(_) => true,
            Err(now) if score > now => {
                self.best.store(score);
                true
            }
            Err(_) => false,
        }
