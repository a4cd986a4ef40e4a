//! The canonical tests of chapter 8's exercises, one module per exercise.

mod as_completed;
mod submit_handle;
mod word_count;
