//! # A background logger that loses nothing on shutdown
//!
//! Writing a log line can be slow (a disk, a pipe, a network), so a program
//! hands its messages to a background thread and goes on at once. Python's
//! `logging.handlers.QueueListener` is such a thread. But a background
//! thread that is still holding messages when the program ends loses them,
//! so the logger must also know how to stop: write out everything it was
//! given, flush, and only then let the caller go on.
//!
//! Build `Logger`; the fields are yours to choose.
//!
//! - `start(sink)` starts the writer thread, which owns `sink` and writes
//!   each message to it as one line (the message, then `\n`), in the order
//!   they were logged;
//! - `log(message)` hands a message to the writer thread and returns without
//!   waiting for the sink;
//! - `shutdown(self)` returns only when every message logged before it has
//!   been written and the sink has been flushed, and the writer thread has
//!   ended;
//! - dropping a `Logger` without calling `shutdown` does the same, so that
//!   an early `return` or `?` loses nothing either.
//!
//! The tests check that every message arrives, in order, one per line; that
//! a message logged after a quiet spell still arrives; that `log` returns
//! while the sink is stalled; that `shutdown` and
//! drop both wait for a slow sink; that the sink is flushed; and that the
//! writing happens on a thread of its own.

use std::io::Write;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

pub struct Logger {
    // SOLUTION: Choose the fields: a way to hand messages to the writer thread, and a way to wait for that thread to end.
    /// Where `log` puts messages. `None` once the logger is stopping: with
    /// the sender gone, the writer's loop ends after the last message.
    messages: Option<Sender<String>>,
    /// The writer thread. `None` once it has been joined.
    writer: Option<JoinHandle<()>>,
    // STARTER
    // END SOLUTION
}

impl Logger {
    /// Starts the writer thread, which writes every message to `sink`.
    pub fn start<W: Write + Send + 'static>(sink: W) -> Logger {
        // SOLUTION: Make a channel. Spawn a writer thread that owns the receiver and `sink`, writes every message it receives as a line, and flushes the sink when the channel is closed and empty.
        let (messages, incoming) = mpsc::channel::<String>();
        let writer = thread::spawn(move || {
            let mut sink = sink;
            // The loop ends only when every sender is gone *and* every
            // message sent before that has been received.
            for message in incoming {
                writeln!(sink, "{message}").expect("write to the log");
            }
            sink.flush().expect("flush the log");
        });
        Logger {
            messages: Some(messages),
            writer: Some(writer),
        }
        // END SOLUTION
    }

    /// Hands `message` to the writer thread and returns at once.
    pub fn log(&self, message: impl Into<String>) {
        // SOLUTION: Send the message to the writer thread.
        if let Some(messages) = &self.messages {
            messages
                .send(message.into())
                .expect("the writer thread is running");
        }
        // END SOLUTION
    }

    /// Writes and flushes every message logged so far, and ends the writer
    /// thread, before it returns.
    pub fn shutdown(self) {
        // SOLUTION: Stop the logger. (Dropping `self` runs `Drop::drop`; it may be all you need.)
        drop(self);
        // END SOLUTION
    }
}

impl Drop for Logger {
    /// A logger dropped without `shutdown` loses nothing either.
    fn drop(&mut self) {
        // SOLUTION: Close the channel so that the writer's loop can end, then join the writer thread, so that it has written and flushed every message before `drop` returns.
        drop(self.messages.take());
        if let Some(writer) = self.writer.take() {
            writer.join().expect("the writer thread panicked");
        }
        // END SOLUTION
    }
}
