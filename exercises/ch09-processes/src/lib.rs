//! Exercises for chapter 9, "Processes": solutions and tests.
pub mod pipe_through;
pub mod retry_crashed;
