//! A service that shuts down cleanly on Ctrl-C or SIGTERM.

use crossbeam_channel::{after, bounded, select, tick, unbounded};
use std::env;
use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

const WORKERS: usize = 4;
/// A new record arrives this often while the service is accepting work.
const ARRIVALS: Duration = Duration::from_millis(10);
/// How long a worker takes to handle one record.
const HANDLING: Duration = Duration::from_millis(25);
/// With no signal, the service shuts itself down after this long.
const SHIFT: Duration = Duration::from_secs(2);

fn main() -> Result<(), Box<dyn Error>> {
    // The tests name a file of their own to check; otherwise a temporary one.
    let (path, keep_file) = match env::args_os().nth(1) {
        Some(path) => (PathBuf::from(path), true),
        None => {
            let name = format!("ch07-service-{}.txt", std::process::id());
            (env::temp_dir().join(name), false)
        }
    };

    // ANCHOR: signal
    // A signal becomes a message on a channel.
    // ctrlc calls the handler on a thread of its own when SIGINT (Ctrl-C),
    // SIGTERM or SIGHUP arrives; all it does here is send the message.
    let (signal_tx, signal) = bounded(1);
    ctrlc::set_handler(move || {
        // A second signal finds the channel full; shutdown is under way.
        let _ = signal_tx.try_send(());
    })?;
    // ANCHOR_END: signal

    // ANCHOR: threads
    // The writer is the only thread that touches the file.
    let (results_tx, results) = unbounded::<String>();
    let file = File::create(&path)?;
    let writer = thread::spawn(move || -> std::io::Result<usize> {
        let mut out = BufWriter::new(file);
        let mut written = 0;
        for line in results {
            writeln!(out, "{line}")?;
            written += 1;
        }
        out.flush()?;
        Ok(written)
    });

    let (jobs_tx, jobs) = bounded::<u64>(100);
    let workers: Vec<_> = (1..=WORKERS)
        .map(|worker| {
            let jobs = jobs.clone();
            let results = results_tx.clone();
            thread::spawn(move || {
                let mut handled = 0;
                // Ends when the queue is empty and its sender is gone.
                for record in jobs {
                    thread::sleep(HANDLING);
                    let line = format!("record {record} handled by worker {worker}");
                    results.send(line).expect("the writer outlives the workers");
                    handled += 1;
                }
                handled
            })
        })
        .collect();
    // From now on the workers hold the only senders of results.
    drop(results_tx);
    // ANCHOR_END: threads

    // ANCHOR: accept
    let pid = std::process::id();
    println!("ready: process {pid}; stop it with Ctrl-C or `kill -TERM {pid}`");
    let arrivals = tick(ARRIVALS);
    let shift_over = after(SHIFT);
    let mut accepted = 0;
    let reason = loop {
        select! {
            recv(arrivals) -> _ => {
                accepted += 1;
                jobs_tx.send(accepted)?;
            }
            recv(signal) -> _ => break "a signal arrived",
            recv(shift_over) -> _ => break "no signal came, and the shift is over",
        }
    };
    // ANCHOR_END: accept

    // ANCHOR: shutdown
    // 1. Stop accepting work: no more records go into the queue.
    drop(jobs_tx);
    println!("shutdown: {reason}; accepted {accepted} records, and no more");

    // 2. The workers drain the queue, then their loops end.
    let handled: Vec<usize> = workers
        .into_iter()
        .map(|worker| worker.join().expect("a worker panicked"))
        .collect();
    let total: usize = handled.iter().sum();
    println!("workers: all {WORKERS} joined after handling {total} records");

    // 3. The last worker dropped its sender, so the writer's loop ends too,
    // and it flushes.
    let written = writer.join().expect("the writer panicked")?;
    println!("writer: flushed {written} records");

    let in_file = fs::read_to_string(&path)?.lines().count();
    println!("the file holds {in_file} records; exiting with status 0");
    if !keep_file {
        fs::remove_file(&path)?;
    }
    Ok(())
    // ANCHOR_END: shutdown
}
