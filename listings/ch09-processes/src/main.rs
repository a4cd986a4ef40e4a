//! A pool of worker processes counting primes.
//!
//! The program re-runs itself with `--worker` (Rust's counterpart of
//! Python's `if __name__ == "__main__":` guard); the parent sends each worker
//! one job per line on its stdin and reads one result per line from its
//! stdout. The first attempt at
//! one job is told to crash, to show that a dead worker does not take the
//! parent down: the parent sees its exit status and retries the job.

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use ch01::{PRIMES_BELOW, count_primes};

const JOBS: u64 = 8;
const WORKERS: usize = 2;
/// The job whose first attempt makes its worker abort.
const CRASHING_JOB: u64 = 3;
/// How many times one job may be tried before it is reported as failed.
const ATTEMPTS: u32 = 2;

// ANCHOR: worker
/// The worker's side: one answer per job line.
/// It reads "start end" lines until end of input and answers
/// "start end count" for each. A line ending in "crash" aborts the process.
fn worker(input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let mut words = line.split_whitespace();
        let (Some(Ok(start)), Some(Ok(end))) = (
            words.next().map(str::parse::<u64>),
            words.next().map(str::parse::<u64>),
        ) else {
            return Err(io::Error::new(io::ErrorKind::InvalidData, line));
        };
        if words.next() == Some("crash") {
            std::process::abort(); // dies of SIGABRT, like a crash in C code
        }
        writeln!(output, "{start} {end} {}", count_primes(start..end))?;
        output.flush()?; // the parent is waiting for this line
    }
    Ok(()) // stdin closed: the parent has no more jobs
}
// ANCHOR_END: worker

struct Job {
    index: u64,
    start: u64,
    end: u64,
    attempts: u32,
}

// ANCHOR: spawn
/// One worker process and the two pipes the parent talks to it through.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

fn start_worker() -> io::Result<Worker> {
    let mut child = Command::new(std::env::current_exe()?)
        .arg("--worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let stdin = child.stdin.take().expect("stdin is piped");
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    Ok(Worker {
        child,
        stdin,
        stdout,
    })
}
// ANCHOR_END: spawn

fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(6)) => "signal 6 (SIGABRT)".to_owned(),
        (None, Some(9)) => "signal 9 (SIGKILL)".to_owned(),
        (None, Some(11)) => "signal 11 (SIGSEGV)".to_owned(),
        (None, Some(signal)) => format!("signal {signal}"),
        (None, None) => format!("{status}"),
    }
}

type Queue = Arc<Mutex<VecDeque<Job>>>;

/// What one supervisor brings back: (job, count) pairs, and a line for
/// every worker that died on the way.
#[derive(Default)]
struct Report {
    counts: Vec<(u64, usize)>,
    events: Vec<String>,
}

// ANCHOR: supervise
/// Drives one worker process.
/// It takes jobs from the shared queue, one at a time, until the queue is
/// empty.
fn supervise(queue: Queue) -> io::Result<Report> {
    let mut report = Report::default();
    let mut worker = start_worker()?;
    loop {
        let Some(mut job) = queue.lock().unwrap().pop_front() else {
            break;
        };
        job.attempts += 1;
        let crash = if job.index == CRASHING_JOB && job.attempts == 1 {
            " crash"
        } else {
            ""
        };
        let sent = writeln!(worker.stdin, "{} {}{crash}", job.start, job.end);
        let mut answer = String::new();
        let read = sent.and_then(|()| worker.stdout.read_line(&mut answer));
        if let Ok(n) = read
            && n > 0
            && let Some(Ok(count)) = answer.split_whitespace().nth(2).map(str::parse)
        {
            report.counts.push((job.index, count));
            continue;
        }
        // No answer: the worker is gone. Reap it, say how it ended, and
        // carry on with a fresh one.
        let status = worker.child.wait()?;
        let mut event = format!("job {} lost its worker: {}", job.index, describe(status));
        if job.attempts < ATTEMPTS {
            event.push_str("; retrying on a fresh worker");
            queue.lock().unwrap().push_back(job);
        } else {
            event.push_str("; giving up on it");
        }
        report.events.push(event);
        worker = start_worker()?;
    }
    drop(worker.stdin); // end of input: the worker's loop ends
    let status = worker.child.wait()?; // and we reap it: no zombie
    if !status.success() {
        report
            .events
            .push(format!("a worker ended with {}", describe(status)));
    }
    Ok(report)
}
// ANCHOR_END: supervise

// ANCHOR: main
fn main() -> io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--worker") {
        return worker(io::stdin().lock(), io::stdout().lock());
    }

    let step = PRIMES_BELOW / JOBS;
    let queue: Queue = Arc::new(Mutex::new(
        (0..JOBS)
            .map(|index| Job {
                index,
                start: index * step,
                end: (index + 1) * step,
                attempts: 0,
            })
            .collect(),
    ));
    let supervisors: Vec<_> = (0..WORKERS)
        .map(|_| {
            let queue = Arc::clone(&queue);
            thread::spawn(move || supervise(queue))
        })
        .collect();

    let mut counts = BTreeMap::new();
    let mut events = Vec::new();
    for supervisor in supervisors {
        let report = supervisor.join().expect("a supervisor thread panicked")?;
        counts.extend(report.counts);
        events.extend(report.events);
    }
    events.sort();
    for event in &events {
        println!("{event}");
    }
    let missing: Vec<_> = (0..JOBS).filter(|i| !counts.contains_key(i)).collect();
    println!("jobs: {JOBS}, worker processes: {WORKERS}, jobs never finished: {missing:?}");
    println!(
        "primes below {PRIMES_BELOW}: {}",
        counts.values().sum::<usize>()
    );
    println!("sequential: {}", count_primes(0..PRIMES_BELOW));
    Ok(())
}
// ANCHOR_END: main
