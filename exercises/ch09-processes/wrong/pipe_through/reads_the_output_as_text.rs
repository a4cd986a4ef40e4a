//! Mistake: reads the output with `read_to_string`, as Python's
//! `subprocess.run(..., text=True)` would. Output that is not UTF-8 makes
//! the read fail, and the caller gets an error instead of the bytes.
//! Caught by: bytes_that_are_not_utf8_come_back_unchanged
// REGION
let mut child = command
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
let mut text = String::new();
let read = thread::scope(|s| {
    let writer = s.spawn(move || match stdin.write_all(input) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    });
    let read = stdout.read_to_string(&mut text);
    // Whatever is left unread must not block the writer.
    let mut rest = Vec::new();
    let _ = stdout.read_to_end(&mut rest);
    let written = writer.join().expect("the writer thread panicked");
    read.and(written)
});
let status = child.wait()?;
read?;
Ok((text.into_bytes(), status))
