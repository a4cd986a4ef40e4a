use ch04_exercises::once;

use once::Once;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;

/// How long a test waits for `get_or_init` before it calls it deadlocked.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long the first `init` waits for a second one to start.
const PATIENCE: Duration = Duration::from_millis(500);

fn within<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    testkit::within(DEADLINE, "get_or_init", work)
}

#[test]
fn nothing_is_kept_before_the_first_call() {
    let once: Once<String> = Once::new();
    assert_eq!(once.get(), None);
}

#[test]
fn the_first_call_runs_init_and_every_call_gets_its_value() {
    let once = Once::new();
    let inits = AtomicU32::new(0);
    let make = |value: &'static str| {
        let inits = &inits;
        move || {
            inits.fetch_add(1, Ordering::Relaxed);
            value
        }
    };
    let first: &str = once.get_or_init(make("first"));
    let second: &str = once.get_or_init(make("second"));
    let kept: Option<&str> = once.get();
    assert_eq!(first, "first");
    assert_eq!(second, "first");
    assert_eq!(kept, Some("first"));
    assert_eq!(inits.load(Ordering::Relaxed), 1, "init must run once");
}

#[test]
fn a_caller_arriving_during_init_waits_for_its_value() {
    let (results, inits) = within(|| {
        let once = Once::new();
        let inits = AtomicU32::new(0);
        let (init_started, first_is_running) = mpsc::channel();
        let (second_init_ran, second_init) = mpsc::channel();
        let results = thread::scope(|s| {
            let (once, inits) = (&once, &inits);
            let first = s.spawn(move || {
                once.get_or_init(|| {
                    inits.fetch_add(1, Ordering::Relaxed);
                    init_started.send(()).unwrap();
                    // A slow init: it gives a second init, if one starts,
                    // the time to do so.
                    let _ = second_init.recv_timeout(PATIENCE);
                    "made by the first caller"
                })
            });
            first_is_running.recv().unwrap();
            let second = s.spawn(move || {
                once.get_or_init(|| {
                    inits.fetch_add(1, Ordering::Relaxed);
                    let _ = second_init_ran.send(());
                    "made by the second caller"
                })
            });
            [first.join().unwrap(), second.join().unwrap()]
        });
        (results, inits.into_inner())
    });
    assert_eq!(
        inits, 1,
        "a second caller ran init while the first init was still running: hold the lock \
         from the check until the value is kept, so that the second caller waits"
    );
    assert_eq!(results, ["made by the first caller"; 2]);
}

#[test]
fn many_threads_at_once_share_one_value() {
    let (results, inits) = within(|| {
        let once = Once::new();
        let inits = AtomicU32::new(0);
        let start_line = Barrier::new(8);
        let results: Vec<usize> = thread::scope(|s| {
            let callers: Vec<_> = (0..8)
                .map(|caller| {
                    let (once, inits, start_line) = (&once, &inits, &start_line);
                    s.spawn(move || {
                        start_line.wait();
                        once.get_or_init(|| {
                            inits.fetch_add(1, Ordering::Relaxed);
                            thread::sleep(Duration::from_millis(20));
                            caller
                        })
                    })
                })
                .collect();
            callers.into_iter().map(|c| c.join().unwrap()).collect()
        });
        (results, inits.into_inner())
    });
    assert_eq!(inits, 1, "init must run once");
    assert!(
        results.iter().all(|r| *r == results[0]),
        "every caller must get the same value: {results:?}"
    );
}

#[test]
fn a_panicking_init_keeps_nothing_and_the_next_call_tries_again() {
    let once: Once<u32> = Once::new();
    let failed = panic::catch_unwind(AssertUnwindSafe(|| {
        once.get_or_init(|| panic!("the settings file is missing"))
    }));
    assert!(failed.is_err(), "the panic of init must reach the caller");
    let after = panic::catch_unwind(AssertUnwindSafe(|| {
        (once.get(), once.get_or_init(|| 5), once.get())
    }));
    match after {
        Ok(values) => assert_eq!(values, (None, 5, Some(5))),
        Err(_) => panic!(
            "after an init panicked, the next call panicked too: the panic poisoned the \
             mutex, and `lock().unwrap()` turns that into a panic. The slot is still sound \
             (empty), so recover the guard with `unwrap_or_else(PoisonError::into_inner)`"
        ),
    }
}

#[test]
fn two_onces_keep_their_own_values() {
    let (settings, table): (Once<&str>, Once<&str>) = (Once::new(), Once::new());
    let first: &str = settings.get_or_init(|| "settings");
    let second: &str = table.get_or_init(|| "table");
    assert_eq!(
        (first, second),
        ("settings", "table"),
        "each Once keeps its own value"
    );
    let kept: (Option<&str>, Option<&str>) = (settings.get(), table.get());
    assert_eq!(kept, (Some("settings"), Some("table")));
}

#[test]
fn an_init_may_use_another_once() {
    // The table is built from the settings, which are made once too: the
    // table's init asks the settings' Once while the table's is running.
    let values = within(|| {
        let settings: Once<u32> = Once::new();
        let table: Once<u32> = Once::new();
        let built = table.get_or_init(|| settings.get_or_init(|| 20) + 1);
        (built, settings.get(), table.get())
    });
    let values: (u32, Option<u32>, Option<u32>) = values;
    assert_eq!(
        values,
        (21, Some(20), Some(21)),
        "an init that uses another Once must work: lock only this Once's own slot"
    );
}

/// A kept value that is slow to copy: the first clone after the test arms
/// it says so, then takes `PATIENCE`, all the while inside the `get` that
/// holds the lock.
#[derive(Debug)]
struct SlowToCopy {
    value: u32,
    announce_next_clone: Arc<Mutex<Option<mpsc::Sender<()>>>>,
}

impl Clone for SlowToCopy {
    fn clone(&self) -> SlowToCopy {
        let announce = self.announce_next_clone.lock().unwrap().take();
        if let Some(cloning) = announce {
            let _ = cloning.send(());
            thread::sleep(PATIENCE);
        }
        SlowToCopy {
            value: self.value,
            announce_next_clone: Arc::clone(&self.announce_next_clone),
        }
    }
}

#[test]
fn get_waits_for_the_lock_rather_than_report_nothing() {
    let found: Option<u32> = within(|| {
        let announce = Arc::new(Mutex::new(None));
        let once: Arc<Once<SlowToCopy>> = Arc::new(Once::new());
        let _ = once.get_or_init(|| SlowToCopy {
            value: 7,
            announce_next_clone: Arc::clone(&announce),
        });
        let (cloning, first_get_is_copying) = mpsc::channel();
        *announce.lock().unwrap() = Some(cloning);
        let first = {
            let once = Arc::clone(&once);
            thread::spawn(move || once.get().map(|kept| kept.value))
        };
        // The first get holds the lock while it copies, for PATIENCE.
        first_get_is_copying.recv().unwrap();
        let second: Option<u32> = once.get().map(|kept| kept.value);
        let _ = first.join();
        second
    });
    assert_eq!(
        found,
        Some(7),
        "a value is kept, but `get` returned {found:?} while another thread's `get` held the \
         lock: `get` waits for the lock (`lock`, not `try_lock`) and returns the kept value"
    );
}
