//! Every exercise, proven: its solution passes its tests, its generated
//! starter compiles and fails at least one of them, and each of its wrong
//! solutions compiles and is rejected by exactly the tests it names.
//!
//! All the variants of one exercise (solution, starter, wrong solutions)
//! become one package of a scratch workspace: each variant a module of its
//! library (`src/variants/<variant>.rs`), and the tests once per variant, a
//! module of the test crate (`tests/variants/<variant>.rs`) whose one import
//! line points at that variant's module. A wrong solution's module holds
//! only the tests its header names (the others are compiled out): they are
//! the only ones run on it, and the tests are most of what the build costs.
//! It is still type-checked (`cargo check`, a second test target `all`)
//! against every test, as a learner's `workbook check` compiles them all.
//! The test crate is a crate of its
//! own, as in a learner's project (`workbook start`), so it sees only a
//! variant's public items; each test runs in a process of its own. One
//! package per exercise instead of one per variant: about thirty crates to
//! compile and link instead of about three hundred (the cold proof took
//! 8 minutes that way). Every package is built in one cargo run and checked
//! with the same deadline-per-test runner that `workbook check` uses.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;
use workbook::exercises::project::{Package, crate_name, write_workspace};
use workbook::exercises::runner::{self, Outcome, TestResult};
use workbook::exercises::{self, Exercise};

/// Shorter than `workbook check`'s 10 s: a correct test here takes well
/// under a second, and a variant that hangs should cost little.
const DEADLINE: Duration = Duration::from_secs(5);

/// How many starters and wrong solutions are run at once. They only need
/// to fail, which load cannot prevent, and most of their time is waiting
/// (sleeps in the tests, deadlocks waiting out [`DEADLINE`]); 20-run
/// loops of the proof with two chapters at once and a spinning process
/// each (so twelve lanes on two busy cores) held every verdict.
const LANES: usize = 10;

/// Changes when the way variants are packaged changes, so that no verdict
/// proven the old way is reused.
const LAYOUT: &str = "one package per exercise, a module per variant, a wrong solution's \
     deciding tests only, and type-checked against all";

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

enum Kind {
    Solution,
    Starter,
    Wrong {
        name: String,
        mistake: String,
        caught_by: Vec<String>,
    },
}

struct Variant {
    /// `ch03-high-score--wrong--load-then-store`: names its cached verdict.
    id: String,
    /// The exercise's id, which is also the name of its package.
    exercise: String,
    /// Its module in the package: `solution`, `starter`, `wrong_<name>`.
    module: String,
    kind: Kind,
    /// The variant's code.
    lib: String,
    /// The exercise's tests pointed at the variant's module; for a wrong
    /// solution only those its header names.
    tests: String,
    /// For a wrong solution, all the tests (only type-checked, see
    /// [`check_against_all_tests`]).
    all_tests: Option<String>,
    /// The crates the exercise uses (exercises.toml), which the generated
    /// manifest names.
    dependencies: Vec<String>,
}

fn variants(all: &[Exercise]) -> Vec<Variant> {
    let mut variants = Vec::new();
    for exercise in all {
        let id = exercise.id();
        let mut add = |suffix: &str, module: String, lib: String, kind: Kind| {
            let path = format!("{}::{module}", crate_name(id));
            let all = exercise.tests_for_crate(&path);
            let (tests, all_tests) = match &kind {
                Kind::Wrong { caught_by, .. } => {
                    (exercises::only_tests(&all, caught_by), Some(all))
                }
                Kind::Solution | Kind::Starter => (all, None),
            };
            variants.push(Variant {
                id: format!("{id}{suffix}"),
                exercise: id.to_owned(),
                tests,
                all_tests,
                dependencies: exercise.meta.dependencies.clone(),
                module,
                kind,
                lib,
            });
        };
        add(
            "",
            "solution".into(),
            exercise.solution.clone(),
            Kind::Solution,
        );
        add(
            "--starter",
            "starter".into(),
            exercise.starter().unwrap(),
            Kind::Starter,
        );
        let wrongs = exercise.wrongs().unwrap();
        assert!(
            !wrongs.is_empty(),
            "{id}: every exercise needs at least one wrong solution in wrong/{}/",
            exercise.meta.module
        );
        for wrong in wrongs {
            let suffix = format!("--wrong--{}", wrong.name.replace('_', "-"));
            let module = format!("wrong_{}", wrong.name);
            add(
                &suffix,
                module,
                wrong.source,
                Kind::Wrong {
                    name: wrong.name,
                    mistake: wrong.mistake,
                    caught_by: wrong.caught_by,
                },
            );
        }
    }
    variants
}

/// The package of `exercise` holding `variants` (some of its own).
fn package(exercise: &Exercise, variants: &[&Variant]) -> Package {
    let mut lib = format!(
        "//! Variants of the exercise {}, a module each.
",
        exercise.id()
    );
    let mut tests = format!(
        "//! The tests of the exercise {}, once per variant.
",
        exercise.id()
    );
    let mut files = Vec::new();
    let mut all_tests = String::new();
    for variant in variants {
        if let Some(text) = &variant.all_tests {
            let module = &variant.module;
            all_tests.push_str(&format!(
                "#[path = \"all_tests/{module}.rs\"]\nmod {module};\n"
            ));
            files.push((format!("tests/all_tests/{module}.rs"), text.clone()));
        }
        let module = &variant.module;
        lib.push_str(&format!(
            "#[path = \"variants/{module}.rs\"]\npub mod {module};\n"
        ));
        tests.push_str(&format!(
            "#[path = \"variants/{module}.rs\"]\nmod {module};\n"
        ));
        files.push((format!("src/variants/{module}.rs"), variant.lib.clone()));
        files.push((format!("tests/variants/{module}.rs"), variant.tests.clone()));
    }
    if !all_tests.is_empty() {
        // A test target of its own (`all`), never built, only type-checked.
        files.push(("tests/all.rs".to_owned(), all_tests));
    }
    let mut package = Package::new(exercise.id(), exercise, lib);
    package.tests = tests;
    package.files = files;
    package
}

/// The tests of one variant in its package's test executable, by their
/// full names (`wrong_load_then_store::only_a_higher_score_raises_the_best`).
fn tests_of(listed: &[String], variant: &Variant) -> Vec<String> {
    let prefix = format!("{}::", variant.module);
    listed
        .iter()
        .filter(|name| name.starts_with(&prefix))
        .cloned()
        .collect()
}

/// Runs one test of a variant; the result carries the test's own name
/// (without the variant's module), as headers and contracts name it.
fn run(executable: &Path, name: &str) -> TestResult {
    let mut result = runner::run_test(executable, name, DEADLINE).unwrap();
    result.name = name.split_once("::").map_or(name, |(_, n)| n).to_owned();
    result
}

/// Runs what decides the verdict on a variant: every test of a solution;
/// a starter's tests until the first one fails; a wrong solution's tests
/// named in its `Caught by:` header. A test that waits out its deadline
/// costs the whole deadline, so running the others (which prove nothing
/// here) would multiply the time the proof takes. Names that are not tests
/// are reported by the caller, so they are returned as missing rather than
/// run.
fn run_deciding(executable: &Path, names: &[String], kind: &Kind) -> Vec<TestResult> {
    match kind {
        Kind::Solution => names.iter().map(|name| run(executable, name)).collect(),
        Kind::Starter => {
            let mut results = Vec::new();
            for name in names {
                let result = run(executable, name);
                let failed = result.outcome != Outcome::Passed;
                results.push(result);
                if failed {
                    break;
                }
            }
            results
        }
        Kind::Wrong { caught_by, .. } => names
            .iter()
            .filter(|name| {
                let short = name.rsplit("::").next().unwrap_or(name);
                caught_by.iter().any(|expected| expected == short)
            })
            .map(|name| run(executable, name))
            .collect(),
    }
}

#[test]
fn solutions_pass_starters_fail_and_every_wrong_solution_is_caught() {
    let root = root();
    let mut all = exercises::load_all(&root).unwrap();
    assert!(!all.is_empty(), "no exercises found");
    let mut scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("exercise-variants");
    // Authors may prove one chapter's exercises while writing them, in a
    // scratch project of their own:
    // `WORKBOOK_EXERCISES=ch08 cargo test -p workbook --test exercises`.
    if let Ok(prefix) = std::env::var("WORKBOOK_EXERCISES") {
        all.retain(|exercise| exercise.id().starts_with(prefix.as_str()));
        assert!(!all.is_empty(), "no exercise id starts with {prefix:?}");
        scratch = scratch.with_file_name(format!("exercise-variants-{prefix}"));
    }
    // Keep target/ between runs so that only changed variants are rebuilt.
    if let Ok(entries) = std::fs::read_dir(&scratch) {
        for entry in entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name() != "target")
        {
            let path = entry.path();
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
    std::fs::create_dir_all(&scratch).unwrap();
    let variants = variants(&all);
    // The full proof reuses the verdict of a variant whose inputs (its code,
    // the tests and their shared helpers, what it is meant to do, the
    // compiler, the lock file) are unchanged since it was last proven. An
    // author proving one chapter (WORKBOOK_EXERCISES) always reruns
    // everything, as does WORKBOOK_PROOF_CACHE=off.
    // WORKBOOK_PROOF_REPEAT=N runs every deciding test N times (benches/
    // proof_loop.sh does it with a core kept busy): a verdict must hold on
    // every run, so a wrong solution caught only by a lucky interleaving, or
    // a solution whose timing test fails under load, shows up.
    let repeat: usize =
        match std::env::var("WORKBOOK_PROOF_REPEAT") {
            Ok(text) => text.parse().ok().filter(|n| *n >= 1).unwrap_or_else(|| {
                panic!("WORKBOOK_PROOF_REPEAT must be a number ≥ 1, not {text:?}")
            }),
            Err(_) => 1,
        };
    let cache = (std::env::var_os("WORKBOOK_EXERCISES").is_none()
        && std::env::var("WORKBOOK_PROOF_CACHE").as_deref() != Ok("off")
        && repeat == 1)
        .then(|| scratch.with_file_name("exercise-verdicts"));
    let keys: BTreeMap<&str, String> = variants
        .iter()
        .map(|variant| (variant.id.as_str(), verdict_key(&root, variant)))
        .collect();
    let proven = |variant: &Variant| {
        cache.as_ref().is_some_and(|dir| {
            std::fs::read_to_string(dir.join(&variant.id))
                .ok()
                .as_deref()
                == Some(keys[variant.id.as_str()].as_str())
        })
    };
    let total = variants.len();
    let variants: Vec<&Variant> = variants.iter().filter(|v| !proven(v)).collect();
    if variants.len() < total {
        println!(
            "{} of {total} variants unchanged since they were proven: not rebuilt or rerun",
            total - variants.len(),
        );
    }
    let packages: Vec<Package> = all
        .iter()
        .filter_map(|exercise| {
            let own: Vec<&Variant> = variants
                .iter()
                .copied()
                .filter(|v| v.exercise == exercise.id())
                .collect();
            (!own.is_empty()).then(|| package(exercise, &own))
        })
        .collect();
    write_workspace(&root, &scratch, &packages).unwrap();
    let names: Vec<&str> = packages.iter().map(|p| p.name.as_str()).collect();
    let started = std::time::Instant::now();
    let built = runner::build(&scratch, &names, true).unwrap();
    println!(
        "built {} packages ({} variants) in {:.0} s",
        names.len(),
        variants.len(),
        started.elapsed().as_secs_f64()
    );
    let mut problems = Vec::new();
    let with_wrongs: Vec<&str> = packages
        .iter()
        .filter(|p| p.files.iter().any(|(path, _)| path == "tests/all.rs"))
        .map(|p| p.name.as_str())
        .collect();
    let started = std::time::Instant::now();
    for (package, errors) in &built.errors {
        problems.push(format!(
            "{package}: its variants (src/variants/*.rs in the package) do not compile:\n{errors}"
        ));
    }
    let listed: BTreeMap<&str, Vec<String>> = built
        .executables
        .iter()
        .map(|(package, exe)| (package.as_str(), runner::list_tests(exe).unwrap()))
        .collect();
    // A variant's executable and the full names of its tests.
    let tests_of = |variant: &Variant| {
        let exe = built.executables.get(&variant.exercise)?;
        Some((exe, tests_of(&listed[variant.exercise.as_str()], variant)))
    };

    // Solutions one at a time: their timing tests must not compete for the
    // two cores. Starters and wrong solutions only need to fail, which load
    // cannot prevent; many of them wait out a deadline (a deadlock), which
    // costs no CPU, so several run at once, and each runs only the tests
    // that decide its verdict.
    let (solutions, others): (Vec<&Variant>, Vec<&Variant>) = variants
        .iter()
        .copied()
        .partition(|v| matches!(v.kind, Kind::Solution));
    let mut results: Vec<(&Variant, Vec<TestResult>)> = Vec::new();
    let solutions_started = std::time::Instant::now();
    for variant in solutions {
        if let Some((exe, names)) = tests_of(variant) {
            for _ in 0..repeat {
                results.push((variant, run_deciding(exe, &names, &variant.kind)));
            }
        }
    }
    let solutions_took = solutions_started.elapsed().as_secs_f64();
    let queue = Mutex::new(
        others
            .into_iter()
            .flat_map(|variant| std::iter::repeat_n(variant, repeat)),
    );
    let finished = Mutex::new(Vec::new());
    // The type-check of the wrong solutions against all their tests
    // (CPU-bound) goes on meanwhile: the tests run here only need to fail,
    // which load cannot prevent, and mostly wait.
    let mut checked = BTreeMap::new();
    let mut check_took = 0.0;
    std::thread::scope(|scope| {
        let check = scope.spawn(|| {
            let checking = std::time::Instant::now();
            let failed = check_against_all_tests(&scratch, &with_wrongs);
            (failed, checking.elapsed().as_secs_f64())
        });
        for _ in 0..LANES {
            scope.spawn(|| {
                loop {
                    let Some(variant) = queue.lock().unwrap().next() else {
                        break;
                    };
                    if let Some((exe, names)) = tests_of(variant) {
                        let outcome = run_deciding(exe, &names, &variant.kind);
                        finished.lock().unwrap().push((variant, outcome));
                    }
                }
            });
        }
        (checked, check_took) = check.join().unwrap();
    });
    for (package, errors) in checked {
        problems.push(format!(
            "{package}: a wrong solution does not compile against all the exercise's tests \
             (a learner's `workbook check` compiles them all, so it would fail to compile \
             rather than be caught by the tests its header names):\n{errors}"
        ));
    }
    results.extend(finished.into_inner().unwrap());
    let waited_out = results
        .iter()
        .flat_map(|(_, tests)| tests)
        .filter(|t| matches!(t.outcome, Outcome::TimedOut(_)))
        .count();
    println!(
        "ran the deciding tests in {:.0} s: the solutions, one at a time, {solutions_took:.0} s; \
         the rest in {LANES} lanes, where {waited_out} tests waited out their {} s deadline; \
         meanwhile the wrong solutions were type-checked against all their tests in \
         {check_took:.0} s",
        started.elapsed().as_secs_f64(),
        DEADLINE.as_secs()
    );

    for (variant, tests) in &results {
        let failing: Vec<&TestResult> = tests
            .iter()
            .filter(|t| t.outcome != Outcome::Passed)
            .collect();
        match &variant.kind {
            Kind::Solution => {
                if tests.is_empty() {
                    problems.push(format!("{}: the solution has no tests", variant.exercise));
                }
                for test in failing {
                    problems.push(format!(
                        "{}: the solution fails: {}",
                        variant.exercise,
                        runner::describe(test)
                    ));
                }
            }
            Kind::Starter if failing.is_empty() => {
                problems.push(format!(
                    "{}: the starter passes every test; the tests prove nothing",
                    variant.exercise
                ));
            }
            Kind::Starter => {}
            Kind::Wrong {
                name,
                mistake,
                caught_by,
            } => {
                for expected in caught_by {
                    match tests.iter().find(|t| &t.name == expected) {
                        None => problems.push(format!(
                            "{}: wrong solution `{name}` names `{expected}`, which is not one of its tests",
                            variant.exercise
                        )),
                        Some(test) if test.outcome == Outcome::Passed => problems.push(format!(
                            "{}: wrong solution `{name}` ({mistake}) passes `{expected}`, which should catch it",
                            variant.exercise
                        )),
                        Some(_) => {}
                    }
                }
            }
        }
    }
    // The same problem on several runs is one line, with how often.
    let mut counted: Vec<(String, usize)> = Vec::new();
    for problem in problems {
        match counted.iter_mut().find(|(p, _)| *p == problem) {
            Some((_, n)) => *n += 1,
            None => counted.push((problem, 1)),
        }
    }
    let problems: Vec<String> = counted
        .into_iter()
        .map(|(problem, n)| match repeat {
            1 => problem,
            _ => format!("[{n} of {repeat} runs] {problem}"),
        })
        .collect();
    if repeat > 1 {
        println!(
            "{} variants, each deciding test run {repeat} times: {} problems",
            variants.len(),
            problems.len()
        );
    }
    // Print which of its listed tests each wrong solution tripped, for the record.
    for (variant, tests) in results.iter().filter(|_| repeat == 1) {
        if let Kind::Wrong { name, .. } = &variant.kind {
            let caught: Vec<String> = tests
                .iter()
                .filter(|t| t.outcome != Outcome::Passed)
                .map(|t| {
                    runner::describe(t)
                        .split(':')
                        .next()
                        .unwrap_or("")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            println!("{} / {name}: {}", variant.exercise, caught.join(", "));
        }
    }
    assert!(
        problems.is_empty(),
        "exercise checks:\n  {}",
        problems.join("\n  ")
    );
    // Everything was proven: remember each variant's inputs.
    if let Some(dir) = &cache {
        std::fs::create_dir_all(dir).unwrap();
        for (variant, _) in &results {
            std::fs::write(dir.join(&variant.id), &keys[variant.id.as_str()]).unwrap();
        }
    }
}

/// Type-checks (`cargo check`, no code generated) the `all` test target of
/// `packages`: each wrong solution against every test of its exercise, not
/// only the ones compiled into the proof's executable. Returns each
/// package whose check failed with cargo's rendered errors.
fn check_against_all_tests(dir: &Path, packages: &[&str]) -> BTreeMap<String, String> {
    let mut failed = BTreeMap::new();
    if packages.is_empty() {
        return failed;
    }
    let mut command =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["check", "--test", "all", "--keep-going", "--offline"])
        .arg("--message-format=json")
        .current_dir(dir);
    for package in packages {
        command.args(["-p", package]);
    }
    let run = listingkit::run_with_deadline_keeping(
        command,
        None,
        Duration::from_secs(300 + 5 * packages.len() as u64),
        256 << 20,
    )
    .unwrap();
    assert!(!run.timed_out(), "cargo check of the wrong solutions hung");
    for line in run.output.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] == "compiler-message" && message["message"]["level"] == "error" {
            let package = runner::package_name(message["package_id"].as_str().unwrap_or(""));
            let text: &mut String = failed.entry(package).or_default();
            text.push_str(message["message"]["rendered"].as_str().unwrap_or("?"));
        }
    }
    if !run.success() && failed.is_empty() {
        failed.insert("cargo check".to_owned(), run.output.clone());
    }
    failed
}

/// What a variant's verdict depends on.
fn verdict_key(root: &Path, variant: &Variant) -> String {
    let intent = match &variant.kind {
        Kind::Solution => "solution".to_owned(),
        Kind::Starter => "starter".to_owned(),
        Kind::Wrong { caught_by, .. } => format!("wrong: {}", caught_by.join(",")),
    };
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    // The shared test helpers are part of every package's tests.
    let testkit = workbook::exercises::project::testkit_source(root).unwrap();
    // And how the proof builds and runs it: this file, the code that
    // writes the scratch workspace (its manifests) and runs the tests.
    let proof = [
        include_str!("exercises.rs"),
        include_str!("../src/exercises/project.rs"),
        include_str!("../src/exercises/runner.rs"),
    ]
    .join("\n");
    workbook::exercises::project::fingerprint(&format!(
        "{intent}\n{LAYOUT}\n{}\n{}\n{testkit}\n{}\n{lock}\n{}\n{}\n{proof}",
        variant.lib,
        variant.tests,
        listingkit::outputs::rustc_version(),
        DEADLINE.as_millis(),
        variant.dependencies.join(",")
    ))
}

/// Quick, without building anything: every exercise has a contract, each
/// property names tests that exist, and every test checks some property.
#[test]
fn every_property_names_its_tests_and_every_test_a_property() {
    let all = exercises::load_all(&root()).unwrap();
    let problems: Vec<String> = all.iter().flat_map(|e| e.contract_problems()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
