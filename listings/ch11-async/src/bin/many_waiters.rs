//! Many waiters: threads against tasks, in Rust and in Python.
//!
//! Where async wins: many waiters. The same number of 100 ms waits, once as
//! OS threads and once as tokio tasks, with the wall time and the memory
//! (resident set) each waiter added. The chapter's Python program does the
//! same with `threading` and asyncio, and its two rows join the table; when
//! Python cannot run, the table says why and leaves them out.

use std::env::consts;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

const WAITERS: usize = 2_000;
const WAIT: Duration = Duration::from_millis(100);

/// This process's resident memory in KiB, from /proc (Linux); 0 elsewhere.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

// ANCHOR: waiters
/// Starts every waiter, measures memory while all of them wait, then waits
/// for them all. Returns the wall time, the KiB each waiter added and how
/// many threads the system let it start (all of them, unless it has a low
/// limit on threads).
fn with_threads() -> (Duration, f64, usize) {
    let before = resident_kib();
    let started = Instant::now();
    let (ready, all_ready) = mpsc::channel();
    let mut waiters = Vec::new();
    for _ in 0..WAITERS {
        let ready = ready.clone();
        let spawned = thread::Builder::new().spawn(move || {
            let _ = ready.send(()); // "I have started"
            thread::sleep(WAIT);
        });
        match spawned {
            Ok(waiter) => waiters.push(waiter),
            Err(_) => break, // the system's limit on threads: measure fewer
        }
    }
    drop(ready);
    for _ in &waiters {
        all_ready.recv().expect("a waiter ended before it started");
    }
    let during = resident_kib(); // every thread exists now, and each one waits
    let count = waiters.len();
    for waiter in waiters {
        waiter.join().expect("a waiter panicked");
    }
    let kib = during.saturating_sub(before) as f64 / count.max(1) as f64;
    (started.elapsed(), kib, count)
}

fn with_tasks(runtime: &tokio::runtime::Runtime) -> (Duration, f64) {
    runtime.block_on(async {
        let before = resident_kib();
        let started = Instant::now();
        let waiters: Vec<_> = (0..WAITERS)
            .map(|_| tokio::spawn(tokio::time::sleep(WAIT)))
            .collect();
        let during = resident_kib(); // every task exists now, and each one waits
        for waiter in waiters {
            waiter.await.expect("a waiter panicked");
        }
        (started.elapsed(), per_waiter(before, during))
    })
}
// ANCHOR_END: waiters

fn per_waiter(before: u64, during: u64) -> f64 {
    during.saturating_sub(before) as f64 / WAITERS as f64
}

/// One line of the table.
#[derive(Clone)]
struct Row {
    name: String,
    seconds: f64,
    kib: f64,
}

impl Row {
    fn new(name: &str, time: Duration, kib: f64) -> Row {
        let (name, seconds) = (name.to_owned(), time.as_secs_f64());
        Row { name, seconds, kib }
    }
}

/// What `python/many_waiters.py --rows` reported.
struct Python {
    version: String,
    rows: Vec<Row>,
    notes: Vec<String>,
}

/// The longest the Python program may take before it is stopped.
const PYTHON_DEADLINE: Duration = Duration::from_secs(15);

/// Runs the chapter's Python program (`THREADWORK_PYTHON` if set, else
/// `python3`) and reads its rows; `Err` says why there are none.
fn python_rows() -> Result<Python, String> {
    let python = std::env::var_os("THREADWORK_PYTHON").unwrap_or_else(|| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/many_waiters.py");
    let mut child = Command::new(&python)
        .arg(&script)
        .arg("--rows")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("`{}` could not be run ({e})", python.display()))?;
    // Read on another thread, so that the deadline holds even if the
    // program stops writing without ending.
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let (done, answer) = mpsc::channel();
    thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        let _ = done.send(text);
    });
    let text = answer.recv_timeout(PYTHON_DEADLINE);
    if text.is_err() {
        let _ = child.kill();
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for it failed ({e})"))?;
    let text = text.map_err(|_| format!("no answer within {PYTHON_DEADLINE:?}"))?;
    if !status.success() {
        return Err(format!("it exited with {status}"));
    }
    let unexpected = |line: &str| format!("it printed an unexpected line `{line}`");
    let number = |field: &str, line: &str| field.parse().map_err(|_| unexpected(line));
    let mut found = Python {
        version: String::new(),
        rows: Vec::new(),
        notes: Vec::new(),
    };
    for line in text.lines() {
        match line.split('\t').collect::<Vec<_>>()[..] {
            ["version", version] => found.version = version.to_owned(),
            ["note", note] => found.notes.push(note.to_owned()),
            ["row", name, seconds, kib] => found.rows.push(Row {
                name: name.to_owned(),
                seconds: number(seconds, line)?,
                kib: number(kib, line)?,
            }),
            _ => return Err(unexpected(line)),
        }
    }
    Ok(found)
}

// ANCHOR: table
fn main() -> std::io::Result<()> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (task_time, task_kib) = with_tasks(&runtime);
    let (thread_time, thread_kib, threads) = with_threads();
    let mut rows = vec![
        Row::new("Rust threads", thread_time, thread_kib),
        Row::new("tokio tasks", task_time, task_kib),
    ];
    // The same waiters in Python, from `python/many_waiters.py`.
    let python = python_rows();
    if let Ok(python) = &python {
        rows.extend(python.rows.iter().cloned());
    }

    let machine = format!("{} {}, {cores} cores", consts::ARCH, consts::OS);
    let wait = WAIT.as_millis();
    println!("{WAITERS} waiters, each waiting {wait} ms; {machine}");
    println!("| waiters as     | wall time | memory per waiter |");
    println!("|----------------|-----------|-------------------|");
    for row in &rows {
        println!(
            "| {:<14} | {:7.3} s | {:11.1} KiB |",
            row.name, row.seconds, row.kib
        );
    }
    if threads < WAITERS {
        println!("Rust threads: the system let only {threads} start; that row measures {threads}");
    }
    match &python {
        Ok(python) => {
            println!("python: {}", python.version);
            for note in &python.notes {
                println!("python: {note}");
            }
        }
        Err(why) => println!("python skipped: {why}; the Python rows are left out"),
    }
    for (threads, tasks) in [
        ("Rust threads", "tokio tasks"),
        ("Python threads", "asyncio tasks"),
    ] {
        let find = |name| rows.iter().find(|row| row.name == name);
        if let (Some(threads), Some(tasks)) = (find(threads), find(tasks)) {
            let names = format!("{} / {}", threads.name, tasks.name);
            let times = threads.seconds / tasks.seconds;
            println!("wall time, {names}: {times:.1}");
            let memory = threads.kib / tasks.kib.max(0.1);
            println!("memory per waiter, {names}: {memory:.0}");
        }
    }
    Ok(())
}
// ANCHOR_END: table
