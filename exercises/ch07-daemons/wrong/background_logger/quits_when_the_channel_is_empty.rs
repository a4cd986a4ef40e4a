//! Mistake: the writer takes messages with `try_recv` and stops at the
//! first `Err`, like a Python loop over `queue.get_nowait()`, so it ends
//! as soon as it has caught up, and later messages have nowhere to go.
//! Caught by: a_message_logged_after_a_quiet_spell_is_written_too
// REGION
    messages: Option<Sender<String>>,
    writer: Option<JoinHandle<()>>,
// REGION
    let (messages, incoming) = mpsc::channel::<String>();
    let writer = thread::spawn(move || {
        let mut sink = sink;
        while let Ok(message) = incoming.try_recv() {
            writeln!(sink, "{message}").expect("write to the log");
        }
        sink.flush().expect("flush the log");
    });
    Logger {
        messages: Some(messages),
        writer: Some(writer),
    }
