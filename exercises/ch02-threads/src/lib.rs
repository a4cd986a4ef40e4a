//! Exercises for chapter 2, "Threads": solutions and tests.
pub mod ordered_results;
pub mod parallel_sum;
pub mod survive_panics;
pub mod thread_local_counter;
