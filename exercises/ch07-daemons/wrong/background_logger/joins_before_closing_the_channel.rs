//! Mistake: joins the writer thread first and drops the sender after, so
//! the writer waits for a message that never comes and the join waits for
//! the writer: stopping the logger never returns.
//! Caught by: every_message_is_written_in_order_one_per_line, a_message_logged_after_a_quiet_spell_is_written_too, shutdown_waits_until_a_slow_sink_has_every_message, dropping_the_logger_also_waits_for_every_message, the_sink_is_flushed_before_shutdown_returns, messages_are_written_on_a_thread_of_its_own
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
    drop(self);
// REGION
    if let Some(writer) = self.writer.take() {
        writer.join().expect("the writer thread panicked");
    }
    drop(self.messages.take());
