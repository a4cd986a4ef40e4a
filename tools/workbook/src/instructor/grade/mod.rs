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

pub mod cgroup;
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
use std::sync::atomic::{AtomicUsize, Ordering};
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

impl Shard {
    /// This shard's share: every N-th item, starting with the K-th.
    pub fn of<T>(self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .enumerate()
            .filter(|(index, _)| index % self.count == self.index - 1)
            .map(|(_, item)| item)
            .collect()
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The largest source file copied from a submission, and how many entries
/// (files and folders) of its `src/` are looked at.
const MAX_SOURCE_BYTES: u64 = 4 << 20;
const MAX_SOURCE_ENTRIES: usize = 500;
/// Notes kept per student; more are summarised in one line.
const MAX_NOTES: usize = 20;

/// Shared by every student's sandbox: the generated harness per exercise.
struct Plan<'a> {
    exercises: &'a [Exercise],
    isolation: Isolation,
    /// Limits for a whole sandbox, where control groups can be made.
    cgroups: Option<cgroup::Cgroups>,
    /// Names the control groups of this run apart.
    groups_made: AtomicUsize,
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
    let toolchain = deps::prepare(
        repo_root,
        &shared_dependencies(&options.exercises),
        &options.deps_cache,
        options.offline,
    )?;
    if let Some(shard) = options.shard {
        students = shard.of(students);
    }
    let work = fresh_work_folder(&options.out)?;
    let generated = work.join("gen");
    for exercise in &options.exercises {
        write_harness(exercise, &generated.join(&exercise.meta.id))?;
    }
    let plan = Plan {
        exercises: &options.exercises,
        isolation,
        cgroups: cgroup::Cgroups::detect(),
        groups_made: AtomicUsize::new(0),
        toolchain,
        generated,
        work: work.clone(),
        options,
    };

    let students = grade_in_parallel(&plan, students);
    let report = Report {
        sandbox: plan.isolation.describe(plan.cgroups.as_ref()),
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

/// Every crate the chosen exercises depend on, once each, sorted.
fn shared_dependencies(exercises: &[Exercise]) -> Vec<String> {
    let mut dependencies: Vec<String> = exercises
        .iter()
        .flat_map(|e| e.meta.dependencies.iter().cloned())
        .collect();
    dependencies.sort();
    dependencies.dedup();
    dependencies
}

/// `OUT/.grading`, empty, as an absolute path (the sandbox binds paths by
/// name); makes OUT if needed.
fn fresh_work_folder(out: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let work = std::fs::canonicalize(out)?.join(".grading");
    if work.exists() {
        std::fs::remove_dir_all(&work)
            .with_context(|| format!("cannot clear {}", work.display()))?;
    }
    Ok(work)
}

/// Grades every student, `options.jobs` at a time, printing a line as each
/// finishes; the grades sorted by student.
fn grade_in_parallel(plan: &Plan, students: Vec<(String, PathBuf)>) -> Vec<StudentGrade> {
    let total = students.len();
    let queue = Mutex::new(students.into_iter().collect::<VecDeque<_>>());
    let results: Mutex<Vec<StudentGrade>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..plan.options.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                    let Some((name, folder)) = next else { break };
                    let grade = grade_student(plan, &name, &folder);
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
    students
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
    if submissions.join(crate::exercises::project::MARKER).exists()
        || exercises
            .iter()
            .any(|e| submissions.join(&e.meta.id).join("src").is_dir())
    {
        bail!(
            "warning: {} looks like one student's project (it holds an exercise folder or {}), \
             not a folder with one folder per student; nothing was graded",
            submissions.display(),
            crate::exercises::project::MARKER
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
            skipped.push(format!(
                "{}: a hidden folder or file, so not a submission",
                shown(&name)
            ));
            continue;
        }
        if entry.is_symlink() || !entry.is_dir() {
            skipped.push(format!(
                "{}: not a folder, so not a submission",
                shown(&name)
            ));
        } else if !valid_student_name(&name) {
            skipped.push(format!(
                "{}: a folder name with characters other than letters, digits, `-`, `_` and `.`",
                shown(&name)
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

/// A name from the submissions folder, safe to show in a report: only
/// printable ASCII, at most 80 characters.
fn shown(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .take(80)
        .collect();
    format!("`{}`", clean.replace('`', "'"))
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
    if notes.len() > MAX_NOTES {
        let more = notes.len() - MAX_NOTES;
        notes.truncate(MAX_NOTES);
        notes.push(format!("… and {more} more notes like these"));
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
    let exercise_dir = match find_exercise(folder, &id) {
        Some((dir, nested)) => {
            if let Some(nested) = nested {
                notes.push(format!(
                    "{id}: found in {nested}/ rather than at the top of the folder"
                ));
            }
            dir
        }
        None => {
            return not_graded(
                ExerciseStatus::Missing,
                "not handed in (no folder of that name)".into(),
            );
        }
    };
    match copy_sources(&exercise_dir, &src, &id, notes) {
        Ok(Copied::Yes) => {}
        Ok(Copied::No(why)) => return not_graded(ExerciseStatus::Missing, why),
        Err(e) => return not_graded(ExerciseStatus::Missing, format!("could not be read: {e:#}")),
    }
    note_edited_tests(exercise, &exercise_dir, notes);
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
    let tests = run_tests(plan, &names, &out, work, deadline);
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

/// Runs each test of a built exercise with the time left of the student's
/// budget; a test the budget does not reach is marked not run.
fn run_tests(
    plan: &Plan,
    names: &[String],
    out: &Path,
    work: &StudentWork,
    deadline: Instant,
) -> Vec<TestGrade> {
    let mut tests = Vec::new();
    for name in names {
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
        tests.push(run_test(plan, out, work, name, budget));
    }
    tests
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
    let testkit = match toolchain.testkit_args() {
        Ok(args) => args,
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
        // Code that runs before `main`, replaces symbols or reads memory
        // could steal the harness's token; none of it compiles without
        // `unsafe`, and no exercise needs `unsafe`.
        "-F".into(),
        "unsafe_code".into(),
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
    tests.extend(testkit.iter().map(OsString::from));
    common(&mut tests);
    steps.push(tests);
    for (step, args) in steps.iter().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Built::NoTime;
        }
        let budget = plan.options.build_timeout.min(left);
        // /proc only for the dynamic loader to find rustc's own libraries:
        // no student code runs while compiling.
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
        let (run, _) = match run_limited(plan, command, None, budget, Limits::BUILD) {
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
            let mut message = format!("compiling {which}: {}", first_error(&run.output));
            if run.output.contains("unsafe_code") || run.output.contains("unsafe-code") {
                message.insert_str(
                    0,
                    "`unsafe` code is not accepted in a submission (it could fake a pass); ",
                );
            }
            return Built::Failed(message);
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
) -> TestGrade {
    let token = harness::new_token();
    let scratch = work.scratch.display().to_string();
    let mut jail = Jail::new(&plan.isolation, Limits::TEST)
        .read(out)
        .scratch(&work.scratch)
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
    let stdin = format!("{token}\n");
    let (run, out_of_memory) = match run_limited(plan, command, Some(&stdin), budget, Limits::TEST)
    {
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
            None if out_of_memory || run.output.contains("memory allocation of") => (
                TestStatus::TooMuchMemory,
                format!(
                    "it went over the memory limit ({} GiB per process, {} GiB for the test in all)",
                    Limits::TEST.memory >> 30,
                    Limits::TEST.group_memory >> 30
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

/// Runs `command` under `budget`, inside a control group of its own where
/// one can be made; also says whether the group's memory limit killed
/// something.
fn run_limited(
    plan: &Plan,
    command: std::process::Command,
    stdin: Option<&str>,
    budget: Duration,
    limits: Limits,
) -> std::io::Result<(listingkit::Run, bool)> {
    let group = plan.cgroups.as_ref().and_then(|cgroups| {
        let number = plan.groups_made.fetch_add(1, Ordering::Relaxed);
        // A control group, not a temp folder (tempfile cannot make one): the
        // pid keeps the names of two graders on one machine apart.
        let name = format!("threadwork-{}-{number}", std::process::id());
        cgroups.create(&name, limits.group_memory, limits.processes)
    });
    let command = match &group {
        Some(group) => group.wrap(command),
        None => command,
    };
    let run = listingkit::run_with_deadline(command, stdin, budget)?;
    let out_of_memory = group.as_ref().is_some_and(|g| g.out_of_memory());
    drop(group);
    Ok((run, out_of_memory))
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

#[derive(Debug)]
enum Copied {
    Yes,
    /// Why there is nothing to grade.
    No(String),
}

/// The student's folder for exercise `id`: at the top of their folder, or
/// (a common slip) one or two folders down. Never through a symbolic link.
fn find_exercise(folder: &Path, id: &str) -> Option<(PathBuf, Option<String>)> {
    let is_real_dir = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    let top = folder.join(id);
    if std::fs::symlink_metadata(&top).is_ok() {
        return Some((top, None));
    }
    let subfolders = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| is_real_dir(p))
                    .take(50)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    for first in subfolders(folder) {
        if is_real_dir(&first.join(id)) {
            found.push(first.join(id));
        }
        for second in subfolders(&first) {
            if is_real_dir(&second.join(id)) {
                found.push(second.join(id));
            }
        }
    }
    if found.len() != 1 {
        return None;
    }
    let dir = found.pop()?;
    let nested = dir
        .parent()?
        .strip_prefix(folder)
        .ok()?
        .components()
        .map(|c| shown_component(&c.as_os_str().to_string_lossy()))
        .collect::<Vec<_>>()
        .join("/");
    Some((dir, Some(nested)))
}

/// A path component as a note shows it: safe characters only.
fn shown_component(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '?'
            }
        })
        .take(60)
        .collect()
}

/// Whether `name` can be a Rust module file (without `.rs`) or folder.
fn module_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Copies the Rust source files of a student's `<id>/src/`: plain files
/// named like modules, never symbolic links or special files, and nothing
/// too large; `src/lib.rs` first.
fn copy_sources(
    exercise_dir: &Path,
    to: &Path,
    id: &str,
    notes: &mut Vec<String>,
) -> Result<Copied> {
    let plain_dir = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
    if !plain_dir(exercise_dir) {
        return Ok(Copied::No(
            "not handed in (the exercise folder is a symbolic link or not a folder)".into(),
        ));
    }
    let from = exercise_dir.join("src");
    if !plain_dir(&from) {
        return Ok(Copied::No(
            "not handed in (no src/ folder, or src/ is a symbolic link)".into(),
        ));
    }
    let lib = from.join("lib.rs");
    let Ok(meta) = std::fs::symlink_metadata(&lib) else {
        return Ok(Copied::No("not handed in (no src/lib.rs)".into()));
    };
    if !meta.is_file() {
        return Ok(Copied::No(
            "src/lib.rs is not a plain file (a symbolic link, folder or device); not graded".into(),
        ));
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Ok(Copied::No(format!(
            "src/lib.rs is larger than {} MiB; not graded",
            MAX_SOURCE_BYTES >> 20
        )));
    }
    std::fs::create_dir_all(to)?;
    std::fs::copy(&lib, to.join("lib.rs"))?;
    let mut seen = 0;
    let mut ignored = Vec::new();
    copy_tree(&from, to, &mut seen, &mut ignored, 0)?;
    if !ignored.is_empty() {
        let count = ignored.len();
        ignored.truncate(5);
        notes.push(format!(
            "{id}: {count} entries of src/ were not copied ({}{})",
            ignored.join("; "),
            if count > 5 { "; …" } else { "" }
        ));
    }
    Ok(Copied::Yes)
}

fn copy_tree(
    from: &Path,
    to: &Path,
    seen: &mut usize,
    ignored: &mut Vec<String>,
    depth: usize,
) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(from)?
        .filter_map(|e| e.ok())
        .take(MAX_SOURCE_ENTRIES + 1)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        *seen += 1;
        if *seen > MAX_SOURCE_ENTRIES {
            ignored.push(format!("more than {MAX_SOURCE_ENTRIES} entries"));
            return Ok(());
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if depth == 0 && name == "lib.rs" {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let why = if meta.file_type().is_symlink() {
            Some("a symbolic link")
        } else if meta.is_dir() {
            if !module_name(&name) {
                Some("not a module name")
            } else if depth >= 8 {
                Some("nested too deep")
            } else {
                let sub = to.join(&name);
                std::fs::create_dir_all(&sub)?;
                copy_tree(&path, &sub, seen, ignored, depth + 1)?;
                None
            }
        } else if !meta.is_file() {
            Some("not a plain file")
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if !module_name(stem) {
                Some("not a module name")
            } else if meta.len() > MAX_SOURCE_BYTES {
                Some("larger than 4 MiB")
            } else {
                std::fs::copy(&path, to.join(&name))?;
                None
            }
        } else {
            // Data files and the like are not part of what is graded.
            None
        };
        if let Some(why) = why {
            ignored.push(format!("{}: {why}", shown_component(&name)));
        }
    }
    Ok(())
}

/// Notes a `tests/canonical.rs` that differs from the packed one. Read only
/// as a plain file of bounded size (never through a link, a FIFO or a device).
fn note_edited_tests(exercise: &Exercise, exercise_dir: &Path, notes: &mut Vec<String>) {
    use std::io::Read;
    let id = &exercise.meta.id;
    let path = exercise_dir.join("tests/canonical.rs");
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        // Handing in only `src/` is fine: the tests never come from the student.
        return;
    };
    let mut theirs = String::new();
    let readable = meta.is_file()
        && std::fs::File::open(&path)
            .and_then(|f| f.take(MAX_SOURCE_BYTES).read_to_string(&mut theirs))
            .is_ok();
    let normalize = |text: &str| {
        text.replace("\r\n", "\n")
            .trim_start_matches('\u{feff}')
            .trim()
            .to_owned()
    };
    let packed = exercise.tests_for_crate(&id.replace('-', "_"));
    if !readable || normalize(&theirs) != normalize(&packed) {
        notes.push(format!(
            "{id}: tests/canonical.rs was edited; the original tests were used"
        ));
    }
}

/// Constructs that could be used to fake a pass, flagged for a look by hand
/// (they do not fail the submission).
static FLAGGED: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"\bexit\b", "ends the process itself (`exit`)"),
        (r"\babort\b", "ends the process itself (`abort`)"),
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
        } else {
            // Exactly what was copied: module-named `.rs` files.
            files.push(path);
        }
    }
}

/// An environment variable every unsandboxed test process carries, so that
/// processes a submission left behind can be found and killed at the end.
fn run_marker(work: &Path) -> String {
    format!(
        "THREADWORK_GRADING={}",
        crate::exercises::project::fingerprint(&work.display().to_string())
    )
}

/// The sweep for processes that left their group; kept here under its old
/// name for the tests.
pub use listingkit::process::kill_marked_processes;

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
