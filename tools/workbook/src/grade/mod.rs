//! `workbook grade`: run the canonical tests against a folder of student
//! submissions and write grades an instructor can trust.
//!
//! Every submission is treated as hostile. Its `src/` is compiled, with
//! `rustc` inside a sandbox, as a library crate named `submission`; the
//! canonical tests are a separate binary crate whose `main` is the grader's
//! harness ([`harness`]), so the student's files cannot name, shadow or hide
//! them, and a pass counts only when the harness proves the test returned.
//! Each build step and each test runs in a bubblewrap sandbox of its own
//! ([`sandbox`]), with deadlines per step and per student. What this
//! prevents and what it does not is written down in the instructor guide
//! (src/appendix-instructors.md, "What the grader prevents").

pub mod deps;
pub mod harness;
pub mod report;
pub mod sandbox;

pub use report::{ExerciseGrade, ExerciseStatus, Report, StudentGrade, TestGrade, TestStatus};

use crate::exercises::Exercise;
use anyhow::{Context, Result, bail};
use regex::Regex;
use sandbox::{Isolation, Jail, Limits};
use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

pub struct Options {
    pub exercises: Vec<Exercise>,
    pub submissions: PathBuf,
    /// Where grades.md, grades.csv and grades.json go.
    pub out: PathBuf,
    /// Students graded at the same time.
    pub jobs: usize,
    pub test_timeout: Duration,
    /// One exercise's build (the compiler on the student's code).
    pub build_timeout: Duration,
    /// Everything of one student: builds and tests.
    pub student_timeout: Duration,
    /// Build the shared dependencies without the network.
    pub offline: bool,
    /// False with `--no-sandbox`.
    pub sandbox: bool,
    /// Grade only every N-th student.
    pub shard: Option<Shard>,
    /// Keep the work folder (sources, binaries) after grading.
    pub keep_work: bool,
    /// Where the shared dependencies are compiled (reused between runs).
    pub deps_cache: PathBuf,
}

/// `K/N`: the K-th of N shards of a class (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(text: &str) -> std::result::Result<Shard, String> {
        let parsed = text
            .split_once('/')
            .and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, count)) if count >= 1 && (1..=count).contains(&index) => {
                Ok(Shard { index, count })
            }
            _ => Err(format!(
                "`{text}` is not a shard: write K/N with 1 ≤ K ≤ N, e.g. 2/4"
            )),
        }
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The largest source file copied from a submission, and how many files.
const MAX_SOURCE_BYTES: u64 = 1 << 20;
const MAX_SOURCE_FILES: usize = 200;

/// Shared by every student's sandbox: the generated harness per exercise.
struct Plan<'a> {
    exercises: &'a [Exercise],
    isolation: Isolation,
    toolchain: deps::Toolchain,
    /// `gen/<id>/harness.rs` and its tests module, per exercise.
    generated: PathBuf,
    work: PathBuf,
    options: &'a Options,
}

pub fn grade(repo_root: &Path, options: &Options) -> Result<Report> {
    let start = Instant::now();
    if options.exercises.is_empty() {
        bail!("no exercises to grade");
    }
    let (mut students, skipped) = student_folders(&options.submissions, &options.exercises)?;
    let isolation = if options.sandbox {
        Isolation::probe()?
    } else {
        Isolation::Unsandboxed
    };
    let mut dependencies: Vec<String> = options
        .exercises
        .iter()
        .flat_map(|e| e.meta.dependencies.iter().cloned())
        .collect();
    dependencies.sort();
    dependencies.dedup();
    let toolchain = deps::prepare(
        repo_root,
        &dependencies,
        &options.deps_cache,
        options.offline,
    )?;
    if let Some(shard) = options.shard {
        students = students
            .into_iter()
            .enumerate()
            .filter(|(index, _)| index % shard.count == shard.index - 1)
            .map(|(_, student)| student)
            .collect();
    }

    std::fs::create_dir_all(&options.out)
        .with_context(|| format!("cannot create {}", options.out.display()))?;
    // Absolute: the sandbox binds paths by name.
    let work = std::fs::canonicalize(&options.out)?.join(".grading");
    if work.exists() {
        std::fs::remove_dir_all(&work)
            .with_context(|| format!("cannot clear {}", work.display()))?;
    }
    let generated = work.join("gen");
    for exercise in &options.exercises {
        write_harness(exercise, &generated.join(&exercise.meta.id))?;
    }
    let plan = Plan {
        exercises: &options.exercises,
        isolation,
        toolchain,
        generated,
        work: work.clone(),
        options,
    };

    let total = students.len();
    let queue = Mutex::new(students.into_iter().collect::<VecDeque<_>>());
    let results: Mutex<Vec<StudentGrade>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                    let Some((name, folder)) = next else { break };
                    let grade = grade_student(&plan, &name, &folder);
                    let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
                    results.push(grade);
                    let grade = results.last().expect("just pushed");
                    println!(
                        "student {} of {total}: {:<24} {} of {} tests passed",
                        results.len(),
                        grade.student,
                        grade.passed,
                        grade.total
                    );
                }
            });
        }
    });
    let mut students = results.into_inner().unwrap_or_else(|e| e.into_inner());
    students.sort_by(|a, b| a.student.cmp(&b.student));
    let report = Report {
        sandbox: plan.isolation.describe(),
        sandboxed: plan.isolation.is_sandboxed(),
        shards: options.shard.iter().map(Shard::to_string).collect(),
        students,
        skipped,
        exercises: options
            .exercises
            .iter()
            .map(|e| e.meta.id.clone())
            .collect(),
        seconds: (start.elapsed().as_secs_f64() * 10.0).round() / 10.0,
    };
    report::write_all(&report, &options.out)?;
    if !plan.isolation.is_sandboxed() {
        // Without a PID namespace, a submission's processes can outlive it.
        kill_marked_processes(&run_marker(&work));
    }
    if !options.keep_work {
        std::fs::remove_dir_all(&work)
            .with_context(|| format!("cannot remove the work folder {}", work.display()))?;
    }
    Ok(report)
}

/// The student folders of `submissions`, sorted, and what was skipped.
/// Refuses a folder that holds no students or looks like one student's
/// project: grading it would give a class of empty grades.
#[allow(clippy::type_complexity)]
fn student_folders(
    submissions: &Path,
    exercises: &[Exercise],
) -> Result<(Vec<(String, PathBuf)>, Vec<String>)> {
    if !submissions.is_dir() {
        bail!("{} is not a folder of submissions", submissions.display());
    }
    if submissions.join(crate::project::MARKER).exists()
        || exercises
            .iter()
            .any(|e| submissions.join(&e.meta.id).join("src").is_dir())
    {
        bail!(
            "warning: {} looks like one student's project (it holds an exercise folder or {}), \
             not a folder with one folder per student; nothing was graded",
            submissions.display(),
            crate::project::MARKER
        );
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(submissions)
        .with_context(|| format!("cannot read {}", submissions.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut students = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
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
    if students.is_empty() {
        bail!(
            "warning: {} holds no student folders; nothing was graded",
            submissions.display()
        );
    }
    Ok((students, skipped))
}

fn valid_student_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

fn write_harness(exercise: &Exercise, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let tests = exercise.tests_for_crate(harness::CRATE);
    let names = harness::test_names(&tests);
    std::fs::write(dir.join(harness::TESTS_FILE), harness::tests_module(&tests))?;
    std::fs::write(dir.join("harness.rs"), harness::main_source(&names))?;
    Ok(())
}

/// One student's folders in the work area.
struct StudentWork {
    /// `src/<id>/`: the copied sources, read-only for every step.
    src: PathBuf,
    /// `out/<id>/`: written by that exercise's build only.
    out: PathBuf,
    /// The only folder a test may write to.
    scratch: PathBuf,
}

fn grade_student(plan: &Plan, student: &str, folder: &Path) -> StudentGrade {
    let deadline = Instant::now() + plan.options.student_timeout;
    let base = plan.work.join("students").join(student);
    let work = StudentWork {
        src: base.join("src"),
        out: base.join("out"),
        scratch: base.join("scratch"),
    };
    let mut notes = Vec::new();
    let mut grades = Vec::new();
    for exercise in plan.exercises {
        let grade = grade_exercise(plan, exercise, folder, &work, deadline, &mut notes);
        grades.push(grade);
    }
    if grades.iter().any(|g| {
        g.status == ExerciseStatus::NotRun || g.tests.iter().any(|t| t.status == TestStatus::NotRun)
    }) {
        notes.push(format!(
            "the time budget of {} s ran out before everything ran",
            plan.options.student_timeout.as_secs()
        ));
    }
    let passed = grades.iter().map(|g| g.passed).sum();
    let total = grades.iter().map(|g| g.total).sum();
    StudentGrade {
        student: student.to_owned(),
        passed,
        total,
        notes,
        exercises: grades,
    }
}

fn grade_exercise(
    plan: &Plan,
    exercise: &Exercise,
    folder: &Path,
    work: &StudentWork,
    deadline: Instant,
    notes: &mut Vec<String>,
) -> ExerciseGrade {
    let id = exercise.meta.id.clone();
    let names = harness::test_names(&exercise.tests);
    let total = names.len();
    let not_graded = |status: ExerciseStatus, message: String| ExerciseGrade {
        id: id.clone(),
        status,
        passed: 0,
        total,
        message,
        tests: Vec::new(),
    };
    let src = work.src.join(&id);
    let out = work.out.join(&id);
    match copy_sources(&folder.join(&id), &src, &id, notes) {
        Ok(true) => {}
        Ok(false) => {
            return not_graded(
                ExerciseStatus::Missing,
                "not handed in (no src/lib.rs)".into(),
            );
        }
        Err(e) => return not_graded(ExerciseStatus::Missing, format!("could not be read: {e:#}")),
    }
    note_edited_tests(exercise, folder, notes);
    flag_constructs(&id, &src, notes);
    if let Err(e) =
        std::fs::create_dir_all(&out).and_then(|_| std::fs::create_dir_all(&work.scratch))
    {
        return not_graded(
            ExerciseStatus::NotRun,
            format!("cannot make the work folder: {e}"),
        );
    }
    match build(plan, exercise, &src, &out, deadline) {
        Built::Ok => {}
        Built::Failed(errors) => return not_graded(ExerciseStatus::DidNotCompile, errors),
        Built::TimedOut(message) => return not_graded(ExerciseStatus::BuildTimedOut, message),
        Built::NoTime => {
            return not_graded(
                ExerciseStatus::NotRun,
                "the student's time budget ran out before the build".into(),
            );
        }
    }
    let needs_proc = exercise.tests.contains("/proc/");
    let mut tests = Vec::new();
    for name in &names {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            tests.push(TestGrade {
                name: name.clone(),
                status: TestStatus::NotRun,
                message: format!(
                    "the student's time budget of {} s ran out",
                    plan.options.student_timeout.as_secs()
                ),
                seconds: 0.0,
            });
            continue;
        }
        let budget = plan.options.test_timeout.min(left);
        tests.push(run_test(plan, &out, work, name, budget, needs_proc));
    }
    let passed = tests
        .iter()
        .filter(|t| t.status == TestStatus::Passed)
        .count();
    ExerciseGrade {
        id,
        status: ExerciseStatus::Graded,
        passed,
        total,
        message: String::new(),
        tests,
    }
}

enum Built {
    Ok,
    Failed(String),
    TimedOut(String),
    NoTime,
}

/// Compiles the submission as the library `submission`, then the harness
/// with the canonical tests against it, each step in its own sandbox.
fn build(plan: &Plan, exercise: &Exercise, src: &Path, out: &Path, deadline: Instant) -> Built {
    let toolchain = &plan.toolchain;
    let externs = match toolchain.extern_args(&exercise.meta.dependencies) {
        Ok(externs) => externs,
        Err(e) => return Built::Failed(format!("{e:#}")),
    };
    let common = |args: &mut Vec<OsString>| {
        for arg in [
            "--edition",
            "2024",
            "-C",
            "opt-level=1",
            "--color",
            "never",
            "--sysroot",
        ] {
            args.push(arg.into());
        }
        args.push(toolchain.sysroot.clone().into());
        args.push("-L".into());
        args.push(format!("dependency={}", toolchain.deps_dir.display()).into());
        args.extend(externs.iter().map(OsString::from));
    };
    let harness_dir = plan.generated.join(&exercise.meta.id);
    let lib = out.join(format!("lib{}.rlib", harness::CRATE));
    let mut steps: Vec<Vec<OsString>> = Vec::new();
    let mut library: Vec<OsString> = vec![
        "--crate-name".into(),
        harness::CRATE.into(),
        "--crate-type".into(),
        "lib".into(),
        src.join("lib.rs").into(),
        "-o".into(),
        lib.clone().into(),
    ];
    common(&mut library);
    steps.push(library);
    let mut tests: Vec<OsString> = vec![
        "--crate-name".into(),
        "canonical".into(),
        "--crate-type".into(),
        "bin".into(),
        "-A".into(),
        "warnings".into(),
        harness_dir.join("harness.rs").into(),
        "--extern".into(),
        format!("{}={}", harness::CRATE, lib.display()).into(),
        "-o".into(),
        out.join("tests").into(),
    ];
    common(&mut tests);
    steps.push(tests);
    for (step, args) in steps.iter().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Built::NoTime;
        }
        let budget = plan.options.build_timeout.min(left);
        let jail = Jail::new(&plan.isolation, Limits::BUILD)
            .read(&toolchain.sysroot)
            .read(toolchain.deps_dir.parent().unwrap_or(&toolchain.deps_dir))
            .read(src)
            .read(&harness_dir)
            .write(out)
            .with_proc(true)
            .workdir(out)
            .env("TMPDIR", "/tmp");
        let command = jail.command(&toolchain.rustc, args);
        let run = match listingkit::run_with_deadline(command, None, budget) {
            Ok(run) => run,
            Err(e) => return Built::Failed(format!("cannot run the compiler: {e}")),
        };
        if run.timed_out() {
            return Built::TimedOut(format!(
                "the compiler did not finish within {} s",
                budget.as_secs()
            ));
        }
        if !run.success() {
            let which = if step == 0 {
                "the submission"
            } else {
                "the canonical tests against the submission (is a function or type the tests use missing or different?)"
            };
            return Built::Failed(format!("compiling {which}: {}", first_error(&run.output)));
        }
    }
    Built::Ok
}

fn run_test(
    plan: &Plan,
    out: &Path,
    work: &StudentWork,
    name: &str,
    budget: Duration,
    needs_proc: bool,
) -> TestGrade {
    let token = harness::new_token();
    let scratch = work.scratch.display().to_string();
    let mut jail = Jail::new(&plan.isolation, Limits::TEST)
        .read(out)
        .write(&work.scratch)
        .with_proc(needs_proc)
        .workdir(&work.scratch)
        .env("HOME", &scratch)
        .env("TMPDIR", &scratch);
    if !plan.isolation.is_sandboxed() {
        let marker = run_marker(&plan.work);
        let (key, value) = marker.split_once('=').unwrap_or((&marker, ""));
        jail = jail.env(key, value);
    }
    let command = jail.command(&out.join("tests"), &[name.into()]);
    let started = Instant::now();
    let run = match listingkit::run_with_deadline(command, Some(&format!("{token}\n")), budget) {
        Ok(run) => run,
        Err(e) => {
            return TestGrade {
                name: name.to_owned(),
                status: TestStatus::NotRun,
                message: format!("cannot start the test: {e}"),
                seconds: 0.0,
            };
        }
    };
    let seconds = (started.elapsed().as_secs_f64() * 100.0).round() / 100.0;
    let (status, message) = if run.timed_out() {
        (
            TestStatus::TimedOut,
            format!(
                "did not finish in {} s — likely a deadlock or an endless loop",
                budget.as_secs()
            ),
        )
    } else {
        match harness::verdict(&run.output, &token, name) {
            Some(true) => (TestStatus::Passed, String::new()),
            Some(false) => failure(&run.output),
            None if run.output.contains("memory allocation of") => (
                TestStatus::TooMuchMemory,
                format!(
                    "an allocation failed at the limit of {} GiB",
                    Limits::TEST.memory >> 30
                ),
            ),
            None => (
                TestStatus::EndedEarly,
                format!(
                    "the process ended ({}) before the test returned, so it cannot count as passed",
                    match run.status.and_then(|s| s.code()) {
                        Some(code) => format!("exit status {code}"),
                        None => "killed by a signal".to_owned(),
                    }
                ),
            ),
        }
    };
    TestGrade {
        name: name.to_owned(),
        status,
        message: shorten(&message, 2000),
        seconds,
    }
}

/// Why a test the harness saw fail failed: an assertion of the canonical
/// tests, a `todo!()` not yet written, or a panic of the student's code.
fn failure(output: &str) -> (TestStatus, String) {
    let lines: Vec<&str> = output.lines().collect();
    let Some(at) = lines.iter().position(|l| l.contains(" panicked at ")) else {
        return (
            TestStatus::Panicked,
            "it panicked, and no panic message was printed (was the panic hook replaced?)".into(),
        );
    };
    let message: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| !l.starts_with("note: ") && !l.starts_with("stack backtrace:"))
        .copied()
        .collect();
    let message = message.join("\n").trim().to_owned();
    if let Some(prompt) = message.strip_prefix("not yet implemented") {
        let prompt = prompt.trim_start_matches(':').trim();
        (TestStatus::NotWritten, format!("reached todo!(): {prompt}"))
    } else if lines[at].contains(harness::TESTS_FILE) {
        (TestStatus::Failed, message)
    } else {
        (TestStatus::Panicked, message)
    }
}

fn shorten(message: &str, limit: usize) -> String {
    if message.len() <= limit {
        return message.to_owned();
    }
    let cut = (0..=limit)
        .rev()
        .find(|i| message.is_char_boundary(*i))
        .unwrap_or(0);
    format!("{}…", &message[..cut])
}

fn first_error(rendered: &str) -> String {
    let first = rendered
        .split("\n\n")
        .find(|e| e.trim_start().starts_with("error"))
        .unwrap_or(rendered);
    shorten(first.trim(), 2000)
}

/// Copies the `.rs` files of a student's `<id>/src/` (never symbolic links,
/// nothing too large). False when there is no `src/lib.rs` to grade.
fn copy_sources(exercise_dir: &Path, to: &Path, id: &str, notes: &mut Vec<String>) -> Result<bool> {
    let from = exercise_dir.join("src");
    let lib = from.join("lib.rs");
    let Ok(meta) = std::fs::symlink_metadata(&lib) else {
        return Ok(false);
    };
    if !meta.is_file() {
        notes.push(format!("{id}: src/lib.rs is not a plain file; not graded"));
        return Ok(false);
    }
    std::fs::create_dir_all(to)?;
    let mut copied = 0;
    copy_tree(&from, to, id, notes, &mut copied, 0)?;
    Ok(to.join("lib.rs").is_file())
}

fn copy_tree(
    from: &Path,
    to: &Path,
    id: &str,
    notes: &mut Vec<String>,
    copied: &mut usize,
    depth: usize,
) -> Result<()> {
    if depth > 8 {
        notes.push(format!(
            "{id}: folders nested deeper than 8 levels were ignored"
        ));
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(from)?.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            notes.push(format!(
                "{id}: {} is a symbolic link; ignored",
                path.display()
            ));
        } else if meta.is_dir() {
            let sub = to.join(&name);
            std::fs::create_dir_all(&sub)?;
            copy_tree(&path, &sub, id, notes, copied, depth + 1)?;
        } else if meta.is_file() && name.ends_with(".rs") {
            if meta.len() > MAX_SOURCE_BYTES {
                notes.push(format!("{id}: {name} is larger than 1 MiB; ignored"));
            } else if *copied >= MAX_SOURCE_FILES {
                notes.push(format!(
                    "{id}: more than {MAX_SOURCE_FILES} source files; the rest ignored"
                ));
                return Ok(());
            } else {
                std::fs::copy(&path, to.join(&name))?;
                *copied += 1;
            }
        }
    }
    Ok(())
}

/// The packed project's tests file, as the student got it.
fn note_edited_tests(exercise: &Exercise, folder: &Path, notes: &mut Vec<String>) {
    let id = &exercise.meta.id;
    let path = folder.join(id).join("tests/canonical.rs");
    let normalize = |text: &str| {
        text.replace("\r\n", "\n")
            .trim_start_matches('\u{feff}')
            .trim()
            .to_owned()
    };
    let packed = exercise.tests_for_crate(&id.replace('-', "_"));
    match std::fs::read_to_string(&path) {
        Ok(theirs) if normalize(&theirs) == normalize(&packed) => {}
        Ok(_) => notes.push(format!(
            "{id}: tests/canonical.rs was edited; the original tests were used"
        )),
        // Handing in only `src/` is fine: the tests never come from the student.
        Err(_) => {}
    }
}

/// Constructs that could be used to fake a pass, flagged for a look by hand
/// (they do not fail the submission).
static FLAGGED: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"\bunsafe\b", "uses `unsafe`"),
        (r"\bextern\b", "uses `extern`"),
        (r"\bexit\s*\(", "ends the process itself (`exit`)"),
        (r"\b(set_hook|take_hook)\b", "replaces the panic hook"),
        (r"\bmacro_rules!", "defines a macro"),
        (r"/proc/", "reads /proc"),
    ]
    .into_iter()
    .map(|(pattern, what)| (Regex::new(pattern).expect("valid regex"), what))
    .collect()
});

fn flag_constructs(id: &str, src: &Path, notes: &mut Vec<String>) {
    let mut files = Vec::new();
    collect_rs(src, &mut files);
    for (pattern, what) in FLAGGED.iter() {
        let found: Vec<String> = files
            .iter()
            .filter_map(|file| {
                let text = std::fs::read_to_string(file).ok()?;
                let line = text.lines().position(|l| pattern.is_match(l))?;
                let shown = file.strip_prefix(src).unwrap_or(file).display().to_string();
                Some(format!("src/{shown}:{}", line + 1))
            })
            .collect();
        if !found.is_empty() {
            notes.push(format!(
                "{id}: {what} ({}); check by hand that it does not fake a result",
                found.join(", ")
            ));
        }
    }
}

fn collect_rs(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_rs(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// An environment variable every unsandboxed test process carries, so that
/// processes a submission left behind can be found and killed at the end.
fn run_marker(work: &Path) -> String {
    format!(
        "THREADWORK_GRADING={}",
        crate::project::fingerprint(&work.display().to_string())
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

/// `workbook merge`: one class report from the grades.json of its shards.
pub fn merge(parts: &[PathBuf], out: &Path) -> Result<Report> {
    let reports = parts
        .iter()
        .map(|p| report::read(p))
        .collect::<Result<Vec<_>>>()?;
    let merged = report::merge(&reports)?;
    report::write_all(&merged, out)?;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_k_of_n() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "x", "1/", "/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn failures_are_told_apart() {
        let assertion = "thread 'main' panicked at /w/gen/x/canonical_tests.rs:9:5:\nassertion `left == right` failed\n  left: 1\n right: 2\nnote: run with";
        assert_eq!(failure(assertion).0, TestStatus::Failed);
        let todo = "thread 'main' panicked at /w/src/lib.rs:3:5:\nnot yet implemented: Split it\n";
        assert_eq!(
            failure(todo),
            (TestStatus::NotWritten, "reached todo!(): Split it".into())
        );
        let own = "thread 'main' panicked at /w/src/lib.rs:3:9:\nattempt to divide by zero\n";
        assert_eq!(failure(own).0, TestStatus::Panicked);
        assert_eq!(failure("").0, TestStatus::Panicked);
    }
}
