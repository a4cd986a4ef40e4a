//! The canonical tests of chapter 11's exercises, one module per exercise.

mod fetch_limited;
mod first_reply;
mod shutdown;
