use ch10_exercises::price_board;

use price_board::Board;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// How long a test waits for a thread before it calls it stuck.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a reader inside `read` waits for the other one to come in too.
const PATIENCE: Duration = Duration::from_secs(1);

fn price(board: &Board, item: &str) -> Option<u32> {
    let price: Option<u32> = board.read(|prices| prices.get(item).copied());
    price
}

/// Waits for `result` with a deadline, so that a stuck thread fails the test.
fn within<T>(result: &mpsc::Receiver<T>, what: &str) -> T {
    match result.recv_timeout(DEADLINE) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("{what} did not finish within {DEADLINE:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

#[test]
fn a_board_can_be_handed_to_threads() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    shareable::<Board>();
}

#[test]
fn a_price_that_was_set_can_be_read() {
    let board = Board::new();
    assert_eq!(price(&board, "tea"), None);
    board.set("tea", 250);
    board.set("cake", 400);
    board.set("tea", 275);
    assert_eq!(
        price(&board, "tea"),
        Some(275),
        "a price set again replaces the old one"
    );
    let items: usize = board.read(|prices| prices.len());
    assert_eq!(items, 2);
}

#[test]
fn a_price_set_on_another_thread_is_seen_by_every_clone() {
    let board = Board::new();
    let (done, finished) = mpsc::channel();
    let writer = board.clone();
    thread::spawn(move || {
        writer.set("coffee", 300);
        let _ = done.send(());
    });
    within(&finished, "the writing thread");
    assert_eq!(price(&board, "coffee"), Some(300));
    assert_eq!(price(&board.clone(), "coffee"), Some(300));
}

#[test]
fn two_readers_can_be_inside_read_at_the_same_time() {
    let board = Board::new();
    board.set("tea", 250);
    let inside = std::sync::Arc::new(AtomicUsize::new(0));
    let (report, reports) = mpsc::channel();
    for _ in 0..2 {
        let (board, inside, report) = (board.clone(), inside.clone(), report.clone());
        thread::spawn(move || {
            // Inside `read`, wait until the other reader is inside too.
            let met: bool = board.read(|prices| {
                assert_eq!(prices.get("tea"), Some(&250));
                inside.fetch_add(1, Ordering::SeqCst);
                let since = Instant::now();
                while inside.load(Ordering::SeqCst) < 2 {
                    if since.elapsed() > PATIENCE {
                        return false;
                    }
                    thread::sleep(Duration::from_millis(1));
                }
                true
            });
            let _ = report.send(met);
        });
    }
    let first: bool = within(&reports, "a reader");
    let second: bool = within(&reports, "a reader");
    assert!(
        first && second,
        "a reader waited {PATIENCE:?} inside `read` and the other never came in: \
         readers take turns instead of sharing the board"
    );
}

#[test]
fn two_boards_keep_separate_prices() {
    // Two boards made with `new`, not clones: they share nothing.
    let first = Board::new();
    let second = Board::new();
    first.set("scone", 180);
    second.set("scone", 210);
    assert_eq!(
        (price(&first, "scone"), price(&second, "scone")),
        (Some(180), Some(210)),
        "two boards made with `new` share their prices: each `new` must make prices of its \
         own, not hand out one map shared by all (a `static`)"
    );
}
