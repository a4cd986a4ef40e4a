//! Mistake: stops the writer with a stop flag, which it checks between
//! messages, so it ends as soon as it sees the flag, with messages still
//! waiting in the channel.
//! Caught by: shutdown_waits_until_a_slow_sink_has_every_message, dropping_the_logger_also_waits_for_every_message
// REGION
    messages: Sender<String>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    writer: Option<JoinHandle<()>>,
// REGION
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    let (messages, incoming) = mpsc::channel::<String>();
    let stop = Arc::new(AtomicBool::new(false));
    let stop_seen = Arc::clone(&stop);
    let writer = thread::spawn(move || {
        let mut sink = sink;
        while !stop_seen.load(Ordering::SeqCst) {
            if let Ok(message) = incoming.recv_timeout(Duration::from_millis(10)) {
                writeln!(sink, "{message}").expect("write to the log");
            }
        }
        sink.flush().expect("flush the log");
    });
    Logger {
        messages,
        stop,
        writer: Some(writer),
    }
// REGION
    self.messages
        .send(message.into())
        .expect("the writer thread is running");
// REGION
    drop(self);
// REGION
    self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    if let Some(writer) = self.writer.take() {
        writer.join().expect("the writer thread panicked");
    }
