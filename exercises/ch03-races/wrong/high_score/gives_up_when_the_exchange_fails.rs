//! Mistake: tries `compare_exchange` once and gives up when it fails, even
//! though the score that got in first was lower.
//! Caught by: a_lower_score_that_lands_meanwhile_does_not_stop_a_higher_one
// REGION
        let best = self.best.load();
        score > best && self.best.compare_exchange(best, score).is_ok()
