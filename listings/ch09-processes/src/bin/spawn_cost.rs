//! What starting a process costs, next to a thread.
//!
//! What a process costs to start, next to a thread: start and wait for 20
//! copies of this program that exit at once, then start and join 20 threads
//! that return at once.

use std::io;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

const COUNT: u32 = 20;

fn main() -> io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--child") {
        return Ok(()); // the child's whole job: exit
    }

    // ANCHOR: measure
    let me = std::env::current_exe()?;
    let start = Instant::now();
    for _ in 0..COUNT {
        let status = Command::new(&me).arg("--child").status()?; // spawn + wait
        assert!(status.success(), "child ended with {status}");
    }
    let processes = start.elapsed();

    let start = Instant::now();
    for _ in 0..COUNT {
        thread::spawn(|| ())
            .join()
            .expect("an empty thread cannot panic");
    }
    let threads = start.elapsed();
    // ANCHOR_END: measure

    let micros = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(COUNT);
    println!("{COUNT} processes: {:.1} ms", processes.as_secs_f64() * 1e3);
    println!("{COUNT} threads: {:.2} ms", threads.as_secs_f64() * 1e3);
    println!("per process: {:.0} us", micros(processes));
    println!("per thread: {:.0} us", micros(threads));
    println!(
        "a process costs about {:.0} times a thread",
        processes.as_secs_f64() / threads.as_secs_f64()
    );
    Ok(())
}
