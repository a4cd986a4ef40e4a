//! Mistake: treats waiting like computing, so the waiting part shrinks only
//! as many times as there are cores, although a waiting thread needs no core.
//! Caught by: waiting_overlaps_across_all_the_threads, waiting_and_computing_shrink_separately, best_speedup_compares_the_best_case_with_the_sequential_run
// REGION
        let at_once = threads.min(cores);
        self.waiting / at_once as u32 + self.computing / at_once as u32
