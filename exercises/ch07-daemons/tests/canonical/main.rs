//! The canonical tests of chapter 7's exercises, one module per exercise.

mod background_logger;
mod prompt_heartbeat;
mod stoppable_worker;
