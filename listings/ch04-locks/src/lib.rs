//! The dining philosophers, shared by this chapter's deadlock listings.
//!
//! Five philosophers sit at a round table, with one fork between each pair
//! of neighbours. To eat, a philosopher needs both forks beside them. Each
//! fork is a `parking_lot::Mutex`, which can be waited for with a time limit.
//!
//! Here are the table, a dinner that runs one thread per philosopher, and
//! the four ways of picking up forks that the chapter compares: the one that
//! deadlocks and three that do not.

use parking_lot::{Mutex, MutexGuard};
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Barrier, Condvar};
use std::thread;
use std::time::{Duration, Instant};

/// How many philosophers, and so how many forks.
pub const PHILOSOPHERS: usize = 5;
/// How many meals each philosopher eats at a dinner.
pub const MEALS: u32 = 20;
/// How long a meal takes, holding both forks.
pub const EATING: Duration = Duration::from_millis(1);
/// The pause between picking up one fork and reaching for the other. It
/// gives every neighbour time to pick up a first fork too, which is what
/// makes a careless way of picking up forks deadlock.
pub const REACH: Duration = Duration::from_millis(1);

// ANCHOR: table
/// The table: a `Mutex` per fork, and philosophers who need two.
/// A fork counts how many meals it has been used for; only the philosopher
/// holding its guard can touch it.
pub type Fork = Mutex<u32>;

pub struct Table {
    forks: Vec<Fork>,
    meals_eaten: Vec<AtomicU32>,
}

/// The forks beside `philosopher`: fork `p` on the left, fork `p + 1` on
/// the right, and philosopher 4's right fork is fork 0.
pub fn forks_of(philosopher: usize) -> (usize, usize) {
    (philosopher, (philosopher + 1) % PHILOSOPHERS)
}

impl Table {
    pub fn new() -> Table {
        Table {
            forks: (0..PHILOSOPHERS).map(|_| Mutex::new(0)).collect(),
            meals_eaten: (0..PHILOSOPHERS).map(|_| AtomicU32::new(0)).collect(),
        }
    }

    pub fn fork(&self, number: usize) -> &Fork {
        &self.forks[number]
    }

    /// A meal. It takes two guards: nobody eats without holding two locked
    /// forks. Which two is up to the caller (see `forks_of`).
    pub fn eat(&self, philosopher: usize, one: &mut MutexGuard<u32>, other: &mut MutexGuard<u32>) {
        thread::sleep(EATING);
        **one += 1;
        **other += 1;
        self.meals_eaten[philosopher].fetch_add(1, Ordering::Relaxed);
    }
}
// ANCHOR_END: table

impl Default for Table {
    fn default() -> Table {
        Table::new()
    }
}

/// What a dinner came to.
#[derive(Debug)]
pub struct Dinner {
    /// Meals eaten, by philosopher.
    pub meals: Vec<u32>,
    /// Meals each fork was used for, by fork.
    pub fork_uses: Vec<u32>,
    pub elapsed: Duration,
}

// ANCHOR: dine
/// Seats the philosophers at a new table, one thread each, and has each of
/// them call `meal` MEALS times. `meal` is one meal: getting both forks,
/// eating, and putting the forks down.
pub fn dine(meal: impl Fn(usize, &Table) + Sync) -> Dinner {
    let table = Table::new();
    let start = Instant::now();
    thread::scope(|s| {
        for philosopher in 0..PHILOSOPHERS {
            let (table, meal) = (&table, &meal);
            s.spawn(move || {
                for _ in 0..MEALS {
                    meal(philosopher, table);
                }
            });
        }
    });
    Dinner {
        elapsed: start.elapsed(),
        meals: table
            .meals_eaten
            .iter()
            .map(|m| m.load(Ordering::Relaxed))
            .collect(),
        fork_uses: table.forks.iter().map(|fork| *fork.lock()).collect(),
    }
}
// ANCHOR_END: dine

// ANCHOR: left_then_right
/// A philosopher who gave up waiting: the fork in hand, the fork waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stuck {
    pub philosopher: usize,
    pub holds: usize,
    pub waits_for: usize,
}

/// Every philosopher picks up the left fork and then the right one, waiting
/// at most `patience` for the right one. To make the deadlock certain
/// rather than likely, they all wait at a barrier, left fork in hand, before
/// anyone reaches for a right fork. Returns who gave up, and holding what.
pub fn left_then_right(patience: Duration) -> Vec<Stuck> {
    let table = Table::new();
    let all_holding_left = Barrier::new(PHILOSOPHERS);
    let all_done_waiting = Barrier::new(PHILOSOPHERS);
    thread::scope(|s| {
        let philosophers: Vec<_> = (0..PHILOSOPHERS)
            .map(|philosopher| {
                let (table, all_holding_left, all_done_waiting) =
                    (&table, &all_holding_left, &all_done_waiting);
                s.spawn(move || {
                    let (left, right) = forks_of(philosopher);
                    let mut left_fork = table.fork(left).lock();
                    all_holding_left.wait();
                    let outcome = match table.fork(right).try_lock_for(patience) {
                        Some(mut right_fork) => {
                            table.eat(philosopher, &mut left_fork, &mut right_fork);
                            None
                        }
                        None => Some(Stuck {
                            philosopher,
                            holds: left,
                            waits_for: right,
                        }),
                    };
                    // Nobody puts a fork down before everyone has stopped
                    // waiting, or a neighbour could grab it and eat.
                    all_done_waiting.wait();
                    outcome
                })
            })
            .collect();
        philosophers
            .into_iter()
            .filter_map(|p| p.join().expect("a philosopher panicked"))
            .collect()
    })
}
// ANCHOR_END: left_then_right

// ANCHOR: lower_fork_first
/// Fix 1, lock ordering: the lower-numbered of your two forks first.
/// Philosopher 4 takes fork 0 before fork 4, so nobody can hold one fork
/// while waiting in a circle.
pub fn lower_fork_first(philosopher: usize, table: &Table) {
    let (left, right) = forks_of(philosopher);
    let mut first = table.fork(left.min(right)).lock();
    thread::sleep(REACH);
    let mut second = table.fork(left.max(right)).lock();
    table.eat(philosopher, &mut first, &mut second);
}
// ANCHOR_END: lower_fork_first

// ANCHOR: back_off
/// Fix 2, back off: pick up the left fork, then only *try* the right one.
/// If it is taken, put the left one back, pause for a random moment, and
/// start again. Counts the times it put a fork back in `put_back`.
pub fn back_off(philosopher: usize, table: &Table, put_back: &AtomicU32) {
    let (left, right) = forks_of(philosopher);
    loop {
        let mut first = table.fork(left).lock();
        thread::sleep(REACH);
        if let Some(mut second) = table.fork(right).try_lock() {
            table.eat(philosopher, &mut first, &mut second);
            return;
        }
        drop(first);
        put_back.fetch_add(1, Ordering::Relaxed);
        thread::sleep(random_pause());
    }
}

/// Between 0.1 and 2 ms. std has no random number generator, but each
/// `RandomState` it makes for hash maps is seeded with random keys.
fn random_pause() -> Duration {
    let random = RandomState::new().hash_one(thread::current().id());
    Duration::from_micros(100 + random % 1900)
}
// ANCHOR_END: back_off

// ANCHOR: waiter
/// Fix 3, a waiter: a counting semaphore made of a Mutex and a Condvar.
/// At most `seats` philosophers may be at the table at once.
pub struct Waiter {
    seats: std::sync::Mutex<Seats>,
    seat_freed: Condvar,
}

struct Seats {
    free: usize,
    taken: usize,
    most_taken: usize,
}

/// A seat at the table. Like a guard, it is given back when dropped.
pub struct Seat<'w> {
    waiter: &'w Waiter,
}

impl Waiter {
    pub fn new(seats: usize) -> Waiter {
        let seats = Seats {
            free: seats,
            taken: 0,
            most_taken: 0,
        };
        Waiter {
            seats: std::sync::Mutex::new(seats),
            seat_freed: Condvar::new(),
        }
    }

    /// Waits until a seat is free, and takes it.
    pub fn seat(&self) -> Seat<'_> {
        let seats = self.seats.lock().unwrap();
        let mut seats = self
            .seat_freed
            .wait_while(seats, |seats| seats.free == 0)
            .unwrap();
        seats.free -= 1;
        seats.taken += 1;
        seats.most_taken = seats.most_taken.max(seats.taken);
        Seat { waiter: self }
    }

    /// The most seats that were ever taken at the same time.
    pub fn most_seated(&self) -> usize {
        self.seats.lock().unwrap().most_taken
    }
}

impl Drop for Seat<'_> {
    fn drop(&mut self) {
        let mut seats = self.waiter.seats.lock().unwrap();
        seats.free += 1;
        seats.taken -= 1;
        self.waiter.seat_freed.notify_one();
    }
}

/// With a seat, a philosopher may take the forks left first, the very way
/// that deadlocks: with one chair empty, some philosopher gets both forks.
pub fn with_a_waiter(philosopher: usize, table: &Table, waiter: &Waiter) {
    let _seat = waiter.seat();
    let (left, right) = forks_of(philosopher);
    let mut first = table.fork(left).lock();
    thread::sleep(REACH);
    let mut second = table.fork(right).lock();
    table.eat(philosopher, &mut first, &mut second);
    // The forks go down first, then the seat: locals drop in reverse order.
}
// ANCHOR_END: waiter
