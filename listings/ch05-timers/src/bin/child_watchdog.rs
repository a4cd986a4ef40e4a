//! A watchdog that kills a child process past its time.

use ch05::{Ending, watch};
use std::process::Command;
use std::time::{Duration, Instant};
use std::{env, io, thread};

/// How long a child may run before the watchdog kills it.
const LIMIT: Duration = Duration::from_millis(500);

fn main() -> io::Result<()> {
    // This program is also its own children: run with an argument, it
    // plays a quick or a slow command instead of watching one.
    if let Some(role) = env::args().nth(1) {
        let nap = match role.as_str() {
            "--slow-child" => Duration::from_secs(30),
            _ => Duration::from_millis(100),
        };
        thread::sleep(nap);
        return Ok(());
    }

    println!("each child may run for {} ms", LIMIT.as_millis());
    for role in ["--quick-child", "--slow-child"] {
        let start = Instant::now();
        let mut child = Command::new(env::current_exe()?).arg(role).spawn()?;
        let ending = watch(&mut child, LIMIT)?;
        let seconds = start.elapsed().as_secs_f64();
        match ending {
            Ending::Finished(status) => {
                println!("{role}: finished by itself after {seconds:.2} s ({status})")
            }
            Ending::Killed(status) => {
                println!("{role}: killed and reaped after {seconds:.2} s ({status})")
            }
        }
    }
    Ok(())
}
