//! Pipe bytes through another program.
//!
//! Write `pipe_through`: start `command` with its stdin and stdout connected
//! to pipes, send it all of `input`, collect everything it writes to stdout,
//! and return that together with its exit status. The input may be much
//! larger than a pipe holds, and the program may answer while it is still
//! reading, so writing everything first and reading afterwards deadlocks.
//! The child must see the end of its input, and must be waited for, so that
//! no zombie is left behind. A program that fails is not an error here: its
//! exit status says how it ended. Leave the child's stderr alone: it goes
//! wherever the caller's `command` sends it (by default, where this
//! program's own stderr goes). A stderr piped and never read would fill up
//! and stop a chatty child for good.

use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;

/// Runs `command` with `input` on its stdin; returns its stdout and status.
pub fn pipe_through(mut command: Command, input: &[u8]) -> io::Result<(Vec<u8>, ExitStatus)> {
    // SOLUTION: Spawn with piped stdin and stdout, write `input` from a thread while reading stdout here, then wait.
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut output = Vec::new();
    let read = thread::scope(|s| {
        let writer = s.spawn(move || {
            // A child that exits without reading all its input closes the
            // pipe: that is its business, not an error of ours.
            match stdin.write_all(input) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            }
            // `stdin` is dropped here: the child sees end of input.
        });
        let read = stdout.read_to_end(&mut output);
        let written = writer.join().expect("the writer thread panicked");
        read.and(written)
    });
    let status = child.wait()?;
    read?;
    Ok((output, status))
    // END SOLUTION
}
