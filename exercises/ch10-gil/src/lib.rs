//! Exercises for chapter 10, "The GIL and Rust's ownership": solutions and tests.
pub mod price_board;
pub mod shared_tally;
