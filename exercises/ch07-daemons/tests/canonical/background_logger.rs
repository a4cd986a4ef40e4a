use ch07_exercises::background_logger;

use background_logger::Logger;
use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// How long the slow sink takes over its first write: long enough that a
/// logger that does not wait for its writer thread is caught every time.
const SLOW_START: Duration = Duration::from_millis(300);

/// What a `Sink` has been given so far.
#[derive(Default)]
struct Received {
    text: Vec<u8>,
    flushed_after_last_write: bool,
    writing_threads: HashSet<ThreadId>,
}

/// A sink that keeps everything written to it where the test can see it,
/// and can be slow to start, like a disk waking up.
#[derive(Clone, Default)]
struct Sink {
    received: Arc<Mutex<Received>>,
    first_write_delay: Duration,
}

impl Sink {
    fn slow() -> Sink {
        Sink {
            first_write_delay: SLOW_START,
            ..Sink::default()
        }
    }

    fn lines(&self) -> Vec<String> {
        let received = self.received.lock().unwrap();
        String::from_utf8_lossy(&received.text)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let first = self.received.lock().unwrap().text.is_empty();
        if first {
            thread::sleep(self.first_write_delay);
        }
        let mut received = self.received.lock().unwrap();
        received.text.extend_from_slice(bytes);
        received.flushed_after_last_write = false;
        received.writing_threads.insert(thread::current().id());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.received.lock().unwrap().flushed_after_last_write = true;
        Ok(())
    }
}

/// A sink whose first write waits until the test lets it go: a disk that
/// has stalled.
struct GatedSink {
    inner: Sink,
    gate: Option<mpsc::Receiver<()>>,
}

impl Write for GatedSink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let Some(gate) = self.gate.take() {
            let _ = gate.recv(); // returns once the test drops `release`
        }
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn numbered(count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("message {n}")).collect()
}

/// Runs `stop` (a shutdown or a drop) on a thread of its own and fails the
/// test if it has not returned within 2 s, rather than hang.
fn stops_within_2_s(stop: impl FnOnce() + Send + 'static) {
    let (done_tx, done) = mpsc::channel();
    thread::spawn(move || {
        stop();
        let _ = done_tx.send(());
    });
    if done.recv_timeout(Duration::from_secs(2)).is_err() {
        panic!(
            "stopping the logger did not return within 2 s: is something waiting for the \
             other? The writer thread's loop ends only once the channel is closed, so close \
             it (drop the sender) before you join the thread"
        );
    }
}

#[test]
fn every_message_is_written_in_order_one_per_line() {
    let sink = Sink::default();
    let logger = Logger::start(sink.clone());
    for message in numbered(1000) {
        logger.log(message);
    }
    stops_within_2_s(move || logger.shutdown());
    assert_eq!(
        sink.lines(),
        numbered(1000),
        "the log must hold every message, in the order they were logged"
    );
}

#[test]
fn a_message_logged_after_a_quiet_spell_is_written_too() {
    let sink = Sink::default();
    let logger = Logger::start(sink.clone());
    logger.log("before the pause");
    // Long enough for the writer to write the first message and find the
    // channel empty.
    thread::sleep(Duration::from_millis(200));
    logger.log("after the pause");
    stops_within_2_s(move || logger.shutdown());
    assert_eq!(
        sink.lines(),
        ["before the pause", "after the pause"],
        "an empty channel does not mean no more messages are coming: the writer must wait \
         until the channel is closed"
    );
}

#[test]
fn an_empty_message_is_written_as_an_empty_line() {
    let sink = Sink::default();
    let logger = Logger::start(sink.clone());
    logger.log("one");
    logger.log("");
    logger.log("three");
    stops_within_2_s(move || logger.shutdown());
    let text: String = String::from_utf8_lossy(&sink.received.lock().unwrap().text).into_owned();
    assert_eq!(
        text, "one\n\nthree\n",
        "the messages \"one\", \"\" and \"three\" should be written as three lines, the second \
         empty: an empty message is a message like any other, not a sign to stop. Let the \
         closed channel tell the writer to stop"
    );
}

#[test]
fn shutdown_waits_until_a_slow_sink_has_every_message() {
    let sink = Sink::slow();
    let logger = Logger::start(sink.clone());
    for message in numbered(100) {
        logger.log(message);
    }
    stops_within_2_s(move || logger.shutdown());
    assert_eq!(
        sink.lines(),
        numbered(100),
        "shutdown returned before the sink had every message: join the writer thread, \
         after it has taken every message out of the channel"
    );
}

#[test]
fn dropping_the_logger_also_waits_for_every_message() {
    let sink = Sink::slow();
    let logger = Logger::start(sink.clone());
    for message in numbered(100) {
        logger.log(message);
    }
    stops_within_2_s(move || drop(logger));
    assert_eq!(
        sink.lines(),
        numbered(100),
        "a logger that was dropped, not shut down, lost messages: Drop must wait for the \
         writer thread too"
    );
}

#[test]
fn the_sink_is_flushed_before_shutdown_returns() {
    let sink = Sink::default();
    let logger = Logger::start(sink.clone());
    logger.log("the last word");
    stops_within_2_s(move || logger.shutdown());
    assert_eq!(sink.lines(), ["the last word"]);
    assert!(
        sink.received.lock().unwrap().flushed_after_last_write,
        "the sink was not flushed after the last write: a sink with a buffer of its own \
         would still hold the last messages"
    );
}

#[test]
fn messages_are_written_on_a_thread_of_its_own() {
    let sink = Sink::default();
    let logger = Logger::start(sink.clone());
    for message in numbered(10) {
        logger.log(message);
    }
    stops_within_2_s(move || logger.shutdown());
    let writers = sink.received.lock().unwrap().writing_threads.clone();
    assert_eq!(
        writers.len(),
        1,
        "every write should come from the one writer thread"
    );
    assert!(
        !writers.contains(&thread::current().id()),
        "the messages were written on the caller's thread: `log` must hand them to the \
         writer thread and return"
    );
}

#[test]
fn log_returns_while_the_sink_is_stalled() {
    // The sink's first write cannot finish until the test drops `release`;
    // ten calls to `log` must all return long before that.
    let sink = Sink::default();
    let (release, gate) = mpsc::channel::<()>();
    let logger = Logger::start(GatedSink {
        inner: sink.clone(),
        gate: Some(gate),
    });
    let (logged_tx, logged) = mpsc::channel();
    thread::spawn(move || {
        for message in numbered(10) {
            logger.log(message);
        }
        let _ = logged_tx.send(logger);
    });
    let Ok(logger) = logged.recv_timeout(Duration::from_secs(2)) else {
        panic!(
            "`log` did not return within 2 s while the sink was stalled on its first write: \
             `log` must only queue the message (an unbounded channel), never wait for the \
             writer or the sink"
        )
    };
    drop(release);
    stops_within_2_s(move || logger.shutdown());
    assert_eq!(sink.lines(), numbered(10));
}
