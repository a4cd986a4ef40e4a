//! The canonical tests of chapter 1's exercises, one module per exercise.

mod best_speedup;
mod split_range;
