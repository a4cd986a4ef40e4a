//! Exercises for chapter 1, "Concurrency, parallelism, and where the time goes": solutions and tests.
pub mod best_speedup;
pub mod split_range;
