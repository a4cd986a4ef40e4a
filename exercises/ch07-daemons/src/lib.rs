//! Exercises for chapter 7, "Background threads and shutdown": solutions and tests.
pub mod background_logger;
pub mod prompt_heartbeat;
pub mod stoppable_worker;
