//! Mistake: treats every write error as the function's failure. A child
//! that exits without reading its input closes the pipe, the write fails
//! with "broken pipe", and the caller gets an error instead of the child's
//! exit status.
//! Caught by: a_failing_program_reports_its_exit_status
// REGION
let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
let mut output = Vec::new();
let read = thread::scope(|s| {
    let writer = s.spawn(move || stdin.write_all(input));
    let read = stdout.read_to_end(&mut output);
    let written = writer.join().expect("the writer thread panicked");
    read.and(written)
});
let status = child.wait()?;
read?;
Ok((output, status))
