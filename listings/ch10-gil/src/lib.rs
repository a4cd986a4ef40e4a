//! Chapter 1's prime count, three ways in Rust.
//!
//! The CPU-bound job of chapter 1 (counting primes by trial division),
//! three ways in Rust, and a runner for the chapter's Python programs, so
//! that `main.rs` can put all of them in one table.

use ch01::count_primes;
use rayon::prelude::*;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Rust counts the primes below this: a few hundred milliseconds on one core.
pub const RUST_BELOW: u64 = 2_000_000;
/// Python counts the primes below this: about a second on one core. Python
/// runs this loop tens of times slower than Rust, so it gets a smaller job.
pub const PYTHON_BELOW: u64 = 250_000;
/// The job is cut into blocks this long. Bigger numbers take longer to test,
/// so a worker takes every k-th block rather than one long stretch.
pub const BLOCK: u64 = 10_000;

/// The blocks of `0..below`, in order.
pub fn blocks(below: u64) -> Vec<Range<u64>> {
    (0..below)
        .step_by(BLOCK as usize)
        .map(|start| start..(start + BLOCK).min(below))
        .collect()
}

// ANCHOR: variants
pub fn sequential(below: u64) -> usize {
    count_primes(0..below)
}

/// One thread per worker; worker `w` counts blocks w, w + k, w + 2k, …
pub fn std_threads(below: u64, workers: usize) -> usize {
    let blocks = blocks(below);
    thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let blocks = &blocks; // each thread borrows the list; none changes it
                scope.spawn(move || {
                    blocks
                        .iter()
                        .skip(w)
                        .step_by(workers)
                        .map(|block| count_primes(block.clone()))
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

/// Rayon hands the blocks to its pool of one thread per core.
pub fn with_rayon(below: u64) -> usize {
    blocks(below).into_par_iter().map(count_primes).sum()
}
// ANCHOR_END: variants

/// One line of the table.
#[derive(Debug, Clone)]
pub struct Row {
    /// "Rust", "Python", or the file name of a further interpreter
    /// (`python3.14t`).
    pub language: String,
    pub variant: &'static str,
    pub below: u64,
    pub count: usize,
    pub seconds: f64,
    pub cores: usize,
    /// Filled in once the language's sequential run is known.
    pub speedup: f64,
    /// For a Python row, what `sys._is_gil_enabled()` said (an interpreter
    /// older than 3.13 has no such function and always has its GIL).
    pub gil_enabled: Option<bool>,
}

/// Runs `job` once and times it.
pub fn time_rust(variant: &'static str, cores: usize, job: impl FnOnce() -> usize) -> Row {
    let started = Instant::now();
    let count = job();
    Row {
        language: "Rust".to_owned(),
        variant,
        below: RUST_BELOW,
        count,
        seconds: started.elapsed().as_secs_f64(),
        cores,
        speedup: 0.0,
        gil_enabled: None,
    }
}

/// The Python interpreter to use: `THREADWORK_PYTHON` if set, else `python3`.
pub fn python_command() -> PathBuf {
    std::env::var_os("THREADWORK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| "python3".into())
}

/// `Ok("Python 3.11.7")`, or why Python cannot be used.
pub fn python_version(python: &Path) -> Result<String, String> {
    let output = Command::new(python)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("`{}` could not be run ({e})", python.display()))?;
    if !output.status.success() {
        return Err(format!("`{} --version` failed", python.display()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Asks the interpreter itself whether its GIL is on. Before Python 3.13
/// there is no `sys._is_gil_enabled`, and the GIL is always on.
const GIL_PROBE: &str = "import sys; f = getattr(sys, '_is_gil_enabled', None); \
                         print(True if f is None else f())";

/// `Ok(true)` when the GIL is enabled in `python`, `Ok(false)` when not.
pub fn gil_enabled(python: &Path) -> Result<bool, String> {
    let output = Command::new(python)
        .args(["-c", GIL_PROBE])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("`{}` could not be run ({e})", python.display()))?;
    let answer = String::from_utf8_lossy(&output.stdout);
    match answer.trim() {
        "True" if output.status.success() => Ok(true),
        "False" if output.status.success() => Ok(false),
        _ => Err(format!(
            "`{}` did not say whether its GIL is on",
            python.display()
        )),
    }
}

/// The free-threaded interpreters the table looks for when no `--python`
/// option names one.
pub const FREE_THREADED: [&str; 2] = ["python3.13t", "python3.14t"];

/// The longest one Python program may take before it is stopped.
const PYTHON_DEADLINE: Duration = Duration::from_secs(20);

/// Runs `python/<script>` with the job size and reads back its count,
/// workers and seconds.
pub fn run_python(
    python: &Path,
    language: &str,
    script: &str,
    variant: &'static str,
) -> Result<Row, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("python")
        .join(script);
    let mut child = Command::new(python)
        .arg(&path)
        .arg(PYTHON_BELOW.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{script}: cannot start: {e}"))?;
    // Read on another thread, so that the deadline below holds even if the
    // program stops writing without ending.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < PYTHON_DEADLINE => {
                thread::sleep(Duration::from_millis(10))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{script}: no answer within {PYTHON_DEADLINE:?}"));
            }
        }
    };
    let text = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(format!(
            "{script}: exited with {status}; it printed:\n{text}"
        ));
    }
    let field = |label: &str| -> Result<&str, String> {
        text.lines()
            .find_map(|line| line.strip_prefix(label))
            .map(str::trim)
            .ok_or_else(|| format!("{script}: no `{label}` line in:\n{text}"))
    };
    let number_error = |what: &str| format!("{script}: `{what}` is not a number in:\n{text}");
    Ok(Row {
        language: language.to_owned(),
        variant,
        below: PYTHON_BELOW,
        count: field(&format!("primes below {PYTHON_BELOW}:"))?
            .parse()
            .map_err(|_| number_error("primes below"))?,
        seconds: field("seconds:")?
            .parse()
            .map_err(|_| number_error("seconds"))?,
        cores: field("workers:")?
            .parse()
            .map_err(|_| number_error("workers"))?,
        speedup: 0.0,
        gil_enabled: None,
    })
}
