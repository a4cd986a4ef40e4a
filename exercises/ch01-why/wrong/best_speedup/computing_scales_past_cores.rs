//! Mistake: divides the computing by the number of threads, as if every
//! thread had a core of its own.
//! Caught by: computing_stops_getting_faster_at_the_number_of_cores, waiting_and_computing_shrink_separately, best_speedup_compares_the_best_case_with_the_sequential_run, computing_alone_speeds_up_at_most_as_many_times_as_there_are_cores
// REGION
        self.waiting / threads as u32 + self.computing / threads as u32
