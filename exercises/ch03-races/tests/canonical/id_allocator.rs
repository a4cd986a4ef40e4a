use ch03_exercises::id_allocator;

use id_allocator::{Counter, IdAllocator};
use std::cell::{Cell, RefCell};
use std::thread;

#[test]
fn hands_out_ids_in_order_from_the_first() {
    let ids = IdAllocator::starting_at(1);
    let first_three: [u64; 3] = [ids.allocate(), ids.allocate(), ids.allocate()];
    assert_eq!(first_three, [1, 2, 3], "an allocator starting at 1");
    let ids = IdAllocator::starting_at(500);
    let first: u64 = ids.allocate();
    assert_eq!(first, 500, "an allocator starting at 500");
}

/// A counter that lets another thread take an ID just before and just
/// after the first `load` of the `allocate` under test: where a racing
/// thread can get in between a read and a write. All of it happens on the
/// test's thread, in this order, every time. A solution that keeps
/// retrying with a value the counter no longer holds fails after 1000
/// operations instead of looping forever.
struct Interrupting {
    value: Cell<u64>,
    interrupted: Cell<bool>,
    taken_by_the_other_thread: RefCell<Vec<u64>>,
    operations: Cell<u32>,
}

impl Interrupting {
    fn starting_at(first: u64) -> Interrupting {
        Interrupting {
            value: Cell::new(first),
            interrupted: Cell::new(false),
            taken_by_the_other_thread: RefCell::new(Vec::new()),
            operations: Cell::new(0),
        }
    }

    fn count_an_operation(&self) {
        self.operations.set(self.operations.get() + 1);
        assert!(
            self.operations.get() < 1_000,
            "allocate used the counter 1000 times without finishing: after a failed \
             compare_exchange, does your loop try again with the value it returned?"
        );
    }

    /// What a correct allocation on another thread does, in one step.
    fn other_thread_takes_an_id(&self) {
        let id = self.value.get();
        self.value.set(id + 1);
        self.taken_by_the_other_thread.borrow_mut().push(id);
    }
}

impl Counter for Interrupting {
    fn load(&self) -> u64 {
        self.count_an_operation();
        if self.interrupted.replace(true) {
            return self.value.get();
        }
        self.other_thread_takes_an_id();
        let value = self.value.get();
        self.other_thread_takes_an_id();
        value
    }
    fn store(&self, value: u64) {
        self.count_an_operation();
        self.value.set(value);
    }
    fn fetch_add(&self, value: u64) -> u64 {
        self.count_an_operation();
        let before = self.value.get();
        self.value.set(before + value);
        before
    }
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64> {
        self.count_an_operation();
        let value = self.value.get();
        if value == current {
            self.value.set(new);
            Ok(value)
        } else {
            Err(value)
        }
    }
}

#[test]
fn an_id_another_thread_takes_meanwhile_is_not_handed_out_again() {
    let ids = IdAllocator {
        next: Interrupting::starting_at(1),
    };
    let mine: u64 = ids.allocate();
    let theirs: Vec<u64> = ids.next.taken_by_the_other_thread.take();
    assert!(
        !theirs.contains(&mine),
        "your allocate returned {mine}, but while it ran another thread took the IDs {theirs:?}: \
         two orders now share ID {mine}. Between a `load` and a later `store`, another thread can \
         take an ID, and the store writes over its update. Read and move the counter in one step"
    );
    let next: u64 = ids.allocate();
    assert!(
        next != mine && !theirs.contains(&next),
        "the allocation after yours returned {next} again (yours: {mine}, the other thread's: \
         {theirs:?})"
    );
}

/// A counter that lets another thread take an ID right after the
/// operations numbered in `after` (counting every operation, from 1): a
/// racing thread that gets in after any step of `allocate`, not only around
/// its first `load`. All of it happens on the test's thread, in this order,
/// every time.
struct InterruptedAfter {
    value: Cell<u64>,
    after: Vec<u32>,
    operations: Cell<u32>,
    taken_by_the_other_thread: RefCell<Vec<u64>>,
}

impl InterruptedAfter {
    fn starting_at(first: u64, after: Vec<u32>) -> InterruptedAfter {
        InterruptedAfter {
            value: Cell::new(first),
            after,
            operations: Cell::new(0),
            taken_by_the_other_thread: RefCell::new(Vec::new()),
        }
    }

    /// Counts the operation just done, and lets the other thread in if it
    /// is one of `after`.
    fn done_an_operation(&self) {
        let done = self.operations.get() + 1;
        self.operations.set(done);
        assert!(
            done < 1_000,
            "allocate used the counter 1000 times without finishing: after a failed \
             compare_exchange, does your loop try again with the value it returned?"
        );
        if self.after.contains(&done) {
            let id = self.value.get();
            self.value.set(id + 1);
            self.taken_by_the_other_thread.borrow_mut().push(id);
        }
    }
}

impl Counter for InterruptedAfter {
    fn load(&self) -> u64 {
        let value = self.value.get();
        self.done_an_operation();
        value
    }
    fn store(&self, value: u64) {
        self.value.set(value);
        self.done_an_operation();
    }
    fn fetch_add(&self, value: u64) -> u64 {
        let before = self.value.get();
        self.value.set(before + value);
        self.done_an_operation();
        before
    }
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64> {
        let value = self.value.get();
        let outcome = if value == current {
            self.value.set(new);
            Ok(value)
        } else {
            Err(value)
        };
        self.done_an_operation();
        outcome
    }
}

#[test]
fn an_id_another_thread_takes_after_any_step_is_not_handed_out_again() {
    // Another thread takes an ID after one of the first eight operations of
    // `allocate`, or after two of them in turn.
    let mut plans: Vec<Vec<u32>> = (1..=8).map(|step| vec![step]).collect();
    for first in 1..=8 {
        for second in first + 1..=8 {
            plans.push(vec![first, second]);
        }
    }
    for after in plans {
        let ids = IdAllocator {
            next: InterruptedAfter::starting_at(1, after.clone()),
        };
        let mine: u64 = ids.allocate();
        let theirs: Vec<u64> = ids.next.taken_by_the_other_thread.take();
        assert!(
            !theirs.contains(&mine),
            "another thread took the IDs {theirs:?}, right after operation(s) {after:?} of your \
             allocate on the counter, and your allocate returned {mine} too: two orders share \
             it. An ID is yours only if the step that moved the counter past it told you so: \
             the value `fetch_add` returns, or the `current` of a `compare_exchange` that \
             succeeded, not a value read again afterwards"
        );
        let next: u64 = ids.allocate();
        assert!(
            next != mine && !theirs.contains(&next),
            "with another thread taking IDs after operation(s) {after:?}, the allocation after \
             yours returned {next} again (yours: {mine}, the other thread's: {theirs:?})"
        );
    }
}

#[test]
fn two_allocators_count_separately() {
    let orders = IdAllocator::starting_at(1);
    let invoices = IdAllocator::starting_at(1);
    let ids: [u64; 4] = [
        orders.allocate(),
        invoices.allocate(),
        orders.allocate(),
        invoices.allocate(),
    ];
    assert_eq!(
        ids,
        [1, 1, 2, 2],
        "two allocators, each starting at 1, were asked in turn (orders, invoices, orders, \
         invoices): each has a counter of its own, `self.next`, and no other"
    );
}

#[test]
fn eight_threads_at_once_get_different_ids_with_no_gaps() {
    const THREADS: u64 = 8;
    const EACH: u64 = 1_000;
    let ids = IdAllocator::starting_at(1);
    let mut handed_out: Vec<u64> = thread::scope(|s| {
        let allocators: Vec<_> = (0..THREADS)
            .map(|_| s.spawn(|| (0..EACH).map(|_| ids.allocate()).collect::<Vec<_>>()))
            .collect();
        allocators
            .into_iter()
            .flat_map(|allocator| allocator.join().unwrap())
            .collect()
    });
    handed_out.sort_unstable();
    let expected: Vec<u64> = (1..=THREADS * EACH).collect();
    assert!(
        handed_out == expected,
        "{THREADS} threads x {EACH} IDs from 1 should be exactly 1..={}, each once",
        THREADS * EACH
    );
}
