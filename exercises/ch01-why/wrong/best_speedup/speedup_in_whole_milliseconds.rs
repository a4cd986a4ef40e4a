//! Mistake: divides the two times as whole milliseconds, an integer
//! division, so a speed-up of 3.33 comes out as 3.
//! Caught by: best_speedup_compares_the_best_case_with_the_sequential_run
// REGION
        let computing_at_once = threads.min(cores);
        self.waiting / threads as u32 + self.computing / computing_at_once as u32
// REGION
        (self.sequential().as_millis() / self.best_case(threads, cores).as_millis()) as f64
