//! Exercises for chapter 5, "Timers and timeouts": solutions and tests.
pub mod first_answer;
pub mod repeating_timer;
pub mod retry;
