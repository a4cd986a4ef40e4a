//! Mistake: turns both parts into whole milliseconds before dividing, so
//! anything below a millisecond rounds away to nothing.
//! Caught by: times_below_a_millisecond_are_kept
// REGION
        let computing_at_once = threads.min(cores) as u128;
        let millis = self.waiting.as_millis() / threads as u128
            + self.computing.as_millis() / computing_at_once;
        Duration::from_millis(millis as u64)
