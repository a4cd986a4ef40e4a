//! One CPU-bound job in Rust and Python, in turn and on every core.
//!
//! The chapter's measurement: one CPU-bound job, counting primes by trial
//! division, run sequentially and on every core, in Rust and (when python3
//! is installed) in Python. Each language is compared with its own
//! sequential run. When a free-threaded Python (`python3.13t`,
//! `python3.14t`) is on the PATH, or `--python PATH` names interpreters,
//! their sequential and threaded runs are added, labelled with what
//! `sys._is_gil_enabled()` says. `--json` prints the rows as JSON.

use ch10::{
    FREE_THREADED, PYTHON_BELOW, RUST_BELOW, Row, gil_enabled, python_command, python_version,
    run_python, sequential, std_threads, time_rust, with_rayon,
};
use std::path::PathBuf;
use std::process::ExitCode;
use std::thread;

const USAGE: &str = "usage: ch10 [--json] [--python PATH]...";

/// What became of one further interpreter: its label, and its version or
/// why it was skipped.
struct Extra {
    label: String,
    status: Result<String, String>,
}

fn main() -> ExitCode {
    let mut json = false;
    let mut named: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--python" => match args.next() {
                Some(path) => named.push(PathBuf::from(path)),
                None => {
                    eprintln!("`--python` needs the path of an interpreter; {USAGE}");
                    return ExitCode::from(2);
                }
            },
            other => {
                eprintln!("unknown argument `{other}`; {USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let cores = thread::available_parallelism().map_or(1, |n| n.get());

    // ANCHOR: rust_rows
    let mut rows = vec![
        time_rust("sequential", 1, || sequential(RUST_BELOW)),
        time_rust("std::thread", cores, || std_threads(RUST_BELOW, cores)),
        time_rust("rayon", rayon::current_num_threads(), || {
            with_rayon(RUST_BELOW)
        }),
    ];
    // ANCHOR_END: rust_rows

    let python = python_command();
    let python_status = python_version(&python).and_then(|version| {
        let gil = gil_enabled(&python)?;
        for (script, variant) in [
            ("primes_sequential.py", "sequential"),
            ("primes_threads.py", "threading"),
            ("primes_processes.py", "multiprocessing"),
        ] {
            let mut row = run_python(&python, "Python", script, variant)?;
            row.gil_enabled = Some(gil);
            rows.push(row);
        }
        Ok(version)
    });
    if python_status.is_err() {
        rows.retain(|row| row.language == "Rust");
    }

    // Free-threaded builds: the ones named with --python, or else whichever
    // of python3.13t and python3.14t the PATH has.
    let searching = named.is_empty();
    let candidates: Vec<PathBuf> = if searching {
        FREE_THREADED.iter().map(PathBuf::from).collect()
    } else {
        named
    };
    let mut extras: Vec<Extra> = Vec::new();
    for path in candidates {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let same_name = |e: &&Extra| e.label == name || e.label.starts_with(&format!("{name}#"));
        let label = match extras.iter().filter(same_name).count() {
            0 => name,
            n => format!("{name}#{}", n + 1),
        };
        let version = python_version(&path);
        if searching && version.is_err() {
            continue; // not installed: the line under the table says so
        }
        let status = version.and_then(|version| {
            let gil = gil_enabled(&path)?;
            let mut found = Vec::new();
            for (script, variant) in [
                ("primes_sequential.py", "sequential"),
                ("primes_threads.py", "threading"),
            ] {
                let mut row = run_python(&path, &label, script, variant)?;
                row.gil_enabled = Some(gil);
                found.push(row);
            }
            rows.extend(found);
            Ok(format!("{version}, GIL {}", if gil { "on" } else { "off" }))
        });
        extras.push(Extra { label, status });
    }

    // Every variant must find the same primes, or its time means nothing.
    let mut known: Vec<(u64, usize)> = Vec::new(); // (below, primes), counted once each
    for row in &rows {
        let expected = match known.iter().find(|(below, _)| *below == row.below) {
            Some(&(_, primes)) => primes,
            None => {
                let primes = ch01::count_primes(0..row.below);
                known.push((row.below, primes));
                primes
            }
        };
        if row.count != expected {
            eprintln!(
                "WRONG RESULT: {} {} counted {} primes below {}, expected {expected}",
                row.language, row.variant, row.count, row.below
            );
            return ExitCode::FAILURE;
        }
    }
    let mut languages: Vec<String> = rows.iter().map(|row| row.language.clone()).collect();
    languages.dedup();
    for language in languages {
        let baseline = rows
            .iter()
            .find(|row| row.language == language && row.variant == "sequential")
            .map(|row| row.seconds);
        for row in rows.iter_mut().filter(|row| row.language == language) {
            row.speedup = baseline.map_or(0.0, |base| base / row.seconds);
        }
    }

    if json {
        if let Err(why) = &python_status {
            eprintln!("python skipped: {why}");
        }
        for extra in &extras {
            if let Err(why) = &extra.status {
                eprintln!("{} skipped: {why}", extra.label);
            }
        }
        println!("{}", to_json(&rows));
    } else {
        print_table(&rows, cores, &python_status, &extras, searching);
    }
    ExitCode::SUCCESS
}

fn print_table(
    rows: &[Row],
    cores: usize,
    python: &Result<String, String>,
    extras: &[Extra],
    searched: bool,
) {
    println!("Counting primes by trial division on a machine with {cores} cores");
    println!(
        "job size: Rust counts the primes below {RUST_BELOW}, Python those below {PYTHON_BELOW}"
    );
    println!("speedup: against the same language's sequential run");
    println!();
    println!(
        "{:<11} {:<16} {:>8} {:>8} {:>6} {:>4}",
        "language", "variant", "seconds", "speedup", "cores", "GIL"
    );
    for row in rows {
        let gil = match row.gil_enabled {
            None => "",
            Some(true) => "on",
            Some(false) => "off",
        };
        println!(
            "{:<11} {:<16} {:>8.3} {:>7.2}x {:>6} {:>4}",
            row.language, row.variant, row.seconds, row.speedup, row.cores, gil
        );
    }
    println!();
    match python {
        Ok(version) => println!("python: {version}"),
        Err(why) => println!("python skipped: {why}"),
    }
    for extra in extras {
        match &extra.status {
            Ok(version) => println!("{}: {version}", extra.label),
            Err(why) => println!("{} skipped: {why}", extra.label),
        }
    }
    if searched && extras.is_empty() {
        println!(
            "no free-threaded Python found: neither {} is on the PATH",
            FREE_THREADED.join(" nor ")
        );
    }
    for row in rows {
        println!(
            "{} {} found {} primes",
            row.language, row.variant, row.count
        );
    }
    println!();
    for (language, variant, label) in [
        ("Rust", "std::thread", "Rust threads"),
        ("Rust", "rayon", "Rust rayon"),
        ("Python", "threading", "Python threads"),
        ("Python", "multiprocessing", "Python processes"),
    ] {
        if let Some(row) = rows
            .iter()
            .find(|row| row.language == language && row.variant == variant)
        {
            println!("speedup of {label}: {:.2}", row.speedup);
        }
    }
    for extra in extras {
        if let Some(row) = rows
            .iter()
            .find(|row| row.language == extra.label && row.variant == "threading")
        {
            let gil = if row.gil_enabled == Some(false) {
                "off"
            } else {
                "on"
            };
            println!(
                "speedup of {} threads (GIL {gil}): {:.2}",
                extra.label, row.speedup
            );
        }
    }
}

/// A string as the inside of a JSON string: an interpreter's file name may
/// hold anything.
fn json_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The rows as a JSON array. The variants are the listing's own names; the
/// language may be an interpreter's file name, so it is escaped.
fn to_json(rows: &[Row]) -> String {
    let objects: Vec<String> = rows
        .iter()
        .map(|row| {
            let gil = row
                .gil_enabled
                .map_or_else(|| "null".to_owned(), |on| on.to_string());
            format!(
                "  {{\"language\": \"{}\", \"variant\": \"{}\", \"below\": {}, \"count\": {}, \
                 \"seconds\": {:.4}, \"speedup\": {:.3}, \"cores\": {}, \"gil_enabled\": {gil}}}",
                json_escape(&row.language),
                row.variant,
                row.below,
                row.count,
                row.seconds,
                row.speedup,
                row.cores
            )
        })
        .collect();
    format!("[\n{}\n]", objects.join(",\n"))
}
