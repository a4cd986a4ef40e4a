//! The Threadwork companion tool, as a library so that the tests can call
//! the same checks the CLI runs.
//!
//! - `book/`: build, serve, preprocess, capture and check the book;
//! - `exercises/`: single-source exercises, the learner's project and verbs,
//!   the deadline-per-test runner;
//! - `instructor/`: `pack`, `plan`, `grade` and `merge`;
//! - `util/`: small helpers the others share;
//! - `workspace`: the Cargo workspace as `cargo metadata` describes it.
#![forbid(unsafe_code)]

pub mod book;
pub mod exercises;
pub mod instructor;
pub mod util;
pub mod workspace;
