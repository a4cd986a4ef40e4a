//! Mistake: loads the best score, compares, then stores the new one; a
//! higher score that lands between the load and the store is overwritten.
//! Caught by: a_higher_score_that_lands_meanwhile_is_kept
// REGION
        if score > self.best.load() {
            self.best.store(score);
            true
        } else {
            false
        }
