//! The claims the chapter makes about each listing before the dining
//! philosophers, checked by running the listing and, where it is natural,
//! by trying the idea right here in the test. Anything that could block for
//! good runs on a thread of its own and is waited for with a deadline.

use listingkit::{number_after, output_of, run_listing};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Barrier, Condvar, Mutex, RwLock, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `work` on a thread and waits at most `deadline` for its result.
fn within<T: Send + 'static>(deadline: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    match result.recv_timeout(deadline) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("did not finish within {deadline:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("the work panicked"),
    }
}

const DEADLINE: Duration = Duration::from_secs(5);

mod mutex_guard {
    use super::*;

    #[test]
    fn the_guard_keeps_others_out_until_it_is_dropped() {
        let output = output_of("mutex_guard", &[]);
        let expected = "main holds the guard; the shelf has 3 books\n\
                        another thread's try_lock: WouldBlock: someone else holds the guard\n\
                        main dropped the guard\n\
                        another thread's try_lock: Ok: it got a guard of its own\n\
                        3 books, sorted: [\"Dune\", \"Emma\", \"Walden\"]\n";
        assert_eq!(output, expected);
    }

    #[test]
    fn dropping_the_guard_unlocks_the_mutex() {
        let shelf = Mutex::new(vec!["Emma"]);
        let guard = shelf.lock().unwrap();
        assert!(matches!(shelf.try_lock(), Err(TryLockError::WouldBlock)));
        drop(guard);
        assert!(shelf.try_lock().is_ok());
        // A temporary guard is gone at the end of its statement.
        shelf.lock().unwrap().push("Dune");
        assert!(shelf.try_lock().is_ok());
    }
}

mod lock_scope {
    use super::*;

    #[test]
    fn holding_the_guard_while_fetching_makes_the_fetches_take_turns() {
        let output = output_of("lock_scope", &[]);
        let holding = number_after(&output, "guard held while fetching: 4 pages in").unwrap();
        let brief = number_after(&output, "guard held only to push: 4 pages in").unwrap();
        // Four fetches of 0.1 s under one lock cannot take less than 0.4 s.
        assert!(holding >= 0.4, "{output}");
        // Side by side they take about 0.1 s; 0.25 s leaves room for a busy machine.
        assert!(brief < 0.25, "{output}");
        assert_eq!(number_after(&output, "pages filed:"), Some(4.0), "{output}");
    }
}

mod printing {
    use super::*;

    /// The lines of a printing listing as (worker, step), checking that
    /// every line is whole and that each worker's steps come in order.
    fn lines_of(output: &str) -> Vec<(u32, u32)> {
        let lines: Vec<(u32, u32)> = output
            .lines()
            .map(|line| {
                let parsed = line
                    .strip_prefix("worker ")
                    .and_then(|rest| rest.strip_suffix(" of 3"))
                    .and_then(|rest| rest.split_once(": step "))
                    .and_then(|(worker, step)| Some((worker.parse().ok()?, step.parse().ok()?)));
                parsed.unwrap_or_else(|| panic!("a torn line: {line:?} in\n{output}"))
            })
            .collect();
        assert_eq!(lines.len(), 9, "{output}");
        for worker in 1..=3 {
            let steps: Vec<u32> = lines
                .iter()
                .filter(|(w, _)| *w == worker)
                .map(|(_, step)| *step)
                .collect();
            assert_eq!(steps, [1, 2, 3], "worker {worker}:\n{output}");
        }
        lines
    }

    #[test]
    fn with_one_lock_around_the_loop_each_workers_lines_stay_together() {
        for _ in 0..5 {
            let output = output_of("print_whole_loop", &[]);
            let lines = lines_of(&output);
            for block in lines.chunks(3) {
                assert!(
                    block.iter().all(|(worker, _)| *worker == block[0].0),
                    "a worker's three lines were split:\n{output}"
                );
            }
        }
    }

    #[test]
    fn with_one_lock_per_line_no_line_is_torn() {
        for _ in 0..5 {
            lines_of(&output_of("print_per_line", &[]));
        }
    }
}

mod poisoning {
    use super::*;

    #[test]
    fn lock_returns_err_and_into_inner_recovers_the_half_done_move() {
        let output = output_of("poisoning", &[]);
        for line in [
            "thread 'mover' panicked: cannot read the crate label",
            "is_poisoned: true",
            "lock() returned Err: poisoned lock",
            "into_inner: Stock { warehouse: 90, shop: 0 }, total 90",
            "repaired: Stock { warehouse: 90, shop: 10 }",
            "after clear_poison, lock() is ok: true",
        ] {
            assert!(output.contains(line), "no `{line}` in:\n{output}");
        }
    }

    #[test]
    fn a_panic_while_holding_the_guard_poisons_the_mutex() {
        let count = Mutex::new(1);
        let result = thread::scope(|s| {
            s.spawn(|| {
                let mut count = count.lock().unwrap();
                *count += 1;
                panic!("after the first half of the update");
            })
            .join()
        });
        assert!(result.is_err());
        let poisoned = count.lock().unwrap_err();
        assert_eq!(*poisoned.into_inner(), 2);
        // A panic without the guard in hand poisons nothing.
        let quiet = Mutex::new(0);
        let _ = thread::scope(|s| s.spawn(|| panic!("no lock held")).join());
        assert!(!quiet.is_poisoned());
    }
}

mod parking_lot_mutex {
    use super::*;

    #[test]
    fn no_poisoning_and_try_lock_for_gives_up() {
        let output = output_of("parking_lot_mutex", &[]);
        for line in [
            "lock() after the panic: Stock { warehouse: 90, shop: 0 }",
            "total: 90, and no error to tell you",
            "while main holds the lock, try_lock_for(200 ms) got it: false\n",
            "it waited the full 200 ms before giving up: true\n",
            "once main has let go, try_lock_for(200 ms) got it: true",
        ] {
            assert!(output.contains(line), "no `{line}` in:\n{output}");
        }
    }

    #[test]
    fn try_lock_for_waits_its_time_then_returns_none() {
        let lock = parking_lot::Mutex::new(());
        let _held = lock.lock();
        let waited = thread::scope(|s| {
            s.spawn(|| {
                let start = Instant::now();
                assert!(lock.try_lock_for(Duration::from_millis(50)).is_none());
                start.elapsed()
            })
            .join()
            .unwrap()
        });
        assert!(waited >= Duration::from_millis(50), "{waited:?}");
    }
}

mod rwlock {
    use super::*;

    #[test]
    fn readers_share_and_a_writer_is_alone() {
        let output = output_of("rwlock", &[]);
        let expected = "3 readers hold the read lock at the same time\n\
                        meanwhile a writer's try_write gets the lock: false\n\
                        the readers saw tea at [3, 3, 3]\n\
                        while main writes, a reader's try_read gets the lock: false\n\
                        after the write, tea costs 5\n";
        assert_eq!(output, expected);
    }

    #[test]
    fn many_read_guards_exist_at_once() {
        within(DEADLINE, || {
            let lock = RwLock::new(7);
            // With a Mutex, the second thread could never reach the barrier.
            let both_reading = Barrier::new(2);
            thread::scope(|s| {
                for _ in 0..2 {
                    s.spawn(|| {
                        let value = lock.read().unwrap();
                        both_reading.wait();
                        assert_eq!(*value, 7);
                    });
                }
            });
        });
    }
}

mod condvar {
    use super::*;

    #[test]
    fn the_assistant_wakes_only_once_three_loaves_are_there() {
        let output = output_of("condvar", &[]);
        let expected = "assistant: waiting for 3 loaves\n\
                        baker: 1 on the counter\n\
                        baker: 2 on the counter\n\
                        baker: 3 on the counter\n\
                        assistant: woke up to 3 loaves, boxing them\n\
                        counter after the order: []\n";
        assert_eq!(output, expected);
    }

    #[test]
    fn wait_while_returns_holding_the_lock_with_the_condition_false() {
        let seen = within(DEADLINE, || {
            let (count, changed) = (Mutex::new(0), Condvar::new());
            thread::scope(|s| {
                s.spawn(|| {
                    for _ in 0..5 {
                        *count.lock().unwrap() += 1;
                        // Woken at every step, the waiter must go back to sleep.
                        changed.notify_all();
                    }
                });
                let guard = changed
                    .wait_while(count.lock().unwrap(), |n| *n < 5)
                    .unwrap();
                *guard
            })
        });
        assert_eq!(seen, 5);
    }
}

mod barrier {
    use super::*;

    #[test]
    fn nobody_adds_up_before_everyone_has_counted() {
        for _ in 0..3 {
            let output = output_of("barrier", &[]);
            let lines: Vec<&str> = output.lines().collect();
            assert_eq!(lines.len(), 8, "{output}");
            assert!(
                lines[..4].iter().all(|l| l.ends_with("counted its share")),
                "{output}"
            );
            assert!(
                lines[4..].iter().all(|l| l.ends_with("adding up")),
                "{output}"
            );
        }
    }
}

mod lock_cost {
    use super::*;

    #[test]
    fn prints_a_cost_for_each_lock_with_and_without_contention() {
        let run = run_listing("lock_cost", &[]);
        assert!(run.success(), "{run:?}");
        for lock in ["std::sync::Mutex", "parking_lot::Mutex"] {
            for how in ["uncontended (1 thread):", "contended (2 threads):"] {
                let label = format!("{lock}, {how}");
                let ns = number_after(&run.output, &label)
                    .unwrap_or_else(|| panic!("no figure for `{label}` in:\n{}", run.output));
                assert!(ns > 0.0, "{}", run.output);
            }
            let label = format!("times the lock changed hands between the 2 threads, {lock}:");
            let handoffs = number_after(&run.output, &label)
                .unwrap_or_else(|| panic!("no `{label}` in:\n{}", run.output));
            // Fewer than one handoff per two rounds: the thread that had
            // just unlocked usually took the lock straight back.
            assert!(handoffs < 5_000_000.0, "{}", run.output);
        }
    }
}

mod guard_scope {
    use super::*;
    use std::collections::VecDeque;

    type Queue = Mutex<VecDeque<u32>>;

    /// Whether another thread finds the queue locked right now.
    fn locked_for_others(queue: &Queue) -> bool {
        thread::scope(|s| {
            s.spawn(|| matches!(queue.try_lock(), Err(TryLockError::WouldBlock)))
                .join()
                .unwrap()
        })
    }

    #[test]
    fn the_listing_shows_the_lock_held_through_while_let_and_if_let_bodies() {
        let output = output_of("guard_in_while_let", &[]);
        let expected = "while let, lock() in the condition:\n\
                        \x20 job 1: queue free during the work: false\n\
                        \x20 job 2: queue free during the work: false\n\
                        \x20 job 3: queue free during the work: false\n\
                        the job taken in a statement of its own:\n\
                        \x20 job 1: queue free during the work: true\n\
                        \x20 job 2: queue free during the work: true\n\
                        \x20 job 3: queue free during the work: true\n\
                        if let, lock() in the condition:\n\
                        \x20 job 4: queue free during the work: false\n\
                        \x20 no job: queue free in else: true\n";
        assert_eq!(output, expected);
    }

    #[test]
    fn a_guard_in_a_while_let_condition_is_held_during_the_work() {
        let seen = within(DEADLINE, || {
            let queue = Mutex::new(VecDeque::from([1, 2, 3]));
            let mut seen = Vec::new();
            while let Some(job) = queue.lock().unwrap().pop_front() {
                seen.push((job, locked_for_others(&queue)));
            }
            seen
        });
        assert_eq!(seen, [(1, true), (2, true), (3, true)]);
    }

    #[test]
    fn a_guard_in_a_match_scrutinee_is_held_in_every_arm() {
        let seen = within(DEADLINE, || {
            let queue = Mutex::new(VecDeque::from([1]));
            let mut seen = Vec::new();
            for _ in 0..2 {
                match queue.lock().unwrap().pop_front() {
                    Some(_) => seen.push(locked_for_others(&queue)),
                    None => seen.push(locked_for_others(&queue)),
                }
            }
            seen
        });
        assert_eq!(seen, [true, true]);
    }

    #[test]
    fn taking_the_job_in_its_own_statement_frees_the_lock_for_the_work() {
        let seen = within(DEADLINE, || {
            let queue = Mutex::new(VecDeque::from([1, 2, 3]));
            let mut seen = Vec::new();
            loop {
                let next = queue.lock().unwrap().pop_front();
                let Some(job) = next else { break };
                seen.push((job, locked_for_others(&queue)));
            }
            seen
        });
        assert_eq!(seen, [(1, false), (2, false), (3, false)]);
    }

    #[test]
    fn a_block_around_the_condition_frees_the_lock_before_the_body() {
        // Edition 2024: the guard is a temporary of the block's last
        // expression, so it dies at the block's closing brace.
        let seen = within(DEADLINE, || {
            let queue = Mutex::new(VecDeque::from([1, 2]));
            let mut seen = Vec::new();
            while let Some(job) = { queue.lock().unwrap().pop_front() } {
                seen.push((job, locked_for_others(&queue)));
            }
            seen
        });
        assert_eq!(seen, [(1, false), (2, false)]);
    }

    /// Compiles only since edition 2024: the guard, a temporary of the tail
    /// expression, is now dropped before `queue`, the block's local variable.
    fn length_of_a_fresh_queue() -> usize {
        let queue = Mutex::new(VecDeque::from([1, 2]));
        queue.lock().unwrap().len()
    }

    #[test]
    fn a_tail_expression_guard_is_dropped_before_the_locals() {
        assert_eq!(length_of_a_fresh_queue(), 2);
    }

    #[test]
    fn an_if_let_guard_is_held_in_the_then_block_and_gone_in_else() {
        let seen = within(DEADLINE, || {
            let queue = Mutex::new(VecDeque::from([1]));
            let mut seen = Vec::new();
            for _ in 0..2 {
                if let Some(_job) = queue.lock().unwrap().pop_front() {
                    seen.push(("then", locked_for_others(&queue)));
                } else {
                    seen.push(("else", locked_for_others(&queue)));
                }
            }
            seen
        });
        // Edition 2024 drops the condition's temporaries before `else`.
        assert_eq!(seen, [("then", true), ("else", false)]);
    }
}

mod arc_mutex {
    use super::*;

    #[test]
    fn every_worker_pushes_and_gives_its_handle_back() {
        let output = output_of("arc_mutex", &[]);
        assert_eq!(
            output,
            "handles to the results after the joins: 1\n\
             results: [(1, 1), (2, 4), (3, 9), (4, 16)]\n"
        );
    }
}

mod stdout_lock {
    use super::*;

    #[test]
    fn println_lines_are_whole_and_a_held_stdout_lock_keeps_lines_together() {
        for _ in 0..5 {
            let output = output_of("stdout_lock", &[]);
            let lines: Vec<&str> = output.lines().collect();
            assert_eq!(lines.len(), 12, "{output}");
            for worker in 1..=3 {
                let starting = format!("worker {worker}: starting, 3 steps to print");
                assert!(lines.contains(&starting.as_str()), "{output}");
                let first = format!("worker {worker}: step 1 of 3");
                let at = lines
                    .iter()
                    .position(|line| *line == first)
                    .unwrap_or_else(|| panic!("no `{first}` in:\n{output}"));
                // The three steps come one after another: nobody else's
                // line can get between them while `out` is held.
                for step in 2..=3 {
                    assert_eq!(
                        lines.get(at + step - 1).copied(),
                        Some(format!("worker {worker}: step {step} of 3").as_str()),
                        "{output}"
                    );
                }
            }
        }
    }
}
