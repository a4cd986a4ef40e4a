//! Mistake: after a `compare_exchange` that succeeded, reads the slot again
//! and reports a win only if it still holds `score`. A higher score that
//! lands in between makes it report false, although its score did become
//! the best.
//! Caught by: a_higher_score_landing_right_after_your_exchange_does_not_undo_your_win
// REGION
let mut best = self.best.load();
while score > best {
    match self.best.compare_exchange(best, score) {
        Ok(_) => return self.best.load() == score,
        Err(now) => best = now,
    }
}
false
