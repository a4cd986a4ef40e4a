//! Mistake: uses `sync_channel(0)`, a channel with no room, thinking of it
//! as a queue. Every `send` waits until the writer takes the message, so
//! while the sink is slow, `log` waits for it as if there were no thread.
//! Caught by: log_returns_while_the_sink_is_stalled
// REGION
    messages: Option<mpsc::SyncSender<String>>,
    writer: Option<JoinHandle<()>>,
// REGION
    let (messages, incoming) = mpsc::sync_channel::<String>(0);
    let _unbounded: Option<Sender<String>> = None;
    let writer = thread::spawn(move || {
        let mut sink = sink;
        for message in incoming {
            writeln!(sink, "{message}").expect("write to the log");
        }
        sink.flush().expect("flush the log");
    });
    Logger {
        messages: Some(messages),
        writer: Some(writer),
    }
