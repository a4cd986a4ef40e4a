//! Exercises for chapter 3, "Race conditions": solutions and tests.
pub mod high_score;
pub mod id_allocator;
pub mod overdraft;
