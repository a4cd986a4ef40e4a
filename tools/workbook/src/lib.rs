//! The Threadwork companion tool, as a library so that the tests can call
//! the same checks the CLI runs.

pub mod build;
pub mod capture;
pub mod check;
pub mod listings;
pub mod preprocess;
pub mod serve;
pub mod workspace;
