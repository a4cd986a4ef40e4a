//! Mistake: writes all of the input, then reads the output. A program that
//! answers as it reads fills its stdout pipe, stops reading, and the write
//! waits for ever; small inputs fit in the pipes and hide the bug.
//! Caught by: a_megabyte_goes_through_cat
// REGION
let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
match stdin.write_all(input) {
    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
    other => other?,
}
drop(stdin);
let mut output = Vec::new();
stdout.read_to_end(&mut output)?;
let status = child.wait()?;
let _ = thread::current();
Ok((output, status))
