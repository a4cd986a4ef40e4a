//! Mistake: takes the longer of the two shrunken parts instead of their sum,
//! as if the computing could run while the waiting goes on; the program
//! waits, then computes, so the parts add up.
//! Caught by: one_thread_takes_as_long_as_the_sequential_run, waiting_and_computing_shrink_separately, best_speedup_compares_the_best_case_with_the_sequential_run
// REGION
        let computing_at_once = threads.min(cores);
        (self.waiting / threads as u32).max(self.computing / computing_at_once as u32)
