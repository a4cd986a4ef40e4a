//! `workbook check-book`: the book checks of [`super::check`], run on
//! one build of the book, with a line per check.

use super::build::build_collecting_warnings;
use super::check::{Book, Check, Found, binaries_of};
use crate::workspace::Workspace;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

/// `workbook check-book`: builds the book once and runs every check of
/// [`Check::ALL`] on it.
pub fn check_book(root: &Path) -> Result<ExitCode> {
    // A folder of our own, removed when done (even on an early error).
    let dest = tempfile::Builder::new()
        .prefix("threadwork-check-")
        .tempdir()?;
    let built = build_collecting_warnings(root, Some(dest.path()))?;
    let binaries = binaries_of(&Workspace::load(root)?);
    let book = Book {
        root,
        html_dir: &built.dest,
        build_warnings: &built.warnings,
        binaries: &binaries,
    };
    let mut failed = false;
    for check in Check::ALL {
        let name = check.name();
        match check.run(&book) {
            Found::Skipped(why) => println!("skipped {name}: {why}"),
            Found::Problems(problems) if problems.is_empty() => println!("ok      {name}"),
            Found::Problems(problems) => {
                failed = true;
                println!("FAILED  {name}");
                for problem in problems {
                    println!("        {problem}");
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
