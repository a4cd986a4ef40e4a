//! Mistake: uses an empty message to tell the writer to stop, like
//! `queue.put(None)` in Python. A message that is really empty, `log("")`,
//! stops the writer too, and everything logged after it is lost.
//! Caught by: an_empty_message_is_written_as_an_empty_line
// REGION
    messages: Sender<String>,
    writer: Option<JoinHandle<()>>,
// REGION
    let (messages, incoming) = mpsc::channel::<String>();
    let writer = thread::spawn(move || {
        let mut sink = sink;
        for message in incoming {
            if message.is_empty() {
                break;
            }
            writeln!(sink, "{message}").expect("write to the log");
        }
        sink.flush().expect("flush the log");
    });
    Logger {
        messages,
        writer: Some(writer),
    }
// REGION
    let _ = self.messages.send(message.into());
// REGION
    drop(self);
// REGION
    let _ = self.messages.send(String::new());
    if let Some(writer) = self.writer.take() {
        writer.join().expect("the writer thread panicked");
    }
