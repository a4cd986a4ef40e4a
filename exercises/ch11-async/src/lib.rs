//! Exercises for chapter 11, "Async and event loops": solutions and tests.
pub mod fetch_limited;
pub mod first_reply;
pub mod shutdown;
