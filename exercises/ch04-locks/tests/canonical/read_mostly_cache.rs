use ch04_exercises::read_mostly_cache;

use read_mostly_cache::Cache;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self};
use std::thread;
use std::time::Duration;
use testkit::{Deadline, Meeting};

/// How long a test waits for the cache before it calls it deadlocked.
const DEADLINE: Duration = Duration::from_secs(3);

/// Runs `work` on a thread of its own and waits at most DEADLINE for it.
fn within<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    Deadline::new(DEADLINE)
        .if_late(
            "a deadlock? A thread that still holds a read guard and asks for the write lock \
             waits for itself for ever",
        )
        .run("the cache", work)
}

#[test]
fn a_miss_computes_and_caches_the_value() {
    let (first, second, looked) = within(|| {
        let cache = Cache::new();
        let first = cache.get_or_compute("tea", || 3);
        let second = cache.get_or_compute("tea", || panic!("`tea` is cached; no need to compute"));
        (first, second, cache.with_value(&"tea", |price| price * 10))
    });
    assert_eq!((first, second, looked), (3, 3, Some(30)));
}

#[test]
fn with_value_is_none_for_a_key_not_cached() {
    let cache: Cache<&str, u32> = Cache::new();
    assert_eq!(cache.with_value(&"tea", |price| *price), None);
}

#[test]
fn lookers_share_the_read_lock() {
    let cache = Cache::new();
    cache.get_or_compute("tea", || 3);
    // Each looker waits inside `look`, under the lock, until all three are
    // there: only possible if they all hold the lock at the same time.
    let meeting = Meeting::new(3, PATIENCE);
    thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| cache.with_value(&"tea", |_| meeting.arrive()));
        }
    });
    if let Err(arrived) = meeting.outcome() {
        panic!(
            "three lookers could not look at the same time (only {arrived} got in together): \
             take the read lock in `with_value`, which many threads can hold at once"
        );
    }
}

/// A value that counts how often it has been copied.
struct CountsCopies {
    price: u32,
    copies: Arc<AtomicUsize>,
}

impl Clone for CountsCopies {
    fn clone(&self) -> CountsCopies {
        self.copies.fetch_add(1, Ordering::SeqCst);
        CountsCopies {
            price: self.price,
            copies: Arc::clone(&self.copies),
        }
    }
}

#[test]
fn look_sees_the_cached_value_itself_under_the_read_lock() {
    let copies = Arc::new(AtomicUsize::new(0));
    let cache: Cache<&str, CountsCopies> = Cache::new();
    let _ = cache.get_or_compute("tea", || CountsCopies {
        price: 3,
        copies: Arc::clone(&copies),
    });
    let copies_before: usize = copies.load(Ordering::SeqCst);
    let looked: Option<u32> = cache.with_value(&"tea", |tea| tea.price * 10);
    let copies_made: usize = copies.load(Ordering::SeqCst) - copies_before;
    assert_eq!(looked, Some(30));
    assert_eq!(
        copies_made, 0,
        "with_value copied the cached value {copies_made} time(s): `look` is called on the \
         cached value itself, with the read guard alive, not on a copy taken out of the map \
         (after the guard is gone, a writer may already have changed the value)"
    );
}

#[test]
fn a_slow_computation_holds_up_no_reader() {
    let reader_got_through = within(|| {
        let cache = Cache::new();
        cache.get_or_compute("tea", || 3);
        let (started, computing) = mpsc::channel();
        let (read_done, reading) = mpsc::channel();
        let reader_got_through = AtomicBool::new(false);
        thread::scope(|s| {
            let (cache, reader_got_through) = (&cache, &reader_got_through);
            s.spawn(move || {
                cache.get_or_compute("coffee", || {
                    started.send(()).unwrap();
                    // A slow computation, which ends early once the reader is through.
                    if reading.recv_timeout(PATIENCE).is_ok() {
                        reader_got_through.store(true, Ordering::Relaxed);
                    }
                    4
                })
            });
            computing.recv().unwrap();
            assert_eq!(cache.with_value(&"tea", |price| *price), Some(3));
            let _ = read_done.send(());
        });
        assert_eq!(cache.with_value(&"coffee", |price| *price), Some(4));
        reader_got_through.load(Ordering::Relaxed)
    });
    assert!(
        reader_got_through,
        "reading `tea` had to wait until the computation of `coffee` was over: call `compute` \
         with no lock held"
    );
}

#[test]
fn two_threads_missing_the_same_key_agree_on_one_value() {
    let (results, cached, met) = within(|| {
        let cache = Cache::new();
        // Both computations wait for each other, so both threads have
        // missed `tea` before either caches a value.
        let meeting = Meeting::new(2, PATIENCE);
        let results = thread::scope(|s| {
            let computers: Vec<_> = [1, 2]
                .into_iter()
                .map(|value| {
                    let (cache, meeting) = (&cache, &meeting);
                    s.spawn(move || {
                        cache.get_or_compute("tea", || {
                            meeting.arrive();
                            value
                        })
                    })
                })
                .collect();
            computers
                .into_iter()
                .map(|c| c.join().unwrap())
                .collect::<Vec<u32>>()
        });
        let cached = cache.with_value(&"tea", |price| *price);
        (results, cached, meeting.outcome())
    });
    if let Err(arrived) = met {
        panic!(
            "two threads that both missed `tea` could not compute it at the same time (only \
             {arrived} computed): call `compute` with no lock held"
        );
    }
    let cached = cached.expect("`tea` is cached");
    assert_eq!(
        results,
        [cached, cached],
        "both threads must return the value that ended up in the cache: the first one \
         inserted wins (`entry(key).or_insert(value)`), the second is thrown away"
    );
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_millis(500);
