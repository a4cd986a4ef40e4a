//! The claims chapter 3 makes, checked two ways: by running the listings,
//! and by racing the chapter's counters and account right here, many times.
//!
//! A race is never asserted to happen: whether two threads collide on a
//! given run is up to the scheduler. What is asserted is what holds on every
//! run: the racy versions never count or pay out more than they should, and
//! the fixed versions are exact.

use ch03::Account;
use ch03::{compare_exchange_loop, count_with, fetch_add, load_then_store};
use listingkit::{number_after, output_of};
use std::sync::atomic::AtomicU64;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const THREADS: usize = 8;
const INCREMENTS: u64 = 10_000;
const REPETITIONS: usize = 20;

/// Runs `work` on a thread of its own and fails the test if it has not
/// finished within `deadline`, rather than hang the test run.
fn within<T: Send + 'static>(deadline: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    result
        .recv_timeout(deadline)
        .unwrap_or_else(|e| panic!("not finished within {deadline:?} ({e})"))
}

mod counters {
    use super::*;

    fn exact_every_time(add_one: fn(&AtomicU64)) {
        let counts = within(Duration::from_secs(10), move || {
            (0..REPETITIONS)
                .map(|_| count_with(THREADS, INCREMENTS, add_one))
                .collect::<Vec<_>>()
        });
        assert_eq!(
            counts,
            vec![THREADS as u64 * INCREMENTS; REPETITIONS],
            "{THREADS} threads x {INCREMENTS} increments, {REPETITIONS} times"
        );
    }

    #[test]
    fn fetch_add_is_exact_under_many_threads() {
        exact_every_time(fetch_add);
    }

    #[test]
    fn the_compare_exchange_loop_is_exact_under_many_threads() {
        exact_every_time(compare_exchange_loop);
    }

    #[test]
    fn load_then_store_can_lose_updates_but_never_invents_one() {
        let counts = within(Duration::from_secs(10), || {
            (0..REPETITIONS)
                .map(|_| count_with(THREADS, INCREMENTS, load_then_store))
                .collect::<Vec<_>>()
        });
        for count in counts {
            // Every store writes one more than some earlier count, so the
            // total can fall short of the exact one but never pass it.
            assert!(
                (1..=THREADS as u64 * INCREMENTS).contains(&count),
                "{count}"
            );
        }
    }

    #[test]
    fn one_thread_alone_loses_nothing_even_with_load_then_store() {
        // The bug needs a second thread: on one thread the steps cannot interleave.
        assert_eq!(count_with(1, INCREMENTS, load_then_store), INCREMENTS);
    }

    #[test]
    fn the_headline_reports_what_each_counter_lost() {
        let output = output_of("ch03", &[]);
        assert!(
            output.starts_with("8 threads each add 1 to one counter 100000 times: 800000 in all\n"),
            "{output}"
        );
        for (name, exact) in [
            ("load, then store", false),
            ("fetch_add", true),
            ("compare_exchange loop", true),
        ] {
            let line = output
                .lines()
                .find(|line| line.starts_with(name))
                .unwrap_or_else(|| panic!("no line for {name}:\n{output}"));
            let counted = number_after(line, "counted").expect(line);
            let lost = number_after(line, "lost").expect(line);
            assert_eq!(counted + lost, 800_000.0, "{line}");
            if exact {
                assert_eq!(lost, 0.0, "{line}");
            }
        }
    }
}

mod bank {
    use super::*;
    use std::sync::Arc;

    /// Has `customers` threads withdraw `amount` each from one account at
    /// once; returns how many were approved and the final balance.
    fn rush(withdraw: fn(&Account, i64) -> bool, opening: i64, amount: i64) -> (i64, i64) {
        let account = Arc::new(Account::new(opening));
        let customers: Vec<_> = (0..THREADS)
            .map(|_| {
                let account = Arc::clone(&account);
                thread::spawn(move || withdraw(&account, amount))
            })
            .collect();
        let approved = customers
            .into_iter()
            .map(|customer| customer.join().unwrap())
            .filter(|&approved| approved)
            .count() as i64;
        (approved, account.balance())
    }

    #[test]
    fn one_lock_around_check_and_act_never_overdraws() {
        let rushes = within(Duration::from_secs(10), || {
            (0..REPETITIONS)
                .map(|_| rush(Account::withdraw, 100, 30))
                .collect::<Vec<_>>()
        });
        for (approved, balance) in rushes {
            assert_eq!(
                (approved, balance),
                (3, 10),
                "8 customers withdrawing 30 from 100"
            );
        }
    }

    #[test]
    fn check_then_act_pays_out_exactly_what_it_approves() {
        let rushes = within(Duration::from_secs(10), || {
            (0..REPETITIONS)
                .map(|_| rush(Account::withdraw_check_then_act, 100, 30))
                .collect::<Vec<_>>()
        });
        for (approved, balance) in rushes {
            // The first check happens before any withdrawal, so it passes;
            // each approved withdrawal takes its money under the lock.
            assert!(approved >= 1, "{approved}");
            assert_eq!(balance, 100 - 30 * approved, "{approved} approved");
        }
    }

    #[test]
    fn the_listing_overdraws_only_with_check_then_act() {
        let output = output_of("overdraft", &[]);
        let racy = output
            .lines()
            .find(|l| l.starts_with("check, then act:"))
            .expect(&output);
        let locked = output
            .lines()
            .find(|l| l.starts_with("one lock around both:"))
            .expect(&output);
        assert!(
            locked.contains("1 of 8 withdrawals of 100 approved, paid out 100, overdrawn by 0"),
            "{locked}"
        );
        let approved = number_after(racy, ":").expect(racy);
        let paid = number_after(racy, "paid out").expect(racy);
        let overdrawn = number_after(racy, "overdrawn by").expect(racy);
        assert!((1.0..=8.0).contains(&approved), "{racy}");
        assert_eq!(paid, approved * 100.0, "{racy}");
        assert_eq!(overdrawn, paid - 100.0, "{racy}");
    }
}

mod interleavings {
    use super::*;

    #[test]
    fn only_the_two_orders_without_overlap_count_both_adds() {
        let output = output_of("interleavings", &[]);
        assert!(
            output.contains("load, then store: 2 of the 6 orders count both adds: AABB, BBAA\n"),
            "{output}"
        );
        let verdicts: Vec<&str> = output
            .lines()
            .filter(|l| l.starts_with("result:"))
            .collect();
        assert_eq!(
            verdicts,
            [
                "result: 2, both adds counted",
                "result: 1, one add lost",
                "result: 2, both adds counted"
            ],
            "{output}"
        );
        assert!(
            output.contains("compare_exchange(0, 1): Err(1)"),
            "B's exchange fails in the interleaved order:\n{output}"
        );
    }
}
