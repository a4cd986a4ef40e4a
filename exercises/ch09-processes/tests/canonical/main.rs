//! The canonical tests of chapter 9's exercises, one module per exercise.

mod pipe_through;
mod retry_crashed;
