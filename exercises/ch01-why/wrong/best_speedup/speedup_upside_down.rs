//! Mistake: divides the best case by the sequential time, which gives the
//! fraction of the time that is left, not how many times faster it is.
//! Caught by: best_speedup_compares_the_best_case_with_the_sequential_run, computing_alone_speeds_up_at_most_as_many_times_as_there_are_cores
// REGION
        let computing_at_once = threads.min(cores);
        self.waiting / threads as u32 + self.computing / computing_at_once as u32
// REGION
        self.best_case(threads, cores).as_secs_f64() / self.sequential().as_secs_f64()
