//! The canonical tests of chapter 4's exercises, one module per exercise.

mod bank_transfer;
mod bounded_buffer;
mod once;
mod read_mostly_cache;
