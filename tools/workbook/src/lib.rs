//! The Threadwork companion tool, as a library so that the tests can call
//! the same checks the CLI runs.
#![forbid(unsafe_code)]

#[cfg(feature = "book")]
pub mod build;
pub mod capture;
pub mod check;
pub mod exercises;
pub mod figures;
pub mod grade;
pub mod instructor;
pub mod learner;
pub mod listings;
#[cfg(feature = "book")]
pub mod preprocess;
pub mod project;
pub mod quiz;
pub mod references;
pub mod runner;
#[cfg(feature = "book")]
pub mod serve;
pub mod util;
pub mod workspace;
