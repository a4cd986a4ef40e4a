//! Mistake: pipes stderr as well as stdin and stdout, as
//! `subprocess.Popen(stdin=PIPE, stdout=PIPE, stderr=PIPE)` would, but
//! never reads it. What the child writes there is lost, not sent where the
//! caller asked; a child that writes more than a pipe holds stops for good.
//! Caught by: the_childs_stderr_goes_where_the_caller_sent_it
// REGION
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut output = Vec::new();
    let read = thread::scope(|s| {
        let writer = s.spawn(move || match stdin.write_all(input) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        });
        let read = stdout.read_to_end(&mut output);
        let written = writer.join().expect("the writer thread panicked");
        read.and(written)
    });
    let status = child.wait()?;
    read?;
    Ok((output, status))
