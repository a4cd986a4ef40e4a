//! `workbook grade`: run the canonical tests against a folder of student
//! submissions and write grades that hold up when a submission deadlocks,
//! loops, panics, floods its output, tampers with its tests or does not
//! compile.
//!
//! What it guards against and what it does not is written down in the
//! instructor guide (src/appendix-instructors.md, "What the grader
//! prevents"). In short: it isolates students from each other's *results*,
//! not from each other's *processes*: it is not a sandbox.

use crate::capture::write_atomically;
use crate::exercises::Exercise;
use crate::project::{Package, write_workspace};
use crate::runner::{self, Outcome, TestResult};
use anyhow::{Context, Result, bail};
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, mpsc};
use std::time::{Duration, Instant};

pub struct Options {
    pub exercises: Vec<Exercise>,
    pub submissions: PathBuf,
    /// Where grades.md, grades.csv and grades.json go.
    pub out: PathBuf,
    /// Students whose tests run at the same time.
    pub jobs: usize,
    pub test_timeout: Duration,
    /// All of one student's tests together.
    pub student_timeout: Duration,
    /// Build without the network (the crates must be cached).
    pub offline: bool,
}

/// The canonical tests sit in a module of this name, so that a student's own
/// `#[test]`s cannot be counted as the canonical ones.
const TESTS_MODULE: &str = "canonical_tests";
/// The largest source file copied from a submission.
const MAX_SOURCE_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone, Serialize)]
pub struct TestGrade {
    pub name: String,
    /// passed, failed, panicked, timed out, not written, not run
    pub status: String,
    pub message: String,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExerciseGrade {
    pub id: String,
    /// graded, missing, did not compile
    pub status: String,
    pub passed: usize,
    pub total: usize,
    /// The first compiler error, or why the exercise was not graded.
    pub message: String,
    pub tests: Vec<TestGrade>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StudentGrade {
    pub student: String,
    pub passed: usize,
    pub total: usize,
    /// Things an instructor should know: edited tests, a time budget that ran out.
    pub notes: Vec<String>,
    pub exercises: Vec<ExerciseGrade>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub students: Vec<StudentGrade>,
    /// Entries of the submissions folder that are not student folders.
    pub skipped: Vec<String>,
    pub exercises: Vec<String>,
    pub seconds: f64,
}

/// A student folder made ready to build: the work folder and what was noted.
struct Prepared {
    student: String,
    /// Prefix of this student's package names (`s0007-`): cargo names test
    /// executables by package name and relative path, so students sharing
    /// one target folder need names of their own.
    prefix: String,
    work: PathBuf,
    notes: Vec<String>,
    /// Exercises the student did not hand in.
    missing: Vec<String>,
}

pub fn grade(repo_root: &Path, options: &Options) -> Result<Report> {
    let start = Instant::now();
    if !options.submissions.is_dir() {
        bail!(
            "{} is not a folder of submissions",
            options.submissions.display()
        );
    }
    if options.exercises.is_empty() {
        bail!("no exercises to grade");
    }
    let mut students = Vec::new();
    let mut skipped = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&options.submissions)
        .with_context(|| format!("cannot read {}", options.submissions.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        if name.starts_with('.') {
            continue;
        }
        if entry.is_symlink() || !entry.is_dir() {
            skipped.push(format!("{name}: not a folder, so not a submission"));
        } else if !valid_student_name(&name) {
            skipped.push(format!(
                "{name}: a folder name with characters other than letters, digits, `-`, `_` and `.`"
            ));
        } else {
            students.push((name, entry));
        }
    }
    std::fs::create_dir_all(&options.out)
        .with_context(|| format!("cannot create {}", options.out.display()))?;
    let work_root = options.out.join(".grading");
    let _ = std::fs::remove_dir_all(work_root.join("students"));
    let target = work_root.join("target");
    let total = students.len();

    // One builder (cargo locks its target folder, so builds take turns and
    // share the compiled dependencies), several test runners.
    let (built_tx, built_rx) = mpsc::channel::<(Prepared, Result<runner::Built>)>();
    let built_rx = Mutex::new(built_rx);
    let results: Mutex<Vec<StudentGrade>> = Mutex::new(Vec::new());
    let done = Mutex::new(0usize);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for (index, (name, folder)) in students.iter().enumerate() {
                let prepared = match prepare(
                    repo_root,
                    &options.exercises,
                    name,
                    index,
                    folder,
                    &work_root.join("students"),
                ) {
                    Ok(prepared) => prepared,
                    Err(e) => {
                        let failed = Prepared {
                            student: name.clone(),
                            prefix: String::new(),
                            work: PathBuf::new(),
                            notes: vec![format!("could not be prepared: {e:#}")],
                            missing: options
                                .exercises
                                .iter()
                                .map(|e| e.meta.id.clone())
                                .collect(),
                        };
                        let _ = built_tx.send((
                            failed,
                            Ok(runner::Built {
                                executables: BTreeMap::new(),
                                errors: BTreeMap::new(),
                            }),
                        ));
                        continue;
                    }
                };
                let names: Vec<String> = options
                    .exercises
                    .iter()
                    .map(|e| e.meta.id.as_str())
                    .filter(|id| !prepared.missing.iter().any(|m| m == id))
                    .map(|id| format!("{}{id}", prepared.prefix))
                    .collect();
                let packages: Vec<&str> = names.iter().map(String::as_str).collect();
                let built = if packages.is_empty() {
                    Ok(runner::Built {
                        executables: BTreeMap::new(),
                        errors: BTreeMap::new(),
                    })
                } else {
                    runner::build_in(&prepared.work, &packages, options.offline, Some(&target))
                };
                if built_tx.send((prepared, built)).is_err() {
                    break;
                }
            }
            drop(built_tx);
        });
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = built_rx.lock().unwrap().recv();
                    let Ok((prepared, built)) = next else { break };
                    let grade = grade_student(&options.exercises, prepared, built, options);
                    let mut count = done.lock().unwrap();
                    *count += 1;
                    println!(
                        "student {} of {total}: {:<24} {} of {} tests passed",
                        *count, grade.student, grade.passed, grade.total
                    );
                    results.lock().unwrap().push(grade);
                }
            });
        }
    });
    let mut students = results.into_inner().unwrap();
    students.sort_by(|a, b| a.student.cmp(&b.student));
    let report = Report {
        students,
        skipped,
        exercises: options
            .exercises
            .iter()
            .map(|e| e.meta.id.clone())
            .collect(),
        seconds: start.elapsed().as_secs_f64(),
    };
    write_reports(&report, &options.out)?;
    // Nothing a submission started may outlive the grading.
    kill_marked_processes(&run_marker(&options.out));
    Ok(report)
}

fn valid_student_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

static MOD_TESTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(#\[cfg\(test\)\][ \t]*\n?[ \t]*)?mod[ \t]+tests[ \t]*;[ \t]*$")
        .unwrap()
});

/// Copies the student's sources into a fresh package per exercise, with the
/// canonical tests in place of theirs.
fn prepare(
    repo_root: &Path,
    exercises: &[Exercise],
    student: &str,
    index: usize,
    folder: &Path,
    work_root: &Path,
) -> Result<Prepared> {
    let work = work_root.join(student);
    let prefix = format!("s{index:04}-");
    std::fs::create_dir_all(&work)?;
    let mut notes = Vec::new();
    let mut missing = Vec::new();
    let mut packages = Vec::new();
    let mut sources = Vec::new();
    for exercise in exercises {
        let id = &exercise.meta.id;
        let source_dir = folder.join(id).join("src");
        let lib_path = source_dir.join("lib.rs");
        let lib = match read_source(&lib_path) {
            Ok(lib) => lib,
            Err(why) => {
                notes.push(format!("{id}: {why}"));
                missing.push(id.clone());
                continue;
            }
        };
        match std::fs::read_to_string(source_dir.join("tests.rs")) {
            Ok(tests) if tests == exercise.tests => {}
            Ok(_) => notes.push(format!(
                "{id}: src/tests.rs was edited; the original tests were used"
            )),
            Err(_) => notes.push(format!(
                "{id}: src/tests.rs was deleted; the original tests were used"
            )),
        }
        if lib.contains("process::exit") || lib.contains("_exit(") {
            notes.push(format!(
                "{id}: ends the process itself; check by hand that no test's pass was faked"
            ));
        }
        if lib.contains("macro_rules!") {
            notes.push(format!("{id}: defines a macro; check by hand that it does not stand in for the tests' assertions"));
        }
        // Their own `mod tests;` would look for the tests file we replace.
        let lib = MOD_TESTS.replace_all(&lib, "").into_owned();
        let lib = with_canonical_tests(&lib);
        packages.push(Package {
            name: format!("{prefix}{id}"),
            lib,
            tests: exercise.tests.clone(),
            tests_file: format!("{TESTS_MODULE}.rs"),
            dependencies: exercise.meta.dependencies.clone(),
        });
        sources.push((id.clone(), source_dir));
    }
    write_workspace(repo_root, &work, &packages)?;
    for (id, source_dir) in &sources {
        copy_other_sources(
            source_dir,
            &work.join(format!("{prefix}{id}")).join("src"),
            id,
            &mut notes,
        )?;
    }
    Ok(Prepared {
        student: student.to_owned(),
        prefix,
        work,
        notes,
        missing,
    })
}

fn read_source(path: &Path) -> std::result::Result<String, String> {
    let meta =
        std::fs::symlink_metadata(path).map_err(|_| "not handed in (no src/lib.rs)".to_owned())?;
    if meta.file_type().is_symlink() {
        return Err("src/lib.rs is a symbolic link; not graded".into());
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(format!(
            "src/lib.rs is larger than {MAX_SOURCE_BYTES} bytes; not graded"
        ));
    }
    std::fs::read_to_string(path).map_err(|_| "src/lib.rs is not UTF-8 text; not graded".to_owned())
}

/// Puts the canonical tests' module after the crate's inner attributes and
/// inner doc comments, which must come first.
fn with_canonical_tests(lib: &str) -> String {
    let lines: Vec<&str> = lib.lines().collect();
    let mut at = 0;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//!")
            || trimmed.starts_with("#![")
            || trimmed.is_empty()
            || trimmed.starts_with("//")
        {
            at = index + 1;
        } else {
            break;
        }
    }
    let declaration =
        format!("#[cfg(test)]\n#[path = \"{TESTS_MODULE}.rs\"]\nmod {TESTS_MODULE};\n");
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    out.push(declaration);
    out.extend(lines[at..].iter().map(|l| l.to_string()));
    out.join("\n") + "\n"
}

/// The student's other `.rs` files under `src/` (helper modules), but never
/// anything that could stand in for the tests.
fn copy_other_sources(from: &Path, to: &Path, id: &str, notes: &mut Vec<String>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(());
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let protected = [
            "lib.rs",
            "tests.rs",
            "tests",
            &format!("{TESTS_MODULE}.rs"),
            TESTS_MODULE,
        ];
        if protected.contains(&name.as_str()) {
            continue;
        }
        if meta.file_type().is_symlink() {
            notes.push(format!("{id}: src/{name} is a symbolic link; ignored"));
        } else if meta.is_file() && name.ends_with(".rs") && meta.len() <= MAX_SOURCE_BYTES {
            std::fs::copy(&path, to.join(&name))?;
        } else if meta.is_dir() {
            let sub = to.join(&name);
            std::fs::create_dir_all(&sub)?;
            copy_other_sources(&path, &sub, id, notes)?;
        }
    }
    Ok(())
}

fn grade_student(
    exercises: &[Exercise],
    prepared: Prepared,
    built: Result<runner::Built>,
    options: &Options,
) -> StudentGrade {
    let mut notes = prepared.notes;
    let deadline = Instant::now() + options.student_timeout;
    let marker = run_marker(&options.out);
    let built = match built {
        Ok(built) => built,
        Err(e) => {
            notes.push(format!("the build failed: {e:#}"));
            runner::Built {
                executables: BTreeMap::new(),
                errors: BTreeMap::new(),
            }
        }
    };
    let mut grades = Vec::new();
    for exercise in exercises {
        let id = exercise.meta.id.clone();
        let expected = canonical_test_names(&exercise.tests);
        let total = expected.len();
        if prepared.missing.contains(&id) {
            grades.push(ExerciseGrade {
                id,
                status: "missing".into(),
                passed: 0,
                total,
                message: "not handed in".into(),
                tests: Vec::new(),
            });
            continue;
        }
        let package = format!("{}{id}", prepared.prefix);
        let Some(executable) = built.executables.get(&package) else {
            let errors = built.errors.get(&package).cloned().unwrap_or_default();
            grades.push(ExerciseGrade {
                id,
                status: "did not compile".into(),
                passed: 0,
                total,
                message: first_error(&errors),
                tests: Vec::new(),
            });
            continue;
        };
        let mut tests = Vec::new();
        for name in &expected {
            let full = format!("{TESTS_MODULE}::{name}");
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                tests.push(TestGrade {
                    name: name.clone(),
                    status: "not run".into(),
                    message: format!(
                        "the student's time budget of {} s ran out",
                        options.student_timeout.as_secs()
                    ),
                    seconds: 0.0,
                });
                continue;
            }
            let budget = options.test_timeout.min(left);
            let result =
                runner::run_test_marked(executable, &full, budget, &prepared.work, &marker);
            tests.push(match result {
                Ok(result) => test_grade(name, &result),
                Err(e) => TestGrade {
                    name: name.clone(),
                    status: "not run".into(),
                    message: format!("{e:#}"),
                    seconds: 0.0,
                },
            });
        }
        if tests.iter().any(|t| t.status == "not run")
            && !notes.iter().any(|n| n.contains("time budget"))
        {
            notes.push(format!(
                "the time budget of {} s ran out before every test ran",
                options.student_timeout.as_secs()
            ));
        }
        let passed = tests.iter().filter(|t| t.status == "passed").count();
        grades.push(ExerciseGrade {
            id,
            status: "graded".into(),
            passed,
            total,
            message: String::new(),
            tests,
        });
    }
    let passed = grades.iter().map(|g| g.passed).sum();
    let total = grades.iter().map(|g| g.total).sum();
    StudentGrade {
        student: prepared.student,
        passed,
        total,
        notes,
        exercises: grades,
    }
}

/// The `#[test]` functions of a canonical tests file, in file order.
pub fn canonical_test_names(tests: &str) -> Vec<String> {
    static TEST_FN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"#\[test\]\s*(?:#\[[^\]]*\]\s*)*fn\s+(\w+)").unwrap());
    TEST_FN
        .captures_iter(tests)
        .map(|c| c[1].to_owned())
        .collect()
}

fn test_grade(name: &str, result: &TestResult) -> TestGrade {
    let (status, message) = match &result.outcome {
        Outcome::Passed => ("passed", String::new()),
        Outcome::Failed(m) => ("failed", m.clone()),
        Outcome::Panicked(m) => ("panicked", m.clone()),
        Outcome::NotWritten(m) => ("not written", format!("reached todo!(): {m}")),
        Outcome::TimedOut(d) => (
            "timed out",
            format!(
                "did not finish in {} s — likely a deadlock or an endless loop",
                d.as_secs()
            ),
        ),
    };
    let message = if message.len() > 2000 {
        format!(
            "{}…",
            &message[..(0..=2000)
                .rev()
                .find(|i| message.is_char_boundary(*i))
                .unwrap_or(0)]
        )
    } else {
        message
    };
    TestGrade {
        name: name.to_owned(),
        status: status.into(),
        message,
        seconds: (result.seconds * 100.0).round() / 100.0,
    }
}

fn first_error(rendered: &str) -> String {
    let first = rendered
        .split("\n\n")
        .find(|e| e.starts_with("error"))
        .unwrap_or(rendered);
    first.trim().to_owned()
}

/// An environment variable every test process of this grading run carries,
/// so that processes a submission started, even ones that left the process
/// group, can be found and killed at the end.
fn run_marker(out: &Path) -> String {
    format!(
        "THREADWORK_GRADING={}",
        crate::project::fingerprint(&out.display().to_string())
    )
}

/// Kills every process whose environment holds `marker` (Linux; elsewhere
/// the per-test process-group kill is all there is).
pub fn kill_marked_processes(marker: &str) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let me = std::process::id();
    let mut killed = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if environ
            .split(|b| *b == 0)
            .any(|var| var == marker.as_bytes())
        {
            listingkit::kill_pid(pid);
            killed += 1;
        }
    }
    killed
}

fn write_reports(report: &Report, out: &Path) -> Result<()> {
    write_atomically(
        &out.join("grades.json"),
        &serde_json::to_string_pretty(report)?,
    )?;
    write_atomically(&out.join("grades.csv"), &csv(report))?;
    write_atomically(&out.join("grades.md"), &markdown(report))?;
    Ok(())
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv(report: &Report) -> String {
    let mut text = String::from("student");
    for id in &report.exercises {
        text.push(',');
        text.push_str(&csv_field(id));
    }
    text.push_str(",passed,total,percent\n");
    for student in &report.students {
        text.push_str(&csv_field(&student.student));
        for grade in &student.exercises {
            text.push_str(&format!(",{}", grade.passed));
        }
        let percent = if student.total == 0 {
            0.0
        } else {
            100.0 * student.passed as f64 / student.total as f64
        };
        text.push_str(&format!(
            ",{},{},{percent:.0}\n",
            student.passed, student.total
        ));
    }
    text
}

fn markdown(report: &Report) -> String {
    let mut text = format!(
        "# Grades\n\n{} students, {} exercises, graded in {:.0} s.\n\n| student |",
        report.students.len(),
        report.exercises.len(),
        report.seconds
    );
    for id in &report.exercises {
        text.push_str(&format!(" {id} |"));
    }
    text.push_str(" total |\n|---|");
    for _ in &report.exercises {
        text.push_str("---|");
    }
    text.push_str("---|\n");
    for student in &report.students {
        text.push_str(&format!("| {} |", student.student));
        for grade in &student.exercises {
            let cell = match grade.status.as_str() {
                "graded" => format!("{}/{}", grade.passed, grade.total),
                other => other.to_owned(),
            };
            text.push_str(&format!(" {cell} |"));
        }
        text.push_str(&format!(" {}/{} |\n", student.passed, student.total));
    }
    if !report.skipped.is_empty() {
        text.push_str("\n## Not graded\n\n");
        for line in &report.skipped {
            text.push_str(&format!("- {line}\n"));
        }
    }
    text.push_str("\n## Details\n");
    for student in &report.students {
        text.push_str(&format!("\n### {}\n\n", student.student));
        for note in &student.notes {
            text.push_str(&format!("- note: {note}\n"));
        }
        for grade in &student.exercises {
            if grade.status != "graded" {
                let message = grade.message.lines().next().unwrap_or("");
                text.push_str(&format!("- `{}`: {} {}\n", grade.id, grade.status, message));
                continue;
            }
            for test in grade.tests.iter().filter(|t| t.status != "passed") {
                let message = test.message.lines().next().unwrap_or("");
                text.push_str(&format!(
                    "- `{}` {}: {} — {}\n",
                    grade.id, test.name, test.status, message
                ));
            }
            if grade.passed == grade.total {
                text.push_str(&format!(
                    "- `{}`: all {} tests passed\n",
                    grade.id, grade.total
                ));
            }
        }
    }
    text
}
