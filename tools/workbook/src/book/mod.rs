//! The book: building it with mdBook (`build`, `serve`), the preprocessor
//! that captions listings and fills in figures, quizzes and references,
//! re-capturing the listings' outputs (`capture`), and the book checks
//! (`check`, run by `check-book`).

#[cfg(feature = "book")]
pub mod build;
pub mod capture;
pub mod check;
#[cfg(feature = "book")]
pub mod check_book;
pub mod figures;
pub mod listings;
#[cfg(feature = "book")]
pub mod preprocess;
pub mod quiz;
pub mod references;
#[cfg(feature = "book")]
pub mod run;
#[cfg(feature = "book")]
pub mod serve;
