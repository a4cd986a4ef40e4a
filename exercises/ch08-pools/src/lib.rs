//! Exercises for chapter 8, "Pools": solutions and tests.
pub mod as_completed;
pub mod submit_handle;
pub mod word_count;
