use ch11_exercises::first_reply;

use first_reply::{NoReply, first_reply};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use testkit::ms;
use tokio::time::{self, Instant};

/// Runs `test` on a current-thread runtime whose clock is paused: time
/// moves only when every task waits, and then straight to the next timer,
/// so the times measured below are exact on a busy machine too. A test that
/// waits for something that never comes fails after 60 s of that clock,
/// which take no real time at all.
fn on_paused_clock(test: impl Future<Output = ()>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("cannot build a runtime");
    runtime.block_on(async {
        time::timeout(Duration::from_secs(60), test)
            .await
            .expect("still waiting after 60 s of the paused clock: is something waiting for ever?");
    });
}

type Reply = Result<&'static str, &'static str>;
type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// What became of the replicas: which ran to their end, and how many were
/// dropped (finished or cancelled, their state is gone either way).
#[derive(Default)]
struct Log {
    finished: Vec<&'static str>,
    dropped: usize,
}

type Shared = Arc<Mutex<Log>>;

/// Counts the replica as dropped when its future is dropped.
struct DropGuard(Shared);

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Ok(mut log) = self.0.lock() {
            log.dropped += 1;
        }
    }
}

/// A replica that takes `millis` to give `reply`.
fn replica(log: &Shared, millis: u64, reply: Reply) -> Replica {
    let log = Arc::clone(log);
    Box::pin(async move {
        let _guard = DropGuard(Arc::clone(&log));
        time::sleep(ms(millis)).await;
        let name = match reply {
            Ok(name) | Err(name) => name,
        };
        log.lock().unwrap().finished.push(name);
        reply
    })
}

fn new_log() -> Shared {
    Arc::new(Mutex::new(Log::default()))
}

#[test]
fn the_first_good_reply_wins() {
    on_paused_clock(async {
        let log = new_log();
        let replicas = vec![
            replica(&log, 300, Ok("slow")),
            replica(&log, 100, Ok("fast")),
            replica(&log, 200, Ok("middle")),
        ];
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(1000)).await;
        assert_eq!(reply, Ok("fast"));
    });
}

#[test]
fn returns_as_soon_as_a_good_reply_arrives() {
    on_paused_clock(async {
        let log = new_log();
        let replicas = vec![
            replica(&log, 100, Ok("fast")),
            replica(&log, 5000, Ok("stuck")),
        ];
        let start = Instant::now();
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(10_000)).await;
        let took = start.elapsed();
        assert_eq!(reply, Ok("fast"));
        assert!(
            took < ms(150),
            "took {took:?}: the good reply came after 100 ms; do not wait for the others"
        );
    });
}

#[test]
fn a_failure_does_not_end_the_race() {
    on_paused_clock(async {
        let log = new_log();
        let replicas = vec![
            replica(&log, 20, Err("broken")),
            replica(&log, 100, Ok("good")),
        ];
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(1000)).await;
        assert_eq!(reply, Ok("good"));
    });
}

#[test]
fn all_failed_comes_as_soon_as_the_last_one_fails() {
    on_paused_clock(async {
        let log = new_log();
        let replicas = vec![
            replica(&log, 80, Err("second")),
            replica(&log, 50, Err("first")),
        ];
        let start = Instant::now();
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(1000)).await;
        let took = start.elapsed();
        assert_eq!(reply, Err(NoReply::AllFailed));
        assert!(
            took < ms(130),
            "took {took:?}: both had failed after 80 ms, so nothing more could come"
        );
        let start = Instant::now();
        let none: Vec<Replica> = Vec::new();
        let reply: Result<&str, NoReply> = first_reply(none, ms(1000)).await;
        assert_eq!(reply, Err(NoReply::AllFailed), "with no replica at all");
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "with no replica there is nothing to wait for"
        );
    });
}

#[test]
fn the_deadline_covers_the_whole_race() {
    on_paused_clock(async {
        // A failure every 100 ms, each well within the budget of the one
        // before, and a good reply after the budget has run out.
        let log = new_log();
        let replicas = vec![
            replica(&log, 100, Err("first")),
            replica(&log, 200, Err("second")),
            replica(&log, 300, Err("third")),
            replica(&log, 400, Ok("late")),
        ];
        let start = Instant::now();
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(250)).await;
        let took = start.elapsed();
        assert_eq!(
            reply,
            Err(NoReply::TimedOut),
            "the budget of 250 ms counts from the call, not from the last reply"
        );
        assert!(
            took >= ms(250) && took < ms(300),
            "took {took:?} with a budget of 250 ms"
        );
    });
}

#[test]
fn the_losers_are_cancelled() {
    on_paused_clock(async {
        let log = new_log();
        let replicas = vec![
            replica(&log, 100, Ok("fast")),
            replica(&log, 300, Ok("slower")),
            replica(&log, 500, Err("slowest")),
        ];
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(1000)).await;
        assert_eq!(reply, Ok("fast"));
        // Give a loser left running every chance to finish.
        time::sleep(ms(2000)).await;
        let log = log.lock().unwrap();
        assert_eq!(
            log.finished,
            vec!["fast"],
            "which replicas ran to their end: the losers must be cancelled, \
             and dropping a JoinHandle does not cancel a task"
        );
        assert_eq!(log.dropped, 3, "replicas dropped, finished or cancelled");
    });
}

#[test]
fn a_timeout_cancels_every_replica() {
    on_paused_clock(async {
        let log = new_log();
        let replicas = vec![
            replica(&log, 500, Ok("late")),
            replica(&log, 600, Ok("later")),
        ];
        let reply: Result<&str, NoReply> = first_reply(replicas, ms(200)).await;
        assert_eq!(reply, Err(NoReply::TimedOut));
        time::sleep(ms(2000)).await;
        let log = log.lock().unwrap();
        assert!(
            log.finished.is_empty(),
            "{:?} ran to their end after the timeout: cancel every replica when time is up",
            log.finished
        );
        assert_eq!(log.dropped, 2, "replicas dropped after the timeout");
    });
}
