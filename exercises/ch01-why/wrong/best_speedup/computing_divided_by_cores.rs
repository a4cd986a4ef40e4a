//! Mistake: divides the computing by the number of cores, even when there
//! are fewer threads than cores to keep them busy.
//! Caught by: one_thread_takes_as_long_as_the_sequential_run, cores_without_a_thread_to_run_do_not_help, computing_alone_speeds_up_at_most_as_many_times_as_there_are_cores
// REGION
        self.waiting / threads as u32 + self.computing / cores as u32
