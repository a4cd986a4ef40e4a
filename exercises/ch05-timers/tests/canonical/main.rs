//! The canonical tests of chapter 5's exercises, one module per exercise.

mod first_answer;
mod repeating_timer;
mod retry;
