//! Exercises for chapter 6, "Queues and channels": solutions and tests.
pub mod fan_in;
pub mod pipeline;
pub mod work_queue;
