//! The canonical tests of chapter 10's exercises, one module per exercise.

mod price_board;
mod shared_tally;
