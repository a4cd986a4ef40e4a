//! The chapter's claims about its measurement: every variant counts the same
//! primes, the JSON is JSON, Python is skipped (and says so) when it cannot
//! run, and the chapter's Python programs agree with Rust. No test here
//! asserts a speedup: `cargo run --release -p ch10` reports those.

use ch10::{PYTHON_BELOW, RUST_BELOW, blocks, sequential, std_threads, with_rayon};
use listingkit::{listing_bin, run_with_deadline};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The main listing runs for a few seconds; tests running side by side on
/// two cores may slow it down several times, so allow more than the usual 10 s.
const DEADLINE: Duration = Duration::from_secs(60);

fn run_main(args: &[&str], python: Option<&str>) -> (bool, String) {
    run_main_with_path(args, python, None)
}

/// Runs the table with `PATH` replaced by `path` when given, so that the
/// search for free-threaded interpreters sees only what a test put there.
fn run_main_with_path(args: &[&str], python: Option<&str>, path: Option<&Path>) -> (bool, String) {
    // A file just written may briefly be "busy" to exec while another test
    // thread forks; try again rather than fail on that.
    let mut attempt = 0;
    loop {
        let mut command = Command::new(listing_bin("ch10"));
        command.args(args);
        if let Some(python) = python {
            command.env("THREADWORK_PYTHON", python);
        }
        if let Some(path) = path {
            command.env("PATH", path);
        }
        let run = run_with_deadline(command, None, DEADLINE).expect("ch10 starts");
        assert!(!run.timed_out(), "ch10 did not finish:\n{}", run.output);
        attempt += 1;
        if !run.output.contains("Text file busy") || attempt == 5 {
            return (run.success(), run.output);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A directory of its own for one test's stand-in interpreters.
fn fake_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ch10-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A stand-in for a Python interpreter called `name`: it gives a version,
/// answers the GIL probe with `gil` ("True" or "False"), and answers every
/// program with the right count of primes, as a real one would.
#[cfg(unix)]
fn fake_python(dir: &Path, name: &str, gil: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let primes = ch01::count_primes(0..PYTHON_BELOW);
    let fake = dir.join(name);
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\n\
             case \"$1\" in\n\
             --version) echo 'Python 3.14.0 (fake)' ;;\n\
             -c) echo {gil} ;;\n\
             *) echo \"primes below $2: {primes}\"; echo 'workers: 2'; echo 'seconds: 0.5' ;;\n\
             esac\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    fake
}

#[test]
fn the_blocks_cover_the_range_once_in_order() {
    for below in [0, 1, 9_999, 10_000, 10_001, 25_000] {
        let blocks = blocks(below);
        let numbers: Vec<u64> = blocks.into_iter().flatten().collect();
        assert_eq!(numbers, (0..below).collect::<Vec<_>>(), "below {below}");
    }
}

#[test]
fn every_rust_variant_counts_the_same_primes_as_chapter_1() {
    for below in [0, 2, 3, 10_000, 54_321, 100_000] {
        let expected = ch01::count_primes(0..below);
        assert_eq!(sequential(below), expected, "sequential, below {below}");
        assert_eq!(with_rayon(below), expected, "rayon, below {below}");
        // More workers than blocks, and counts that do not divide the blocks.
        for workers in [1, 2, 3, 7, 16] {
            assert_eq!(
                std_threads(below, workers),
                expected,
                "{workers} threads, below {below}"
            );
        }
    }
}

#[test]
fn the_table_shows_every_variant_with_the_right_count() {
    let (ok, output) = run_main(&[], None);
    assert!(ok, "{output}");
    let rust = ch01::count_primes(0..RUST_BELOW);
    assert!(
        output.contains(&format!("Rust counts the primes below {RUST_BELOW}")),
        "{output}"
    );
    for variant in ["sequential", "std::thread", "rayon"] {
        let line = format!("Rust {variant} found {rust} primes");
        assert!(output.contains(&line), "no `{line}` in:\n{output}");
    }
    if listingkit::python3_installed() {
        let python = ch01::count_primes(0..PYTHON_BELOW);
        for variant in ["sequential", "threading", "multiprocessing"] {
            let line = format!("Python {variant} found {python} primes");
            assert!(output.contains(&line), "no `{line}` in:\n{output}");
        }
        assert!(output.contains("python: Python 3"), "{output}");
    }
}

#[test]
fn json_is_an_array_of_rows_with_the_promised_fields() {
    let (ok, output) = run_main(&["--json"], None);
    assert!(ok, "{output}");
    // Only the array is on stdout; a note about a skipped Python may precede it.
    let json = &output[output.find('[').expect("an array")..];
    let rows: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let rows = rows.as_array().expect("a JSON array");
    let expected_rows = if listingkit::python3_installed() {
        6
    } else {
        3
    };
    // A free-threaded interpreter on this machine adds rows of its own.
    let rust_and_python = rows
        .iter()
        .filter(|row| row["language"] == "Rust" || row["language"] == "Python")
        .count();
    assert_eq!(rust_and_python, expected_rows, "{json}");
    for row in rows {
        let language = row["language"].as_str().expect("language");
        assert!(row["variant"].is_string(), "{row}");
        assert!(row["seconds"].as_f64().is_some_and(|s| s > 0.0), "{row}");
        assert!(row["speedup"].as_f64().is_some_and(|s| s > 0.0), "{row}");
        assert!(row["cores"].as_u64().is_some_and(|c| c >= 1), "{row}");
        // Known for every Python row, meaningless for Rust.
        assert_eq!(row["gil_enabled"].is_boolean(), language != "Rust", "{row}");
        let below = row["below"].as_u64().expect("below");
        let count = row["count"].as_u64().expect("count") as usize;
        assert_eq!(count, ch01::count_primes(0..below), "{row}");
        if row["variant"] == "sequential" {
            assert_eq!(row["speedup"].as_f64(), Some(1.0), "{row}");
        }
        let size = if language == "Rust" {
            RUST_BELOW
        } else {
            PYTHON_BELOW
        };
        assert_eq!(below, size, "{row}");
    }
}

#[test]
fn without_python_the_table_says_python_was_skipped_and_why() {
    let (ok, output) = run_main(&[], Some("/nonexistent/python3"));
    assert!(ok, "{output}");
    assert!(
        output.contains("python skipped: `/nonexistent/python3` could not be run"),
        "{output}"
    );
    assert!(!output.contains("Python sequential"), "{output}");
    assert!(output.contains("Rust rayon found"), "{output}");

    let (ok, output) = run_main(&["--json"], Some("/nonexistent/python3"));
    assert!(ok, "{output}");
    assert!(output.contains("python skipped"), "{output}");
    assert!(!output.contains("\"Python\""), "{output}");
}

#[test]
fn an_unknown_argument_is_refused() {
    let (ok, output) = run_main(&["--jsn"], Some("/nonexistent/python3"));
    assert!(!ok, "{output}");
    assert!(output.contains("unknown argument `--jsn`"), "{output}");

    let (ok, output) = run_main(&["--python"], Some("/nonexistent/python3"));
    assert!(!ok, "{output}");
    assert!(output.contains("`--python` needs the path"), "{output}");
}

#[cfg(unix)]
#[test]
fn a_free_threaded_python_on_the_path_gets_rows_labelled_with_its_gil() {
    let dir = fake_dir("on-path");
    fake_python(&dir, "python3.14t", "False");
    let (ok, output) = run_main_with_path(&[], Some("/nonexistent/python3"), Some(&dir));
    let (json_ok, json) = run_main_with_path(&["--json"], Some("/nonexistent/python3"), Some(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok, "{output}");
    let primes = ch01::count_primes(0..PYTHON_BELOW);
    for variant in ["sequential", "threading"] {
        let line = format!("python3.14t {variant} found {primes} primes");
        assert!(output.contains(&line), "no `{line}` in:\n{output}");
    }
    assert!(
        output.contains("python3.14t: Python 3.14.0 (fake), GIL off"),
        "{output}"
    );
    assert!(
        output.contains("speedup of python3.14t threads (GIL off):"),
        "{output}"
    );
    assert!(
        !output.contains("no free-threaded Python found"),
        "{output}"
    );
    assert!(!output.contains("python3.13t"), "{output}");

    assert!(json_ok, "{json}");
    let rows: serde_json::Value = serde_json::from_str(&json[json.find('[').unwrap()..]).unwrap();
    let free: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["language"] == "python3.14t")
        .collect();
    assert_eq!(free.len(), 2, "{json}");
    assert!(free.iter().all(|row| row["gil_enabled"] == false), "{json}");
}

#[cfg(unix)]
#[test]
fn an_interpreter_named_with_python_replaces_the_search_and_may_have_its_gil_on() {
    let dir = fake_dir("named");
    // On the PATH, but not asked for: it must not be run.
    fake_python(&dir, "python3.14t", "False");
    let named = fake_python(&dir, "python3.13t", "True");
    let (ok, output) = run_main_with_path(
        &[
            "--python",
            named.to_str().unwrap(),
            "--python",
            "/nonexistent/python3.14t",
        ],
        Some("/nonexistent/python3"),
        Some(&dir),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok, "{output}");
    assert!(
        output.contains("python3.13t: Python 3.14.0 (fake), GIL on"),
        "{output}"
    );
    assert!(
        output.contains("speedup of python3.13t threads (GIL on):"),
        "{output}"
    );
    assert!(
        output.contains("python3.14t skipped: `/nonexistent/python3.14t` could not be run"),
        "{output}"
    );
    assert!(!output.contains("GIL off"), "{output}");
}

#[test]
fn without_a_free_threaded_python_the_table_says_so() {
    let dir = fake_dir("none");
    let (ok, output) = run_main_with_path(&[], Some("/nonexistent/python3"), Some(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(ok, "{output}");
    assert!(
        output.contains(
            "no free-threaded Python found: neither python3.13t nor python3.14t is on the PATH"
        ),
        "{output}"
    );
}

#[test]
fn the_python_programs_agree_with_rust() {
    if !listingkit::python3_installed() {
        eprintln!("python3 is not installed: nothing to check");
        return;
    }
    let below = 30_000;
    let expected = ch01::count_primes(0..below);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("python");
    for script in [
        "primes_sequential.py",
        "primes_threads.py",
        "primes_processes.py",
    ] {
        let mut command = Command::new("python3");
        command.arg(dir.join(script)).arg(below.to_string());
        let run = run_with_deadline(command, None, DEADLINE).expect("python3 starts");
        assert!(run.success(), "{script}:\n{}", run.output);
        let line = format!("primes below {below}: {expected}");
        assert!(
            run.output.contains(&line),
            "{script}: no `{line}` in:\n{}",
            run.output
        );
        assert!(
            listingkit::number_after(&run.output, "seconds:").is_some(),
            "{script}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_variant_with_a_wrong_count_stops_the_table() {
    use std::os::unix::fs::PermissionsExt;
    // A stand-in for python3 that answers every program with a wrong count.
    let dir = std::env::temp_dir().join(format!("ch10-fake-python-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fake = dir.join("python3");
    std::fs::write(
        &fake,
        "#!/bin/sh\n\
         if [ \"$1\" = --version ]; then echo 'Python 0.0 (fake)'; exit 0; fi\n\
         if [ \"$1\" = -c ]; then echo True; exit 0; fi\n\
         echo \"primes below $2: 7\"; echo 'workers: 1'; echo 'seconds: 0.1'\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A file just written may briefly be "busy" to exec while another test
    // thread forks; try again rather than fail on that.
    let mut attempt = 0;
    let (ok, output) = loop {
        let (ok, output) = run_main(&[], Some(fake.to_str().unwrap()));
        attempt += 1;
        if !output.contains("Text file busy") || attempt == 5 {
            break (ok, output);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!ok, "a wrong count must fail the run:\n{output}");
    assert!(
        output.contains(&format!(
            "WRONG RESULT: Python sequential counted 7 primes below {PYTHON_BELOW}"
        )),
        "{output}"
    );
    assert!(
        !output.contains("speedup of"),
        "no table after a wrong result:\n{output}"
    );
}

/// The chapter's claim that waiting does not need the GIL: ten downloads of
/// 100 ms each overlap on threads. Generous margins: the point is ten
/// waits in about the time of one, not a precise figure.
#[test]
fn python_threads_that_wait_overlap_their_downloads() {
    if !listingkit::python3_installed() {
        eprintln!("python3 is not installed: nothing to check");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/download_threads.py");
    let mut command = Command::new("python3");
    command.arg(script);
    let run = run_with_deadline(command, None, DEADLINE).expect("python3 starts");
    assert!(run.success(), "{}", run.output);
    assert!(
        run.output.contains("all 10 books arrived on the threads"),
        "{}",
        run.output
    );
    let one_by_one = listingkit::number_after(&run.output, "one after another:").expect("a time");
    let on_threads = listingkit::number_after(&run.output, "one thread per book:").expect("a time");
    assert!(
        one_by_one >= 0.95,
        "ten waits of 100 ms in a row:\n{}",
        run.output
    );
    assert!(
        on_threads < 0.5,
        "threads that wait should overlap, like one wait or two:\n{}",
        run.output
    );
}
