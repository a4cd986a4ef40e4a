//! The learner's verbs: `start`, `list`, `check`, `watch`, `hint`.

use crate::exercises;
use crate::exercises::project::{self, Entry, Project, Status, Verdict};
use crate::exercises::runner::{self, Outcome};
use anyhow::{Result, bail};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

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
    stop_on_ctrl_c();
    if check_entry(&project, &entry, deadline)? {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

/// What `check` does for one exercise: builds it, runs each test under
/// `deadline`, prints the verdicts, records the result in the progress file,
/// and says whether every test passed. `watch` runs the same.
fn check_entry(project: &Project, entry: &Entry, deadline: Duration) -> Result<bool> {
    let id = &entry.meta.id;
    let source = project.lib_source(entry).unwrap_or_default();
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
    } else {
        println!("Not there yet. `workbook hint {id}` gives a hint.");
    }
    Ok(passed)
}

/// How often `watch` looks at the exercise's files for a save.
const WATCH_POLL: Duration = Duration::from_millis(400);

/// `workbook watch`: checks the exercise (`id`, or the first one not yet
/// passed), then again each time one of its files is saved, and moves on to
/// the next exercise not yet passed once it passes. Ends on `q` + Enter or
/// the end of input (exit 0), when every exercise passes (exit 0), or on
/// Ctrl-C.
pub fn watch(id: Option<&str>, dir: Option<&Path>, deadline: Duration) -> Result<ExitCode> {
    let project = Project::find(dir)?;
    let mut current = match id {
        Some(id) => project.entry(id)?.clone(),
        None => match next_not_passed(&project, None) {
            Some(entry) => entry,
            None => {
                println!("Every exercise in this project passes already. Well done.");
                return Ok(ExitCode::SUCCESS);
            }
        },
    };
    stop_on_ctrl_c();
    let quit = quit_on_q_or_end_of_input();
    println!(
        "Watching {}: each time you save one of its files it is checked again. Type q and Enter to stop.",
        current.meta.id
    );
    loop {
        // Taken before the check, so that a save made while it runs is
        // seen afterwards and checked once more.
        let before = files_stamp(&project.dir.join(&current.package));
        let passed = match check_entry(&project, &current, deadline) {
            Ok(passed) => passed,
            Err(error) => {
                println!("error: {error:#}");
                false
            }
        };
        if passed {
            match next_not_passed(&project, Some(&current.meta.id)) {
                Some(next) => {
                    println!(
                        "\nNext: {}: {} (src/lib.rs in {}/).",
                        next.meta.id, next.meta.title, next.package
                    );
                    current = next;
                    continue;
                }
                None => {
                    println!("\nEvery exercise in this project passes. Well done.");
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
        println!(
            "Waiting for you to save a file of {} (q and Enter to stop)…",
            current.meta.id
        );
        loop {
            match quit.recv_timeout(WATCH_POLL) {
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                // `q` was typed, or the input ended (the sender is gone).
                Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    println!("Stopped watching.");
                    return Ok(ExitCode::SUCCESS);
                }
            }
            if files_stamp(&project.dir.join(&current.package)) != before {
                println!();
                break;
            }
        }
    }
}

/// Ctrl-C (or the terminal closing) ends `check` and `watch` with exit
/// status 130, as a shell reports an interrupted command, after killing the
/// build or test they were running: a deadlocked test would otherwise run
/// on after them.
fn stop_on_ctrl_c() {
    // Setting it fails only if a handler is set already; Ctrl-C then still
    // ends the process, without the sweep.
    let _ = ctrlc::set_handler(|| {
        runner::kill_what_i_started();
        std::process::exit(130);
    });
}

/// The exercise that comes next for a learner: the first, in the project's
/// order, that `list` would not show as passed. With `after`, the search
/// starts just after that exercise, goes round to the start, and never
/// returns `after` itself.
fn next_not_passed(project: &Project, after: Option<&str>) -> Option<Entry> {
    let progress = project.progress();
    let entries = &project.file.exercise;
    let start = after
        .and_then(|id| entries.iter().position(|e| e.meta.id == id))
        .map_or(0, |at| at + 1);
    entries[start..]
        .iter()
        .chain(&entries[..start])
        .filter(|e| Some(e.meta.id.as_str()) != after)
        .find(|e| project.status(e, &progress) != Status::Passed)
        .cloned()
}

/// A reader of standard input on a thread of its own: the receiver gets a
/// message when a line reads `q`, and is disconnected when the input ends
/// or cannot be read, so that `watch` sees either while it waits.
fn quit_on_q_or_end_of_input() -> mpsc::Receiver<()> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { return };
            if line.trim().eq_ignore_ascii_case("q") {
                let _ = sender.send(());
                return;
            }
        }
    });
    receiver
}

/// What a save changes in an exercise's folder: each file's path, length
/// and modification time (the build's own output is in the project's
/// `target/`, outside this folder).
fn files_stamp(package_dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut stamp: Vec<_> = crate::util::fs::walk_skipping(package_dir, &["target"])
        .into_iter()
        .filter_map(|path| {
            let meta = std::fs::metadata(&path).ok()?;
            Some((path, meta.len(), meta.modified().ok()))
        })
        .collect();
    stamp.sort();
    stamp
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
