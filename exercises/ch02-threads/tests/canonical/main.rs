//! The canonical tests of chapter 2's exercises, one module per exercise.

mod ordered_results;
mod parallel_sum;
mod survive_panics;
mod thread_local_counter;
