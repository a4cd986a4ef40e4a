//! The learner's verbs: `start`, `list`, `check`, `hint`.

use crate::exercises;
use crate::exercises::project::{self, Project, Verdict};
use crate::exercises::runner::{self, Outcome};
use anyhow::{Result, bail};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn start(repo_root: &Path, dir: &Path, force: bool) -> Result<()> {
    let all = exercises::load_all(repo_root)?;
    if all.is_empty() {
        bail!("the repository at {} has no exercises", repo_root.display());
    }
    project::start(repo_root, dir, &all, force)?;
    println!("wrote {} exercises to {}", all.len(), dir.display());
    println!(
        "next: open {}/README.md, then `workbook list --dir {}`",
        dir.display(),
        dir.display()
    );
    Ok(())
}

pub fn list(dir: Option<&Path>) -> Result<ExitCode> {
    let project = Project::find(dir)?;
    let progress = project.progress();
    let mut chapter = 0;
    for entry in &project.file.exercise {
        let number = crate::util::chapter::number(&entry.meta.id).unwrap_or(0);
        if number != chapter {
            chapter = number;
            println!("Chapter {chapter}");
        }
        let status = project.status(entry, &progress);
        println!(
            "  {:<28} {:<30} {} ({}, {} min)",
            entry.meta.id, status, entry.meta.title, entry.meta.difficulty, entry.meta.minutes
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn check(id: &str, dir: Option<&Path>, deadline: Duration) -> Result<ExitCode> {
    let project = Project::find(dir)?;
    let entry = project.entry(id)?.clone();
    let source = project.lib_source(&entry).unwrap_or_default();
    println!("{}: {}", entry.meta.id, entry.meta.title);
    println!("building…");
    let built = runner::build(&project.dir, &[entry.package.as_str()], false)?;
    let passed = match built.executables.get(&entry.package) {
        None => {
            let errors = built
                .errors
                .get(&entry.package)
                .cloned()
                .unwrap_or_default();
            println!("DID NOT COMPILE. The compiler says:\n");
            println!("{}", first_errors(&errors, 3));
            false
        }
        Some(executable) => {
            let names = runner::list_tests(executable)?;
            let mut passed = 0;
            let mut still_to_write: Vec<String> = Vec::new();
            for name in &names {
                let result = runner::run_test(executable, name, deadline)?;
                match &result.outcome {
                    Outcome::Passed => passed += 1,
                    Outcome::NotWritten(prompt) if !still_to_write.contains(prompt) => {
                        still_to_write.push(prompt.clone())
                    }
                    _ => {}
                }
                println!("  {}", runner::describe(&result));
            }
            for prompt in &still_to_write {
                println!("Still to write (a todo!() in src/lib.rs): {prompt}");
            }
            println!("{passed} of {} tests passed.", names.len());
            passed == names.len() && !names.is_empty()
        }
    };
    let mut progress = project.progress();
    let record = progress.entry(entry.meta.id.clone()).or_default();
    record.last_check = Some(if passed {
        Verdict::Passed
    } else {
        Verdict::Failing
    });
    record.checked_hash = Some(project::fingerprint(&source));
    project.save_progress(&progress)?;
    if passed {
        println!("All tests pass. Well done.");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("Not there yet. `workbook hint {id}` gives a hint.");
        Ok(ExitCode::FAILURE)
    }
}

/// The compiler's first few errors, whole, without cargo's own chatter.
fn first_errors(rendered: &str, most: usize) -> String {
    let errors: Vec<&str> = rendered
        .split_inclusive("\n\n")
        .filter(|e| e.starts_with("error"))
        .collect();
    let mut text: String = errors.iter().take(most).copied().collect();
    if errors.len() > most {
        text.push_str(&format!("… and {} more errors\n", errors.len() - most));
    }
    if text.trim().is_empty() {
        rendered.to_owned()
    } else {
        text
    }
}

pub fn hint(id: &str, dir: Option<&Path>) -> Result<ExitCode> {
    let project = Project::find(dir)?;
    let entry = project.entry(id)?;
    let hints = &entry.meta.hints;
    if hints.is_empty() {
        bail!("exercise `{id}` has no hints");
    }
    let mut progress = project.progress();
    let record = progress.entry(id.to_owned()).or_default();
    let index = record.hints_shown.min(hints.len() - 1);
    println!(
        "Hint {} of {} for {id}:\n\n{}\n",
        index + 1,
        hints.len(),
        hints[index]
    );
    if index + 1 == hints.len() {
        println!("That is the last hint; the book's solutions appendix has the full answer.");
    } else {
        println!("Ask again for a more explicit hint.");
    }
    record.hints_shown = index + 1;
    project.save_progress(&progress)?;
    Ok(ExitCode::SUCCESS)
}
