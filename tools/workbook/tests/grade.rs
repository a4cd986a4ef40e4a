//! Grading a class in which every kind of bad submission turns up: each
//! gets the verdict it deserves, nobody else's grade is touched, nothing is
//! left running, and the reports are whole.

#[allow(dead_code)] // each test file uses a different part of the fixture
mod fixture;

use fixture::{ADD, Fixture};
use std::path::Path;
use std::time::{Duration, Instant};
use workbook::grade::{self, Options, StudentGrade};

const TESTS: &str = "use super::*;\n\n#[test]\nfn adds() {\n    assert_eq!(add(2, 3), 5, \"two plus three\");\n}\n\n#[test]\nfn adds_zero() {\n    assert_eq!(add(0, 7), 7);\n}\n";

/// A submission whose `add` body is `body`.
fn with_body(body: &str) -> String {
    ADD.replace("    a + b\n", &format!("{body}\n"))
}

fn submit(fixture: &Fixture, student: &str, lib: &str, tests: Option<&str>) {
    fixture.write(&format!("class/{student}/ch01-add/src/lib.rs"), lib);
    if let Some(tests) = tests {
        fixture.write(&format!("class/{student}/ch01-add/src/tests.rs"), tests);
    }
}

fn statuses(student: &StudentGrade) -> Vec<String> {
    student.exercises[0]
        .tests
        .iter()
        .map(|t| format!("{}={}", t.name, t.status))
        .collect()
}

fn processes_with(needle: &str) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(needle))
        .collect()
}

#[test]
fn a_hostile_class_is_graded_fairly_and_completely() {
    let fixture = Fixture::new("grade-class");
    let root = fixture.root();
    let escape = fixture.path("escaped-from-student.txt");
    submit(&fixture, "correct", ADD, Some(TESTS));
    submit(&fixture, "wrong", &with_body("    a * b"), Some(TESTS));
    submit(
        &fixture,
        "deadlock",
        &with_body(
            "    let lock = std::sync::Mutex::new(a);\n    let _first = lock.lock().unwrap();\n    let _second = lock.lock().unwrap();\n    a + b",
        ),
        Some(TESTS),
    );
    submit(
        &fixture,
        "endless",
        &with_body("    loop {\n        std::hint::spin_loop();\n    }"),
        Some(TESTS),
    );
    submit(
        &fixture,
        "panics",
        &with_body("    panic!(\"I give up on {a} + {b}\")"),
        Some(TESTS),
    );
    submit(&fixture, "syntax", &with_body("    a + \"b\""), Some(TESTS));
    submit(
        &fixture,
        "flood",
        // 200 MB on standard output, then the right answer.
        &with_body(
            "    let block = \"x\".repeat(1 << 20);\n    for _ in 0..200 {\n        print!(\"{block}\");\n    }\n    a + b",
        ),
        Some(TESTS),
    );
    submit(
        &fixture,
        "spawner",
        &with_body(
            "    let _ = std::process::Command::new(\"sleep\").arg(\"301\").spawn();\n    \
             let _ = std::process::Command::new(\"setsid\").args([\"sleep\", \"302\"]).spawn();\n    a + b",
        ),
        Some(TESTS),
    );
    // Makes its own tests pass by weakening them, with a wrong answer.
    submit(
        &fixture,
        "tamperer",
        &with_body("    a * b"),
        Some("use super::*;\n\n#[test]\nfn adds() {}\n\n#[test]\nfn adds_zero() {}\n"),
    );
    submit(
        &fixture,
        "no-tests",
        &ADD.replace("#[cfg(test)]\nmod tests;\n", ""),
        None,
    );
    submit(
        &fixture,
        "escaper",
        &with_body(&format!(
            "    let _ = std::fs::write({:?}, \"out\");\n    a + b",
            escape.display().to_string()
        )),
        Some(TESTS),
    );
    std::fs::create_dir_all(fixture.path("class/empty-handed")).unwrap();
    fixture.write("class/notes.txt", "not a student");

    let out = fixture.path("grades");
    let options = Options {
        exercises: workbook::exercises::load_all(root).unwrap(),
        submissions: fixture.path("class"),
        out: out.clone(),
        jobs: 2,
        test_timeout: Duration::from_secs(2),
        student_timeout: Duration::from_secs(20),
        offline: true,
    };
    let start = Instant::now();
    let report = grade::grade(root, &options).unwrap();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(120), "grading took {took:?}");

    let student = |name: &str| {
        report
            .students
            .iter()
            .find(|s| s.student == name)
            .unwrap_or_else(|| panic!("{name} not graded"))
    };
    assert_eq!(report.students.len(), 12);
    assert_eq!(student("correct").passed, 2);
    assert_eq!(
        statuses(student("wrong")),
        ["adds=failed", "adds_zero=failed"]
    );
    assert!(
        student("wrong").exercises[0].tests[0]
            .message
            .contains("two plus three")
    );
    assert_eq!(
        statuses(student("deadlock")),
        ["adds=timed out", "adds_zero=timed out"]
    );
    assert_eq!(
        statuses(student("endless")),
        ["adds=timed out", "adds_zero=timed out"]
    );
    assert!(
        student("endless").exercises[0].tests[0]
            .message
            .contains("likely a deadlock or an endless loop")
    );
    assert_eq!(
        statuses(student("panics")),
        ["adds=panicked", "adds_zero=panicked"]
    );
    assert!(
        student("panics").exercises[0].tests[0]
            .message
            .contains("I give up on 2 + 3")
    );
    let syntax = &student("syntax").exercises[0];
    assert_eq!(syntax.status, "did not compile");
    assert!(
        syntax.message.starts_with("error[E0277]"),
        "{}",
        syntax.message
    );
    assert_eq!(
        student("flood").passed,
        2,
        "a correct answer that prints a lot still passes: {:?}",
        student("flood")
    );
    assert_eq!(student("spawner").passed, 2);
    assert_eq!(
        statuses(student("tamperer")),
        ["adds=failed", "adds_zero=failed"]
    );
    assert!(
        student("tamperer")
            .notes
            .iter()
            .any(|n| n.contains("src/tests.rs was edited"))
    );
    assert_eq!(
        student("no-tests").passed,
        2,
        "removing `mod tests;` does not stop the canonical tests"
    );
    assert!(
        student("no-tests")
            .notes
            .iter()
            .any(|n| n.contains("src/tests.rs was deleted"))
    );
    assert_eq!(student("escaper").passed, 2);
    assert_eq!(student("empty-handed").exercises[0].status, "missing");
    assert!(report.skipped.iter().any(|s| s.starts_with("notes.txt")));

    // The grader is not a sandbox: a write outside the folder happens (see
    // the instructor guide). It is recorded here so that a change in that
    // behaviour is noticed.
    assert!(
        escape.exists(),
        "the escaping write is not prevented, as documented"
    );

    // Nothing a submission started outlives the grading, not even a process
    // that left its process group with setsid.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(processes_with("sleep 301"), Vec::<String>::new());
    assert_eq!(processes_with("sleep 302"), Vec::<String>::new());

    // The reports are whole and small, whatever a submission printed.
    for file in ["grades.md", "grades.csv", "grades.json"] {
        let size = std::fs::metadata(out.join(file)).unwrap().len();
        assert!(size > 0 && size < 200_000, "{file} is {size} bytes");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("grades.json")).unwrap()).unwrap();
    assert_eq!(json["students"].as_array().unwrap().len(), 12);
    let csv = std::fs::read_to_string(out.join("grades.csv")).unwrap();
    assert_eq!(
        csv.lines().next(),
        Some("student,ch01-add,passed,total,percent")
    );
    assert!(csv.contains("\ncorrect,2,2,2,100\n"), "{csv}");
    assert!(csv.contains("\nempty-handed,0,0,2,0\n"), "{csv}");
    let markdown = std::fs::read_to_string(out.join("grades.md")).unwrap();
    assert!(markdown.contains("| deadlock | 0/2 | 0/2 |"), "{markdown}");
    assert!(markdown.contains("notes.txt: not a folder"), "{markdown}");
}

#[test]
fn a_student_out_of_time_gets_the_rest_marked_not_run() {
    let fixture = Fixture::new("grade-budget");
    submit(
        &fixture,
        "slow",
        &with_body("    loop {\n        std::hint::spin_loop();\n    }"),
        Some(TESTS),
    );
    let options = Options {
        exercises: workbook::exercises::load_all(fixture.root()).unwrap(),
        submissions: fixture.path("class"),
        out: fixture.path("grades"),
        jobs: 1,
        test_timeout: Duration::from_secs(2),
        student_timeout: Duration::from_secs(1),
        offline: true,
    };
    let report = grade::grade(fixture.root(), &options).unwrap();
    let slow = &report.students[0];
    assert_eq!(statuses(slow), ["adds=timed out", "adds_zero=not run"]);
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
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"));
    command
        .args([
            "pack",
            "--exercises",
            "ch01",
            "--out",
            out.to_str().unwrap(),
            "--title",
            "Week 1",
        ])
        .current_dir(fixture.root());
    let run = listingkit::run_with_deadline(command, None, Duration::from_secs(60)).unwrap();
    assert!(run.success(), "{}", run.output);
    let readme = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(readme.starts_with("# Week 1"), "{readme}");
    assert!(
        readme.contains("`ch01-add`") && readme.contains("about 5 minutes"),
        "{readme}"
    );
    assert!(out.join("ch01-add/src/tests.rs").is_file());
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
    let _ = Path::new("");
}

#[test]
fn the_grade_and_plan_commands_report_progress_and_minutes() {
    let fixture = Fixture::new("grade-cli");
    submit(&fixture, "ada", ADD, Some(TESTS));
    let workbook = |args: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"));
        command.args(args).current_dir(fixture.root());
        listingkit::run_with_deadline(command, None, Duration::from_secs(120)).unwrap()
    };
    let run = workbook(&[
        "grade",
        "--exercises",
        "ch01",
        "class",
        "--out",
        "grades",
        "--offline",
    ]);
    assert!(run.success(), "{}", run.output);
    assert!(
        run.output.contains("student 1 of 1: ada") && run.output.contains("2 of 2 tests passed"),
        "{}",
        run.output
    );
    assert!(fixture.path("grades/grades.md").is_file());
    let missing = workbook(&["grade", "--exercises", "ch01", "nowhere"]);
    assert!(!missing.success());
    assert!(
        missing
            .output
            .starts_with("error: nowhere is not a folder of submissions"),
        "{}",
        missing.output
    );
    let plan = workbook(&["plan"]);
    assert!(
        plan.output
            .contains("| `ch01-add` | Add two numbers | easy | 5 |"),
        "{}",
        plan.output
    );
    assert!(plan.output.contains("about 5 minutes"), "{}", plan.output);
}
