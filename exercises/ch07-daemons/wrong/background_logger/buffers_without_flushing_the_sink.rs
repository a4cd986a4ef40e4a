//! Mistake: wraps the sink in a `BufWriter` to save writes and trusts its
//! drop to finish the job. Dropping a `BufWriter` writes out its buffer but
//! never flushes the sink underneath, so a sink with a buffer of its own
//! still holds the last lines when the logger has stopped.
//! Caught by: the_sink_is_flushed_before_shutdown_returns
// REGION
    messages: Option<Sender<String>>,
    writer: Option<JoinHandle<()>>,
// REGION
    let (messages, incoming) = mpsc::channel::<String>();
    let writer = thread::spawn(move || {
        let mut sink = std::io::BufWriter::new(sink);
        for message in incoming {
            writeln!(sink, "{message}").expect("write to the log");
        }
    });
    Logger {
        messages: Some(messages),
        writer: Some(writer),
    }
