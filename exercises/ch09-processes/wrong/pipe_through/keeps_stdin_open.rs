//! Mistake: writes from a thread, but lends it the pipe instead of giving it
//! away, so the `ChildStdin` lives on in the calling thread while it reads.
//! The child never sees end of input, so it never finishes its output.
//! Caught by: small_input_comes_back_through_tr, a_megabyte_goes_through_cat, the_child_sees_end_of_input, a_failing_program_reports_its_exit_status, the_child_is_reaped
// REGION
let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
let mut output = Vec::new();
let read = thread::scope(|s| {
    let stdin = &mut stdin;
    let writer = s.spawn(move || match stdin.write_all(input) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    });
    let read = stdout.read_to_end(&mut output);
    let written = writer.join().expect("the writer thread panicked");
    read.and(written)
});
drop(stdin);
let status = child.wait()?;
read?;
Ok((output, status))
