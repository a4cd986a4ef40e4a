//! The canonical tests of chapter 3's exercises, one module per exercise.

mod high_score;
mod id_allocator;
mod overdraft;
