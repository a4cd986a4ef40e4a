//! The canonical tests of chapter 6's exercises, one module per exercise.

mod fan_in;
mod pipeline;
mod work_queue;
