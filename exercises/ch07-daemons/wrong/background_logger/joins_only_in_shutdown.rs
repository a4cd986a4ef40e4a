//! Mistake: `shutdown` closes the channel and joins the writer, but `Drop`
//! only closes the channel, so a logger that is dropped without `shutdown`
//! (an early return, a `?`) lets main go on while messages are unwritten.
//! Caught by: dropping_the_logger_also_waits_for_every_message
// REGION
    messages: Option<Sender<String>>,
    writer: Option<JoinHandle<()>>,
// REGION
    let (messages, incoming) = mpsc::channel::<String>();
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
// REGION
    if let Some(messages) = &self.messages {
        messages
            .send(message.into())
            .expect("the writer thread is running");
    }
// REGION
    let mut logger = self;
    drop(logger.messages.take());
    if let Some(writer) = logger.writer.take() {
        writer.join().expect("the writer thread panicked");
    }
// REGION
    drop(self.messages.take());
