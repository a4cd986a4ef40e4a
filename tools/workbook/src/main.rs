//! `cargo run -p workbook -- <verb>`: serve and build the book, capture the
//! listings' outputs, check the book. Every error is one line and a non-zero
//! exit status.
#![forbid(unsafe_code)]

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use workbook::book::capture;
#[cfg(feature = "book")]
use workbook::book::{build, check_book, preprocess, serve};
use workbook::exercises::learner;
use workbook::{instructor, workspace};

#[derive(Parser)]
#[command(
    name = "workbook",
    version,
    about = "The Threadwork companion: read the book, run and check its listings"
)]
struct Cli {
    /// The book's folder (the one holding book.toml); found from the current folder when omitted.
    #[arg(long, global = true, value_name = "DIR")]
    book: Option<PathBuf>,
    #[command(subcommand)]
    verb: Verb,
}

#[derive(Subcommand)]
enum Verb {
    /// Build the book and serve it on http://127.0.0.1:PORT, rebuilding when a source changes; listings can be run from the page.
    #[cfg(feature = "book")]
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Open the book in your web browser.
        #[arg(long)]
        open: bool,
    },
    /// Build the book into book/ (or --dest).
    #[cfg(feature = "book")]
    Build {
        /// Where to write the HTML.
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
    },
    /// Re-run listings and store what they print in listings/<chapter>/output/.
    Capture {
        /// Listing packages to capture, e.g. ch02 (default: all).
        packages: Vec<String>,
        /// Only this listing: a binary name (`main` for src/main.rs) or a Python file name.
        #[arg(long, value_name = "NAME")]
        bin: Option<String>,
    },
    /// Write a project with every exercise's starter and tests into DIR, to work in.
    Start {
        /// Where to write the project.
        #[arg(default_value = "threadwork-exercises")]
        dir: PathBuf,
        /// Write into DIR even if it is not empty (files of the same name are replaced).
        #[arg(long)]
        force: bool,
    },
    /// Show the exercises by chapter, with your progress.
    List {
        /// The exercise project (default: the one the current folder is in).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Run one exercise's tests, each under a deadline, and say what went wrong in plain words.
    #[command(name = "check")]
    CheckExercise {
        /// The exercise id, e.g. ch02-parallel-sum (see `workbook list`).
        id: String,
        /// The exercise project (default: the one the current folder is in).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Seconds each test may run before it is reported as hung.
        #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },
    /// Check an exercise again each time you save it, and move on to the next one when it passes.
    Watch {
        /// The exercise id (default: the first one not yet passed, as `workbook list` shows).
        id: Option<String>,
        /// The exercise project (default: the one the current folder is in).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Seconds each test may run before it is reported as hung.
        #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
    },
    /// Show the next hint for an exercise.
    Hint {
        /// The exercise id, e.g. ch02-parallel-sum.
        id: String,
        /// The exercise project (default: the one the current folder is in).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// For instructors: write a student project with the chosen exercises (starters, tests, hints; no solutions).
    Pack {
        /// Exercise ids (ch02-parallel-sum), chapters (ch02) or `all`, separated by commas.
        #[arg(long, required = true, value_delimiter = ',')]
        exercises: Vec<String>,
        /// The folder to write.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The assignment's title, shown in its README.
        #[arg(long, default_value = "Threadwork assignment")]
        title: String,
        /// Write into DIR even if it is not empty.
        #[arg(long)]
        force: bool,
        /// Also write a CI workflow that grades the class in parallel shards and merges them
        /// (into DIR-grading/).
        #[arg(long, value_name = "SERVICE", value_enum)]
        ci: Option<instructor::pack::CiService>,
    },
    /// For instructors: grade a folder of submissions (one sub-folder per student) with the canonical tests.
    Grade {
        /// Exercise ids, chapters or `all`, separated by commas, as for `pack`.
        #[arg(long, required = true, value_delimiter = ',')]
        exercises: Vec<String>,
        /// The folder holding one sub-folder per student.
        submissions: PathBuf,
        /// Where to write grades.md, grades.csv and grades.json.
        #[arg(long, value_name = "DIR", default_value = "grades")]
        out: PathBuf,
        /// Students whose tests run at the same time (default: the number of cores).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=64))]
        jobs: Option<u64>,
        /// Seconds one test may run.
        #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        test_timeout: u64,
        /// Seconds the compiler may take on one exercise of one student.
        #[arg(long, value_name = "SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
        build_timeout: u64,
        /// Seconds everything of one student (builds and tests) may take together.
        #[arg(long, value_name = "SECONDS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..=86400))]
        student_timeout: u64,
        /// Build the shared dependencies without the network (the crates must already be cached).
        #[arg(long)]
        offline: bool,
        /// Run student code without the bubblewrap sandbox (the report says so at its top).
        #[arg(long)]
        no_sandbox: bool,
        /// Grade only shard K of N (every N-th student, starting with the K-th); merge the shards' grades.json with `workbook merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<workbook::instructor::grade::Shard>,
        /// Keep the work folder (copied sources, binaries) under OUT/.grading after grading.
        #[arg(long)]
        keep_work: bool,
        /// Where the exercises' dependencies are compiled once and reused (default: target/grading-deps in the book's folder).
        #[arg(long, value_name = "DIR")]
        deps_cache: Option<PathBuf>,
    },
    /// For instructors: merge the grades.json of several `grade --shard` runs into one class report.
    Merge {
        /// The shards' grades.json files.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// Where to write the merged grades.md, grades.csv and grades.json.
        #[arg(long, value_name = "DIR", default_value = "grades")]
        out: PathBuf,
    },
    /// For instructors: the exercises by chapter with their minutes, to plan sessions.
    Plan {
        /// Exercise ids, chapters or `all`, separated by commas.
        #[arg(long, value_delimiter = ',', default_value = "all")]
        exercises: Vec<String>,
    },
    /// Check the book: it builds without warnings, includes and anchors resolve, every
    /// listing is shown, every `cargo run` is real, links work, Python programs run.
    #[cfg(feature = "book")]
    #[command(name = "check-book")]
    CheckBook,
    /// The mdBook preprocessor protocol, for the stock `mdbook` CLI (see book.toml).
    #[cfg(feature = "book")]
    #[command(hide = true)]
    Preprocessor {
        #[command(subcommand)]
        supports: Option<Supports>,
    },
}

#[cfg(feature = "book")]
#[derive(Subcommand)]
enum Supports {
    Supports { renderer: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    quiet_on_closed_stdout();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// `workbook list | head` closes our stdout early; Rust then panics in
/// `println!`. That is not an error of ours: end quietly, as Unix tools do.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn run(cli: Cli) -> Result<ExitCode> {
    // The book's folder, for the verbs that need one (the learner's verbs
    // work in an exercise project instead).
    let book = cli.book;
    let root = || book_root(book.as_deref());
    match cli.verb {
        #[cfg(feature = "book")]
        Verb::Serve { port, open } => {
            serve::serve(&root()?, &serve::Options { port, open })?;
        }
        #[cfg(feature = "book")]
        Verb::Build { dest } => {
            let built = build::build(&root()?, dest.as_deref())?;
            println!(
                "built the book in {:.1} s into {}",
                built.elapsed.as_secs_f64(),
                built.dest.display()
            );
        }
        Verb::Capture { packages, bin } => capture::capture(
            &root()?,
            &capture::Options {
                packages,
                only: bin,
            },
        )?,
        Verb::Start { dir, force } => learner::start(&root()?, &dir, force)?,
        Verb::List { dir } => return learner::list(dir.as_deref()),
        Verb::CheckExercise { id, dir, timeout } => {
            return learner::check(&id, dir.as_deref(), Duration::from_secs(timeout));
        }
        Verb::Watch { id, dir, timeout } => {
            return learner::watch(id.as_deref(), dir.as_deref(), Duration::from_secs(timeout));
        }
        Verb::Hint { id, dir } => return learner::hint(&id, dir.as_deref()),
        Verb::Pack {
            exercises,
            out,
            title,
            force,
            ci,
        } => instructor::pack(&root()?, &exercises, &out, &title, force, ci)?,
        Verb::Grade {
            exercises,
            submissions,
            out,
            jobs,
            test_timeout,
            build_timeout,
            student_timeout,
            offline,
            no_sandbox,
            shard,
            keep_work,
            deps_cache,
        } => {
            let root = root()?;
            let jobs = jobs.map(|j| j as usize).unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2)
            });
            let deps_cache = deps_cache.unwrap_or_else(|| root.join("target/grading-deps"));
            return instructor::grade(
                &root,
                &exercises,
                &submissions,
                instructor::GradeSettings {
                    out,
                    jobs,
                    test_timeout: Duration::from_secs(test_timeout),
                    build_timeout: Duration::from_secs(build_timeout),
                    student_timeout: Duration::from_secs(student_timeout),
                    offline,
                    sandbox: !no_sandbox,
                    shard,
                    keep_work,
                    deps_cache,
                },
            );
        }
        Verb::Merge { reports, out } => instructor::merge(&reports, &out)?,
        Verb::Plan { exercises } => instructor::plan(&root()?, &exercises)?,
        #[cfg(feature = "book")]
        Verb::CheckBook => return check_book::check_book(&root()?),
        #[cfg(feature = "book")]
        Verb::Preprocessor { supports } => {
            let renderer = supports.map(|Supports::Supports { renderer }| renderer);
            return preprocess::run_for_mdbook(renderer.as_deref());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The book's folder: `--book DIR` (which must hold book.toml), or found
/// upwards from the current folder.
fn book_root(book: Option<&Path>) -> Result<PathBuf> {
    match book {
        Some(dir) if !dir.join("book.toml").is_file() => {
            bail!(
                "{} has no book.toml; --book must name the book's folder",
                dir.display()
            )
        }
        Some(dir) => workspace::find_root(dir),
        None => workspace::find_root(&std::env::current_dir()?),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn every_verb_is_described_and_the_cli_is_well_formed() {
        Cli::command().debug_assert();
        for verb in Cli::command().get_subcommands() {
            if verb.is_hide_set() {
                continue;
            }
            let about = verb.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(
                about.len() > 10,
                "`workbook {}` has no description in --help",
                verb.get_name()
            );
        }
        // Each verb's text is its own (a doc comment once leaked into the next verb).
        let pack = Cli::command()
            .find_subcommand("pack")
            .and_then(|v| v.get_about().map(|a| a.to_string()))
            .unwrap_or_default();
        assert!(
            pack.starts_with("For instructors: write a student project"),
            "{pack}"
        );
    }
}
