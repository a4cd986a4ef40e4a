//! The chapter's measurement: one CPU-bound job, counting primes by trial
//! division, run sequentially and on every core, in Rust and (when python3
//! is installed) in Python. Each language is compared with its own
//! sequential run. `--json` prints the rows as JSON instead of a table.

use ch10::{
    PYTHON_BELOW, RUST_BELOW, Row, python_command, python_version, run_python, sequential,
    std_threads, time_rust, with_rayon,
};
use std::process::ExitCode;
use std::thread;

fn main() -> ExitCode {
    let json = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--json") => true,
        Some(other) => {
            eprintln!("unknown argument `{other}`; usage: ch10 [--json]");
            return ExitCode::from(2);
        }
    };
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
        for (script, variant) in [
            ("primes_sequential.py", "sequential"),
            ("primes_threads.py", "threading"),
            ("primes_processes.py", "multiprocessing"),
        ] {
            rows.push(run_python(&python, script, variant)?);
        }
        Ok(version)
    });
    if python_status.is_err() {
        rows.retain(|row| row.language == "Rust");
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
    for language in ["Rust", "Python"] {
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
        println!("{}", to_json(&rows));
    } else {
        print_table(&rows, cores, &python_status);
    }
    ExitCode::SUCCESS
}

fn print_table(rows: &[Row], cores: usize, python: &Result<String, String>) {
    println!("Counting primes by trial division on a machine with {cores} cores");
    println!(
        "job size: Rust counts the primes below {RUST_BELOW}, Python those below {PYTHON_BELOW}"
    );
    println!("speedup: against the same language's sequential run");
    println!();
    println!(
        "{:<8} {:<16} {:>8} {:>8} {:>6}",
        "language", "variant", "seconds", "speedup", "cores"
    );
    for row in rows {
        println!(
            "{:<8} {:<16} {:>8.3} {:>7.2}x {:>6}",
            row.language, row.variant, row.seconds, row.speedup, row.cores
        );
    }
    println!();
    match python {
        Ok(version) => println!("python: {version}"),
        Err(why) => println!("python skipped: {why}"),
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
}

/// The rows as a JSON array. Every string here is one of the listing's own
/// names, none with a quote or backslash in it, so no escaping is needed.
fn to_json(rows: &[Row]) -> String {
    let objects: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                "  {{\"language\": \"{}\", \"variant\": \"{}\", \"below\": {}, \"count\": {}, \
                 \"seconds\": {:.4}, \"speedup\": {:.3}, \"cores\": {}}}",
                row.language,
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
