//! The book's quizzes tell the truth about their programs: every "does this
//! compile?" program is compiled with rustc (edition 2024) and must compile
//! or fail, with the error code, exactly as the quiz says, and print the
//! stated `output` when one is given; every "what can this print?" program
//! is compiled and run several times, and each run must print one of the
//! choices the quiz marks as possible.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;
use workbook::book::quiz::{Kind, Question};

/// rustc on one small std-only file, or one run of a quiz program.
const DEADLINE: Duration = Duration::from_secs(60);
const RUN_DEADLINE: Duration = Duration::from_secs(10);
/// Runs of each "what can this print?" program.
const RUNS: usize = 5;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// One program of one quiz, with a name for messages and files.
struct Snippet {
    name: String,
    question: Question,
}

fn snippets() -> Vec<Snippet> {
    let root = root();
    let mut found = Vec::new();
    for (path, quiz) in workbook::book::quiz::load_all(&root).expect("every quiz parses") {
        let chapter = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .unwrap_or("quiz")
            .to_owned();
        for (i, question) in quiz.questions.into_iter().enumerate() {
            if question.code.is_some()
                && matches!(question.kind, Kind::Compiles { .. } | Kind::Prints { .. })
            {
                found.push(Snippet {
                    name: format!("{chapter}-q{}", i + 1),
                    question,
                });
            }
        }
    }
    found
}

/// Runs `command` with stdin closed, keeping only its standard output (a
/// panic report on standard error is not part of what a quiz asks about).
/// `None` if it did not finish within `deadline`; the process is killed.
fn stdout_within(
    mut command: Command,
    deadline: Duration,
) -> Result<Option<(bool, String)>, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .env_remove("RUST_BACKTRACE")
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut text);
        let _ = done_tx.send(text);
    });
    let text = match done_rx.recv_timeout(deadline) {
        Ok(text) => text,
        Err(_) => {
            listingkit::kill_pid(child.id());
            let _ = child.wait();
            return Ok(None);
        }
    };
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok(Some((status.success(), text)))
}

/// rustc's verdict on a program: `Ok(binary)` or `Err(messages)`.
fn compile(
    snippet: &Snippet,
    dir: &Path,
    deny_warnings: bool,
) -> Result<Result<PathBuf, String>, String> {
    let source = dir.join(format!("{}.rs", snippet.name));
    let binary = dir.join(&snippet.name);
    std::fs::write(
        &source,
        snippet.question.code.as_deref().unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut command = Command::new(rustc);
    command
        .args([
            "--edition",
            "2024",
            "--color",
            "never",
            "--crate-name",
            "quiz",
            "-o",
        ])
        .arg(&binary)
        .arg(&source);
    if deny_warnings {
        command.args(["-D", "warnings"]);
    }
    let run = listingkit::run_with_deadline(command, None, DEADLINE)
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    if run.timed_out() {
        return Err(format!("rustc did not finish within {DEADLINE:?}"));
    }
    Ok(if run.success() {
        Ok(binary)
    } else {
        Err(run.output)
    })
}

/// Checks one program against its question; `Err` says how they disagree.
fn check(snippet: &Snippet, dir: &Path) -> Result<(), String> {
    match &snippet.question.kind {
        Kind::Compiles {
            compiles: false,
            error,
            ..
        } => match compile(snippet, dir, false)? {
            Ok(_) => Err("the quiz says it does not compile, but rustc accepts it".into()),
            Err(messages) => match error {
                Some(code) if !messages.contains(&format!("error[{code}]")) => Err(format!(
                    "rustc rejects it, but not with {code}:\n{messages}"
                )),
                _ => Ok(()),
            },
        },
        Kind::Compiles {
            compiles: true,
            output,
            ..
        } => {
            let binary = compile(snippet, dir, true)?.map_err(|messages| {
                format!("the quiz says it compiles (without warnings), but rustc says:\n{messages}")
            })?;
            if let Some(expected) = output {
                let printed = run(&binary)?;
                if printed != *expected {
                    return Err(format!("printed {printed:?}, the quiz says {expected:?}"));
                }
            }
            Ok(())
        }
        Kind::Prints { choices, answer } => {
            let binary = compile(snippet, dir, true)?.map_err(|messages| {
                format!(
                    "a \"what can this print?\" program must compile without warnings:\n{messages}"
                )
            })?;
            let possible: Vec<&str> = answer.iter().map(|i| choices[*i].trim_end()).collect();
            for _ in 0..RUNS {
                let printed = run(&binary)?;
                if !possible.contains(&printed.trim_end()) {
                    return Err(format!(
                        "printed {printed:?}, which is not among the choices marked possible: {possible:?}"
                    ));
                }
            }
            Ok(())
        }
        Kind::Primitive { .. } => Ok(()),
    }
}

fn run(binary: &Path) -> Result<String, String> {
    match stdout_within(Command::new(binary), RUN_DEADLINE)? {
        None => Err(format!("did not finish within {RUN_DEADLINE:?}")),
        Some((_, printed)) => Ok(printed),
    }
}

#[test]
fn every_quiz_program_compiles_or_fails_and_prints_as_its_quiz_says() {
    let snippets = snippets();
    assert!(
        snippets.len() >= 9,
        "expected the chapters' quiz programs, found {}",
        snippets.len()
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quizzes");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // rustc is the slow part; two at a time on this two-core machine.
    let next = AtomicUsize::new(0);
    let (problem_tx, problem_rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..2 {
            let problem_tx = problem_tx.clone();
            let (snippets, next, dir) = (&snippets, &next, &dir);
            s.spawn(move || {
                while let Some(snippet) = snippets.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(why) = check(snippet, dir) {
                        let _ = problem_tx.send(format!("{}: {why}", snippet.name));
                    }
                }
            });
        }
    });
    drop(problem_tx);
    let mut problems: Vec<String> = problem_rx.iter().collect();
    problems.sort();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

#[test]
fn every_quiz_has_three_to_five_questions_and_is_shown() {
    let root = root();
    let quizzes = workbook::book::quiz::load_all(&root).unwrap();
    assert!(!quizzes.is_empty(), "no quiz.toml under src/");
    for (path, quiz) in &quizzes {
        let count = quiz.questions.len();
        assert!(
            (3..=5).contains(&count),
            "{}: {count} questions; a chapter's quiz has 3 to 5",
            path.display()
        );
    }
    let problems = workbook::book::quiz::check_quizzes(&root);
    assert!(problems.is_empty(), "{problems:?}");
}
