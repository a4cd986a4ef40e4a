//! Mistake: writes from a thread, as it should, but waits for the child to
//! exit before reading its output. A child with more output than a pipe
//! holds cannot exit until someone reads it, so `wait` waits for ever; small
//! outputs fit in the pipe and hide the bug.
//! Caught by: a_megabyte_goes_through_cat, bytes_that_are_not_utf8_come_back_unchanged
// REGION
let mut child = command
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
let input = input.to_vec();
let writer = thread::spawn(move || match stdin.write_all(&input) {
    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
    other => other,
});
let status = child.wait()?;
let mut output = Vec::new();
stdout.read_to_end(&mut output)?;
writer.join().expect("the writer thread panicked")?;
Ok((output, status))
