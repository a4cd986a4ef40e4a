//! Small helpers shared by the book, exercise and instructor verbs. Each
//! job has one function here; a feature module that needs it calls it
//! rather than writing its own.

pub mod chapter;
pub mod fs;
pub mod html;
pub mod markdown;
pub mod server;
pub mod url;
