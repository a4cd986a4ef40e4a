//! Exercises for chapter 4, "Locks": solutions and tests.
pub mod bank_transfer;
pub mod bounded_buffer;
pub mod once;
pub mod read_mostly_cache;
