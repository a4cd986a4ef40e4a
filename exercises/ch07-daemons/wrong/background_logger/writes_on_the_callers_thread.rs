//! Mistake: `log` writes the message to the sink itself, under a lock, so
//! there is no background thread at all and every caller waits for the
//! sink.
//! Caught by: messages_are_written_on_a_thread_of_its_own
// REGION
    sink: std::sync::Mutex<Box<dyn Write + Send>>,
// REGION
    Logger {
        sink: std::sync::Mutex::new(Box::new(sink)),
    }
// REGION
    let mut sink = self.sink.lock().unwrap();
    writeln!(sink, "{}", message.into()).expect("write to the log");
// REGION
    drop(self);
// REGION
    let sink = self.sink.get_mut().unwrap();
    sink.flush().expect("flush the log");
