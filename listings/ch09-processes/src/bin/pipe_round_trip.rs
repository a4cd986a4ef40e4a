//! Running a program with `Command`, and talking to it through pipes.
//!
//! Running another program with `Command`: its exit status, a round trip
//! through its stdin and stdout, and what `output()` gives the child as
//! stdin. The input is far larger than a pipe holds, so it is written from
//! a thread of its own while `wait_with_output` reads.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::thread;

fn main() -> io::Result<()> {
    // ANCHOR: status
    // A program that fails: `status` waits for it and reports how it ended.
    let status = Command::new("sh").args(["-c", "exit 3"]).status()?;
    println!("sh -c 'exit 3': {status}, success: {}", status.success());
    // ANCHOR_END: status

    // ANCHOR: round_trip
    let text: String = (1..=100_000).map(|i| format!("line {i}\n")).collect();
    let sent = text.len();
    let mut child = Command::new("tr")
        .args(["a-z", "A-Z"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");

    // `tr` writes as it reads. Writing everything before reading anything
    // would fill both pipes and leave both programs waiting for ever, so a
    // thread writes while this one reads.
    let writer = thread::spawn(move || {
        stdin.write_all(text.as_bytes())
        // `stdin` is dropped here: `tr` sees end of input and finishes.
    });
    // Reads everything `tr` writes until it closes its stdout, then waits
    // for it and reaps it.
    let output = child.wait_with_output()?;
    writer.join().expect("the writer thread panicked")?;
    let upper = String::from_utf8_lossy(&output.stdout);
    let status = output.status;
    // ANCHOR_END: round_trip

    // ANCHOR: output
    // `output()` captures what the child writes.
    // With no `.stdin(…)` set, the child's stdin is /dev/null and `cat`
    // reads end of input at once.
    let cat = Command::new("cat").output()?;
    println!(
        "cat run with output(): {} bytes back, {}",
        cat.stdout.len(),
        cat.status
    );
    // ANCHOR_END: output

    println!("sent {sent} bytes, got {} back; tr: {status}", upper.len());
    println!("first line: {}", upper.lines().next().unwrap_or_default());
    println!("last line: {}", upper.lines().last().unwrap_or_default());
    Ok(())
}
