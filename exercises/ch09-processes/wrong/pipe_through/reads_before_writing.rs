//! Mistake: reads the child's output first and writes the input afterwards.
//! A program that waits for input before it prints, and prints until its
//! input ends, never ends its output, so the read waits for ever.
//! Caught by: small_input_comes_back_through_tr, a_megabyte_goes_through_cat, the_child_sees_end_of_input, a_failing_program_reports_its_exit_status, the_child_is_reaped
// REGION
let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
let mut stdin = child.stdin.take().expect("stdin is piped");
let mut stdout = child.stdout.take().expect("stdout is piped");
let mut output = Vec::new();
stdout.read_to_end(&mut output)?;
thread::scope(|s| {
    s.spawn(move || stdin.write_all(input));
});
let status = child.wait()?;
Ok((output, status))
