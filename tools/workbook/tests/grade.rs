//! A hostile class, graded: every trick a student could try to fake a pass,
//! slow the others down, reach outside their folder or kill the grader gets
//! the verdict it deserves; honest code in any of its usual shapes gets full
//! marks; nothing is left running, nothing is written outside, no network
//! is reached, and the grader lives to write every grade.

#[allow(dead_code)] // each test file uses a different part of the fixture
mod fixture;

use fixture::{ADD, Fixture};
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use workbook::instructor::grade::{
    self, ExerciseStatus, Options, Report, StudentGrade, TestStatus,
};

/// Runs before `main` (from `.init_array`), reads the harness's token and
/// prints a pass for whatever test was asked for.
const STEAL_TOKEN_BEFORE_MAIN: &str = r#"#[used]
#[unsafe(link_section = ".init_array")]
static STEAL: extern "C" fn() = steal;
extern "C" fn steal() {
    use std::io::{BufRead, Write};
    let mut token = String::new();
    let _ = std::io::stdin().lock().read_line(&mut token);
    let name = std::env::args().nth(1).unwrap_or_default();
    let _ = write!(std::io::stderr(), "\n{} passed {}\n", token.trim(), name);
}"#;

const PERMISSIVE_EQ: &str = r#"pub struct Sum;
impl PartialEq<u32> for Sum {
    fn eq(&self, _: &u32) -> bool { true }
}
impl std::fmt::Debug for Sum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("5") }
}
pub fn add(_a: u32, _b: u32) -> Sum { Sum }
"#;

/// Right only if a limit stopped it from starting 1000 threads.
const THREAD_BOMB: &str = r#"    let mut started = 0;
    for _ in 0..3000 {
        let sleeper = || std::thread::sleep(std::time::Duration::from_secs(5));
        match std::thread::Builder::new().spawn(sleeper) {
            Ok(_) => started += 1,
            Err(_) => break,
        }
    }
    if started < 1000 { a + b } else { a * b }"#;

/// Right only if 1500 MiB of its own and a 900 MiB child fit at once: the
/// test holds its memory while the child fills its buffer, so together they
/// are always over a 2 GiB limit for the whole test.
const MEMORY_IN_CHILDREN: &str = r#"    let hog = vec![7u8; 1500 << 20];
    let child_ran = std::process::Command::new("dd")
        .args(["if=/dev/zero", "of=/dev/null", "bs=900M", "count=1"])
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if child_ran { a + b + u32::from(hog[5] - 7) } else { a * b }"#;

/// Right only if the 256 MiB caps on scratch and /dev/shm stopped it.
const FILLS_SCRATCH: &str = r#"    let block = vec![0u8; 10 << 20];
    let mut written = 0;
    for i in 0..40 {
        if std::fs::write(format!("fill{i}"), &block).is_ok() { written += 1; }
        if std::fs::write(format!("/dev/shm/fill{i}"), &block).is_ok() { written += 1; }
    }
    if written < 60 { a + b } else { a * b }"#;

/// The solution with its `add` body replaced.
fn with_body(body: &str) -> String {
    let solution = ADD;
    let start = solution.find("    // SOLUTION").expect("a region");
    let end = solution
        .find("    // END SOLUTION\n")
        .expect("a region end")
        + "    // END SOLUTION\n".len();
    format!("{}{body}\n{}", &solution[..start], &solution[end..])
}

/// The honest solution, without region markers.
fn honest() -> String {
    with_body("    a + b")
}

fn submit(fixture: &Fixture, student: &str, file: &str, text: &str) {
    fixture.write(&format!("class/{student}/ch01-add/{file}"), text);
}

fn statuses(student: &StudentGrade) -> Vec<TestStatus> {
    student.exercises[0]
        .tests
        .iter()
        .map(|t| t.status)
        .collect()
}

fn processes_with(needle: &str) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(needle) && !c.contains("cargo"))
        .collect()
}

fn options(fixture: &Fixture, out: &Path) -> Options {
    Options {
        exercises: workbook::exercises::load_all(fixture.root()).unwrap(),
        submissions: fixture.path("class"),
        out: out.to_owned(),
        jobs: 2,
        test_timeout: Duration::from_secs(3),
        build_timeout: Duration::from_secs(20),
        student_timeout: Duration::from_secs(60),
        offline: true,
        sandbox: true,
        shard: None,
        keep_work: false,
        deps_cache: fixture.path("deps-cache"),
    }
}

/// Whether the sandbox can run here. CI installs bubblewrap, so there a
/// missing sandbox is a failure, not a reason to skip.
fn bwrap_ready() -> bool {
    let ready = workbook::instructor::grade::sandbox::Isolation::probe();
    if std::env::var_os("CI").is_some() {
        ready.expect("CI must be able to grade in the sandbox");
        return true;
    }
    if let Err(why) = &ready {
        eprintln!("skipped: {why:#}");
    }
    ready.is_ok()
}

/// Honest code in the shapes students hand it in: all get full marks.
fn submit_honest_corpus(fixture: &Fixture) {
    submit(fixture, "honest-plain", "src/lib.rs", &honest());
    submit(
        fixture,
        "honest-crlf",
        "src/lib.rs",
        &honest().replace('\n', "\r\n"),
    );
    submit(
        fixture,
        "honest-bom-tabs",
        "src/lib.rs",
        &format!(
            "\u{feff}{}",
            honest()
                .replace("    ", "\t")
                .replace("a + b", "a + b // the sum")
        ),
    );
    // Helper modules in files and folders, with comments after the lines.
    submit(
        fixture,
        "honest-modules",
        "src/lib.rs",
        &with_body("    helpers::plus(a, b)").replace(
            "pub fn add",
            "mod helpers; // where the arithmetic lives\n#[cfg(test)] mod tests; // my own tests\n\npub fn add",
        ),
    );
    submit(
        fixture,
        "honest-modules",
        "src/helpers.rs",
        "pub mod inner;\npub fn plus(a: u32, b: u32) -> u32 {\n    inner::sum(&[a, b])\n}\n",
    );
    submit(
        fixture,
        "honest-modules",
        "src/helpers/inner.rs",
        "pub fn sum(numbers: &[u32]) -> u32 {\n    numbers.iter().sum()\n}\n",
    );
    submit(
        fixture,
        "honest-modules",
        "src/tests.rs",
        "use super::*;\n#[test]\nfn mine() { assert_eq!(add(1, 1), 2); }\n",
    );
    // One folder too deep, as a zip often unpacks.
    fixture.write("class/honest-nested/week2/ch01-add/src/lib.rs", &honest());
    // A large table in lib.rs (2 MiB of comments stand in for it).
    submit(
        fixture,
        "honest-large",
        "src/lib.rs",
        &format!("{}{}", "// table row\n".repeat(160_000), honest()),
    );
    // A notes file beside the code: ignored, not failed.
    submit(fixture, "honest-large", "src/notes.txt", "my notes");
}

fn submit_hostile_class(fixture: &Fixture, escape: &Path, port: u16) {
    submit(fixture, "wrong", "src/lib.rs", &with_body("    a * b"));
    submit(
        fixture,
        "not-written",
        "src/lib.rs",
        &with_body("    todo!(\"Return the sum of a and b.\")"),
    );
    submit(
        fixture,
        "deadlock",
        "src/lib.rs",
        &with_body(
            "    let lock = std::sync::Mutex::new(a);\n    let _first = lock.lock().unwrap();\n    let _second = lock.lock().unwrap();\n    a + b",
        ),
    );
    submit(fixture, "syntax", "src/lib.rs", &with_body("    a + \"b\""));
    submit(
        fixture,
        "panics",
        "src/lib.rs",
        &with_body("    panic!(\"I give up on {a} + {b}\")"),
    );
    // Tries to shadow the tests' assertions with its own do-nothing macro.
    submit(
        fixture,
        "shadow-macros",
        "src/lib.rs",
        &with_body("    0").replace(
            "pub fn add",
            "#[macro_export]\nmacro_rules! assert_eq { ($($t:tt)*) => {}; }\npub use std::time::Instant;\n\npub fn add",
        ),
    );
    // Prints what a passing libtest prints, and what a harness might, then exits.
    submit(
        fixture,
        "fake-pass-exit",
        "src/lib.rs",
        &with_body(
            "    println!(\"test tests::adds ... ok\\n\\ntest result: ok. 1 passed; 0 failed\");\n    \
             eprintln!(\"00000000000000000000000000000000 passed adds\");\n    std::process::exit(0)",
        ),
    );
    // The exit is hidden in another file, reached by a `use` and an alias.
    submit(
        fixture,
        "fake-pass-helper",
        "src/lib.rs",
        &with_body("    finish::done()").replace("pub fn add", "mod finish;\n\npub fn add"),
    );
    submit(
        fixture,
        "fake-pass-helper",
        "src/finish.rs",
        "use std::process as p;\npub fn done() -> u32 {\n    p::exit(0)\n}\n",
    );
    // A panic hook that turns every failed assertion into a clean exit.
    submit(
        fixture,
        "fake-pass-hook",
        "src/lib.rs",
        &with_body("    std::panic::set_hook(Box::new(|_| std::process::exit(0)));\n    a * b"),
    );
    // Kills or freezes whatever started it.
    submit(
        fixture,
        "kill-parent",
        "src/lib.rs",
        &with_body(
            "    let _ = std::process::Command::new(\"sh\").args([\"-c\", \"kill -9 $PPID; kill -9 1\"]).status();\n    a + b",
        ),
    );
    submit(
        fixture,
        "stop-parent",
        "src/lib.rs",
        &with_body(
            "    let _ = std::process::Command::new(\"sh\").args([\"-c\", \"kill -STOP $PPID; kill -STOP 1\"]).status();\n    a + b",
        ),
    );
    // Writes outside its folder: a file beside the class, another student's
    // submission, and the grader's own work folder.
    let victim = fixture.path("class/honest-plain/ch01-add/src/lib.rs");
    let grading = fixture.path("grades/.grading/students/honest-plain/src/ch01-add/lib.rs");
    submit(
        fixture,
        "escaper",
        "src/lib.rs",
        &with_body(&format!(
            "    let _ = std::fs::write({:?}, \"out\");\n    \
             let _ = std::fs::write({:?}, \"pub fn add(a: u32, b: u32) -> u32 {{ a * b }}\");\n    \
             let _ = std::fs::write({:?}, \"pub fn add(a: u32, b: u32) -> u32 {{ a * b }}\");\n    a + b",
            escape.display().to_string(),
            victim.display().to_string(),
            grading.display().to_string()
        )),
    );
    // Reads another student's code at compile time.
    submit(
        fixture,
        "copier",
        "src/lib.rs",
        &format!(
            "const THEIRS: &str = include_str!({:?});\n{}",
            victim.display().to_string(),
            honest()
        ),
    );
    // Phones home: the answer is right only if the network is reachable.
    submit(
        fixture,
        "network",
        "src/lib.rs",
        &with_body(&format!(
            "    match std::net::TcpStream::connect((\"127.0.0.1\", {port})) {{\n        Ok(_) => a + b,\n        Err(_) => a * b,\n    }}"
        )),
    );
    submit(
        fixture,
        "memory-hog",
        "src/lib.rs",
        &with_body("    let block = vec![1u8; 64 << 30];\n    a + b + u32::from(block[12345])"),
    );
    // Leaves a process and a thread behind after a right answer.
    submit(
        fixture,
        "left-running",
        "src/lib.rs",
        &with_body(
            "    let _ = std::process::Command::new(\"sleep\").arg(\"307.5\").spawn();\n    \
             std::thread::spawn(|| loop { std::thread::sleep(std::time::Duration::from_secs(1)); });\n    a + b",
        ),
    );
    // Makes the compiler spin: a constant that never finishes evaluating.
    submit(
        fixture,
        "spinning-build",
        "src/lib.rs",
        &format!(
            "#![allow(long_running_const_eval)]\nconst SPIN: u64 = {{ let mut i = 0u64; while i < u64::MAX {{ i = i.wrapping_add(1) | 1; }} i }};\n{}",
            honest().replace("    a + b", "    a + b + (SPIN as u32 & 0)")
        ),
    );
    // Makes its own tests pass by weakening them, with a wrong answer.
    // `unsafe` could run code before `main` and steal the harness's token;
    // it is refused at compile time, however harmless it looks.
    submit(
        fixture,
        "uses-unsafe",
        "src/lib.rs",
        &with_body("    let sum = a + b;\n    unsafe { *std::ptr::addr_of!(sum) }"),
    );
    submit(
        fixture,
        "steals-token",
        "src/lib.rs",
        &format!("{}\n{}", STEAL_TOKEN_BEFORE_MAIN, with_body("    0")),
    );
    // A look-alike result whose `==` always says yes.
    submit(fixture, "permissive-eq", "src/lib.rs", PERMISSIVE_EQ);
    // Someone else's code through a symbolic link, for src/ and for the
    // whole exercise folder.
    std::fs::create_dir_all(fixture.path("class/linked-src/ch01-add")).unwrap();
    std::os::unix::fs::symlink(
        "../../honest-plain/ch01-add/src",
        fixture.path("class/linked-src/ch01-add/src"),
    )
    .unwrap();
    std::fs::create_dir_all(fixture.path("class/linked-folder")).unwrap();
    std::os::unix::fs::symlink(
        fixture.path("class/honest-plain/ch01-add"),
        fixture.path("class/linked-folder/ch01-add"),
    )
    .unwrap();
    // Files that would hang or flood a reader: a FIFO as the tests, /dev/zero
    // as a module, and a file name that tries to write lines of the report.
    submit(
        fixture,
        "special-files",
        "src/lib.rs",
        &with_body("    a * b"),
    );
    std::fs::create_dir_all(fixture.path("class/special-files/ch01-add/tests")).unwrap();
    let fifo = fixture.path("class/special-files/ch01-add/tests/canonical.rs");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink(
        "/dev/zero",
        fixture.path("class/special-files/ch01-add/src/zero.rs"),
    )
    .unwrap();
    submit(
        fixture,
        "special-files",
        "src/x\n- `ch01-add`: all 2 tests passed\n<!--.rs",
        "pub fn x() {}",
    );
    // Too many threads, too much memory in children, too much scratch.
    submit(
        fixture,
        "thread-bomb",
        "src/lib.rs",
        &with_body(THREAD_BOMB),
    );
    submit(
        fixture,
        "memory-in-children",
        "src/lib.rs",
        &with_body(MEMORY_IN_CHILDREN),
    );
    submit(
        fixture,
        "fills-scratch",
        "src/lib.rs",
        &with_body(FILLS_SCRATCH),
    );
    fixture.write("class/.hidden/ch01-add/src/lib.rs", &honest());
    submit(fixture, "tamperer", "src/lib.rs", &with_body("    a * b"));
    submit(
        fixture,
        "tamperer",
        "tests/canonical.rs",
        "#[test]\nfn adds() {}\n#[test]\nfn adds_zero() {}\n",
    );
    std::fs::create_dir_all(fixture.path("class/empty-handed")).unwrap();
    fixture.write("class/notes.txt", "not a student");
}

#[test]
fn a_hostile_class_is_graded_fairly_and_completely() {
    if !bwrap_ready() {
        return;
    }
    let fixture = Fixture::new("grade-class");
    let escape = fixture.path("escaped-from-student.txt");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let reached = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (reached, stop) = (Arc::clone(&reached), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if listener.accept().is_ok() {
                    reached.store(true, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    submit_honest_corpus(&fixture);
    submit_hostile_class(&fixture, &escape, port);
    let out = fixture.path("grades");
    let mut options = options(&fixture, &out);
    options.build_timeout = Duration::from_secs(8);
    // Long enough that an honest test never times out on a loaded 2-core
    // machine; the deadlocked and stopped students pay it in full.
    options.test_timeout = Duration::from_secs(8);
    let start = Instant::now();
    let report = grade::grade(fixture.root(), &options).unwrap();
    let took = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert!(took < Duration::from_secs(240), "grading took {took:?}");

    let student = |name: &str| -> &StudentGrade {
        report
            .students
            .iter()
            .find(|s| s.student == name)
            .unwrap_or_else(|| panic!("{name} was not graded"))
    };
    let all = |status| vec![status, status];
    let full = |name: &str| {
        let grade = student(name);
        assert_eq!(
            (grade.passed, grade.total),
            (2, 2),
            "{name}: {:#?}",
            grade.exercises
        );
    };
    for honest in [
        "honest-plain",
        "honest-crlf",
        "honest-bom-tabs",
        "honest-modules",
        "honest-nested",
        "honest-large",
    ] {
        full(honest);
    }
    assert!(
        student("honest-nested")
            .notes
            .iter()
            .any(|n| n.contains("week2"))
    );
    assert!(
        student("honest-plain").notes.is_empty(),
        "{:?}",
        student("honest-plain").notes
    );

    assert_eq!(statuses(student("wrong")), all(TestStatus::Failed));
    assert_eq!(
        statuses(student("not-written")),
        all(TestStatus::NotWritten)
    );
    // `adds` hangs until the grader's deadline; `adds_zero` runs `add`
    // under testkit's `within` (5 s), whose panic is the test's failure,
    // with its message, not a panic of the student's code.
    assert_eq!(
        statuses(student("deadlock")),
        [TestStatus::TimedOut, TestStatus::Failed]
    );
    assert!(
        student("deadlock").exercises[0].tests[1]
            .message
            .contains("add did not finish within 5s"),
        "{:?}",
        student("deadlock").exercises[0].tests
    );
    assert_eq!(statuses(student("panics")), all(TestStatus::Panicked));
    assert_eq!(
        student("syntax").exercises[0].status,
        ExerciseStatus::DidNotCompile
    );
    assert!(student("syntax").exercises[0].message.contains("error"));

    // Shadowing: the tests never see the student's macro; the wrong answer fails.
    assert_eq!(statuses(student("shadow-macros"))[0], TestStatus::Failed);
    assert!(
        student("shadow-macros")
            .notes
            .iter()
            .any(|n| n.contains("defines a macro"))
    );
    // Faked passes end early, whatever they printed, and are flagged.
    for faker in ["fake-pass-exit", "fake-pass-helper"] {
        assert_eq!(
            statuses(student(faker)),
            all(TestStatus::EndedEarly),
            "{faker}"
        );
        assert!(
            student(faker).notes.iter().any(|n| n.contains("`exit`")),
            "{faker}"
        );
    }
    // adds_zero passes honestly (0 * 7 ≠ 7 fails, so both fail, hook or not).
    assert_eq!(
        statuses(student("fake-pass-hook")),
        all(TestStatus::EndedEarly)
    );
    assert!(
        student("fake-pass-hook")
            .notes
            .iter()
            .any(|n| n.contains("panic hook"))
    );
    // Signals reach only the sandbox's own processes.
    assert_eq!(
        statuses(student("kill-parent")),
        all(TestStatus::EndedEarly)
    );
    assert_eq!(statuses(student("stop-parent")), all(TestStatus::TimedOut));
    // Outside the folder: nothing written, nobody else's grade touched.
    full("escaper");
    assert!(!escape.exists(), "a submission wrote outside its folder");
    assert_eq!(
        std::fs::read_to_string(fixture.path("class/honest-plain/ch01-add/src/lib.rs")).unwrap(),
        honest()
    );
    assert_eq!(
        student("copier").exercises[0].status,
        ExerciseStatus::DidNotCompile
    );
    // No network: the listener was never reached, so the answer was wrong.
    assert!(
        !reached.load(Ordering::Relaxed),
        "a submission reached the network"
    );
    assert_eq!(
        statuses(student("network")),
        all(TestStatus::Failed),
        "{:#?}",
        student("network")
    );
    assert_eq!(
        statuses(student("memory-hog")),
        all(TestStatus::TooMuchMemory)
    );
    full("left-running");
    assert!(
        processes_with("307.5").is_empty(),
        "{:?}",
        processes_with("307.5")
    );
    assert_eq!(
        student("spinning-build").exercises[0].status,
        ExerciseStatus::BuildTimedOut
    );
    assert_eq!(statuses(student("tamperer")), all(TestStatus::Failed));
    assert!(
        student("tamperer")
            .notes
            .iter()
            .any(|n| n.contains("edited"))
    );
    assert_eq!(
        student("empty-handed").exercises[0].status,
        ExerciseStatus::Missing
    );
    for (name, why) in [
        ("uses-unsafe", "`unsafe` code is not accepted"),
        ("steals-token", "`unsafe` code is not accepted"),
        ("permissive-eq", "mismatched types"),
    ] {
        let grade = &student(name).exercises[0];
        assert_eq!(grade.status, ExerciseStatus::DidNotCompile, "{name}");
        assert!(grade.message.contains(why), "{name}: {}", grade.message);
    }
    for linked in ["linked-src", "linked-folder"] {
        let grade = &student(linked).exercises[0];
        assert_eq!(grade.status, ExerciseStatus::Missing, "{linked}: {grade:?}");
        assert!(
            grade.message.contains("symbolic link"),
            "{linked}: {}",
            grade.message
        );
    }
    assert_eq!(statuses(student("special-files")), all(TestStatus::Failed));
    assert!(
        student("special-files")
            .notes
            .iter()
            .any(|n| n.contains("edited"))
    );
    full("fills-scratch");
    // Limits on a test's processes and memory in all need a control group
    // (as root, or with a delegated tree); the report says whether it had one.
    if report.sandbox.contains("cgroup") {
        full("thread-bomb");
        assert!(
            statuses(student("memory-in-children"))
                .iter()
                .all(|s| *s != TestStatus::Passed),
            "{:?}",
            student("memory-in-children")
        );
    } else {
        eprintln!("no control groups here: the process and memory-in-all limits were not tested");
    }
    assert_eq!(report.skipped.len(), 2, "{:?}", report.skipped);
    assert!(report.skipped.iter().any(|s| s.contains(".hidden")));

    // The reports are whole and tell the verdicts apart.
    assert_eq!(report.students.len(), 34);
    assert!(report.sandboxed);
    let csv = std::fs::read_to_string(out.join("grades.csv")).unwrap();
    for status in ["graded", "missing", "did not compile", "build timed out"] {
        assert!(
            csv.contains(&format!(",{status},")),
            "{status} missing from\n{csv}"
        );
    }
    let markdown = std::fs::read_to_string(out.join("grades.md")).unwrap();
    assert!(markdown.contains("**Sandbox:**"));
    for verdict in [
        "ended the process early",
        "used too much memory",
        "timed out",
    ] {
        assert!(
            markdown.contains(verdict),
            "{verdict} missing from the report"
        );
    }
    let json: Report =
        serde_json::from_str(&std::fs::read_to_string(out.join("grades.json")).unwrap()).unwrap();
    assert_eq!(json.students.len(), 34);
    // Nothing a submission named became a line of the report.
    assert!(
        !markdown.contains("\n- `ch01-add`: all 2 tests passed\n<!--"),
        "{markdown}"
    );
    assert!(
        !out.join(".grading").exists(),
        "the work folder was left behind"
    );
}

#[test]
fn shards_merge_into_the_class_report_and_the_ci_workflow_runs_those_commands() {
    if !bwrap_ready() {
        return;
    }
    let fixture = Fixture::new("grade-shards");
    for (name, body) in [
        ("ann", "    a + b"),
        ("bob", "    a * b"),
        ("cy", "    a + b"),
        ("di", "    b + a"),
        ("ed", "    0"),
    ] {
        submit(&fixture, name, "src/lib.rs", &with_body(body));
    }
    let whole = grade::grade(fixture.root(), &options(&fixture, &fixture.path("whole"))).unwrap();
    let mut parts = Vec::new();
    for index in 1..=2 {
        let out = fixture.path(&format!("shard-{index}"));
        let mut shard = options(&fixture, &out);
        shard.shard = Some(grade::Shard { index, count: 2 });
        let report = grade::grade(fixture.root(), &shard).unwrap();
        assert!(report.students.len() < whole.students.len());
        parts.push(out.join("grades.json"));
    }
    let merged = grade::merge(&parts, &fixture.path("merged")).unwrap();
    let summary = |r: &Report| -> Vec<(String, usize)> {
        r.students
            .iter()
            .map(|s| (s.student.clone(), s.passed))
            .collect()
    };
    assert_eq!(summary(&merged), summary(&whole));
    assert_eq!(merged.shards, ["1/2", "2/2"]);
    // A student in two shards' reports is an error, not a double count.
    assert!(
        grade::merge(
            &[parts[0].clone(), parts[0].clone()],
            &fixture.path("twice")
        )
        .is_err()
    );

    let workflow = workbook::instructor::github_workflow("ch01-add", 2);
    assert!(workflow.contains("shard: [1, 2]"));
    assert!(workflow.contains("--shard ${{ matrix.shard }}/2"));
    assert!(workflow.contains("merge --out grades shards/*/grades.json"));
}

fn workbook_cli(fixture: &Fixture, args: &[&str], path: Option<&str>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
    command
        .args(args)
        .current_dir(fixture.root())
        .arg("--book")
        .arg(fixture.root());
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let output = command.output().unwrap();
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn grade_refuses_what_it_cannot_grade_well() {
    let fixture = Fixture::new("grade-refusals");
    std::fs::create_dir_all(fixture.path("empty")).unwrap();
    let (ok, said) = workbook_cli(&fixture, &["grade", "--exercises", "all", "empty"], None);
    assert!(!ok && said.contains("holds no student folders"), "{said}");

    submit(&fixture, "solo", "src/lib.rs", &honest());
    let (ok, said) = workbook_cli(
        &fixture,
        &["grade", "--exercises", "all", "class/solo"],
        None,
    );
    assert!(
        !ok && said.contains("looks like one student's project"),
        "{said}"
    );

    // Without bubblewrap: a one-line refusal naming the fix.
    let empty_path = fixture.path("no-tools");
    std::fs::create_dir_all(&empty_path).unwrap();
    let (ok, said) = workbook_cli(
        &fixture,
        &["grade", "--exercises", "all", "class"],
        Some(empty_path.to_str().unwrap()),
    );
    assert!(!ok, "{said}");
    assert!(
        said.contains("apt-get install bubblewrap") && said.contains("--no-sandbox"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
}

#[test]
fn without_the_sandbox_the_report_says_so_at_its_top() {
    let fixture = Fixture::new("grade-unsandboxed");
    submit(&fixture, "ann", "src/lib.rs", &honest());
    submit(&fixture, "bob", "src/lib.rs", &with_body("    a * b"));
    let out = fixture.path("grades");
    let mut options = options(&fixture, &out);
    options.sandbox = false;
    options.keep_work = true;
    let report = grade::grade(fixture.root(), &options).unwrap();
    assert!(!report.sandboxed);
    let markdown = std::fs::read_to_string(out.join("grades.md")).unwrap();
    let top: String = markdown.lines().take(4).collect::<Vec<_>>().join("\n");
    assert!(top.contains("NO SANDBOX"), "{top}");
    assert_eq!(report.students[0].passed, 2);
    assert_eq!(report.students[1].passed, 0);
    assert!(
        out.join(".grading").is_dir(),
        "--keep-work keeps the work folder"
    );
    let mut harness = String::new();
    std::fs::File::open(find(&out.join(".grading/gen"), "harness.rs"))
        .unwrap()
        .read_to_string(&mut harness)
        .unwrap();
    assert!(harness.contains("catch_unwind"));
}

fn find(dir: &Path, name: &str) -> PathBuf {
    for entry in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == name) {
            return path;
        }
        if path.is_dir() {
            let found = find(&path, name);
            if found.exists() {
                return found;
            }
        }
    }
    dir.join("not-found")
}

#[test]
fn a_student_out_of_time_gets_the_rest_marked_not_run() {
    let fixture = Fixture::new("grade-budget");
    submit(
        &fixture,
        "slow",
        "src/lib.rs",
        &with_body("    loop {\n        std::hint::spin_loop();\n    }"),
    );
    let mut options = options(&fixture, &fixture.path("grades"));
    options.sandbox = false;
    options.jobs = 1;
    options.test_timeout = Duration::from_secs(3);
    options.student_timeout = Duration::from_secs(3);
    let report = grade::grade(fixture.root(), &options).unwrap();
    let slow = &report.students[0];
    // The build and the first test use up the budget, so the second test
    // (or, on a slow machine, the whole exercise) is not run.
    let exercise = &slow.exercises[0];
    assert!(
        exercise.status == ExerciseStatus::NotRun
            || exercise.tests.last().map(|t| t.status) == Some(TestStatus::NotRun),
        "{slow:#?}"
    );
    assert!(
        slow.notes.iter().any(|n| n.contains("time budget")),
        "{:?}",
        slow.notes
    );
}

#[test]
fn pack_writes_starters_and_tests_but_no_solution() {
    let fixture = Fixture::new("pack");
    let out = fixture.path("assignment");
    let (ok, said) = workbook_cli(
        &fixture,
        &[
            "pack",
            "--exercises",
            "ch01",
            "--out",
            out.to_str().unwrap(),
            "--title",
            "Week 1",
            "--ci",
            "github",
        ],
        None,
    );
    assert!(ok, "{said}");
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.starts_with("# Week 1"), "{readme}");
    assert!(
        readme.contains("`ch01-add`") && readme.contains("about 5 minutes"),
        "{readme}"
    );
    assert!(out.join("ch01-add/tests/canonical.rs").is_file());
    // The solution's lines appear nowhere in the pack.
    let solution_line = "    a + b";
    let mut files = vec![out.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            assert!(
                !text.contains(solution_line),
                "{} holds the solution",
                path.display()
            );
        }
    }
    assert!(!out.join("wrong").exists());
    // The grading workflow goes beside the student project, never into it.
    assert!(!out.join(".github").exists());
    let workflow =
        std::fs::read_to_string(fixture.path("assignment-grading/.github/workflows/grade.yml"))
            .unwrap();
    assert!(
        workflow.contains("--exercises ch01-add --shard"),
        "{workflow}"
    );
}

#[test]
fn selections_name_ids_chapters_or_all_and_unknown_ones_are_errors() {
    let fixture = Fixture::new("select");
    let all = workbook::exercises::load_all(fixture.root()).unwrap();
    let pick = |items: &[&str]| {
        workbook::exercises::select(
            &all,
            &items.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
        .map(|chosen| chosen.iter().map(|e| e.meta.id.clone()).collect::<Vec<_>>())
    };
    assert_eq!(pick(&["ch01"]).unwrap(), ["ch01-add"]);
    assert_eq!(pick(&["all"]).unwrap(), ["ch01-add"]);
    assert_eq!(pick(&["ch01-add,ch01"]).unwrap(), ["ch01-add"]);
    assert!(
        pick(&["ch07"])
            .unwrap_err()
            .to_string()
            .contains("chapter `ch07` has no exercises")
    );
    assert!(
        pick(&["ch01-sub"])
            .unwrap_err()
            .to_string()
            .contains("no exercise `ch01-sub`")
    );
    assert!(pick(&[]).is_err());
}

#[test]
fn the_grade_and_plan_commands_report_progress_and_minutes() {
    let fixture = Fixture::new("grade-cli");
    submit(&fixture, "ada", "src/lib.rs", &honest());
    let (ok, said) = workbook_cli(
        &fixture,
        &[
            "grade",
            "--exercises",
            "ch01",
            "class",
            "--out",
            "grades",
            "--offline",
            "--no-sandbox",
        ],
        None,
    );
    assert!(ok, "{said}");
    assert!(
        said.contains("student 1 of 1: ada") && said.contains("2 of 2 tests passed"),
        "{said}"
    );
    assert!(said.contains("WITHOUT a sandbox"), "{said}");
    assert!(fixture.path("grades/grades.md").is_file());
    let (ok, said) = workbook_cli(&fixture, &["grade", "--exercises", "ch01", "nowhere"], None);
    assert!(!ok);
    assert!(
        said.starts_with("error: nowhere is not a folder of submissions"),
        "{said}"
    );
    let (_, plan) = workbook_cli(&fixture, &["plan"], None);
    assert!(
        plan.contains("| `ch01-add` | Add two numbers | easy | 5 |"),
        "{plan}"
    );
    assert!(plan.contains("about 5 minutes"), "{plan}");
}
