//! Mistake: reads the output with a single `read` into a large buffer, as
//! if one call returned everything. A `read` on a pipe returns what is
//! there at the moment, at most what the pipe holds, so the rest of a long
//! output is never read, and the child, blocked on its full pipe, never
//! finishes.
//! Caught by: a_megabyte_goes_through_cat, bytes_that_are_not_utf8_come_back_unchanged
// REGION
let mut child = command
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
let mut output = vec![0; 4 << 20];
let read = thread::scope(|s| {
    let writer = s.spawn(move || match stdin.write_all(input) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    });
    let read = stdout.read(&mut output);
    let written = writer.join().expect("the writer thread panicked");
    read.and_then(|n| written.map(|()| n))
});
let status = child.wait()?;
output.truncate(read?);
Ok((output, status))
