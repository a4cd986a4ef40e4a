//! The claims chapter 6 makes, checked two ways: by running each listing,
//! and by trying the channel behaviour it relies on right here. Anything
//! that could block for good runs on a thread of its own and is waited for
//! with a deadline; "this does not happen" is checked over a window that
//! is hundreds of times longer than the thing would take if it did.

use ch06::{WaitGroup, stage};
use crossbeam_channel::{RecvTimeoutError, bounded, never, select, unbounded};
use listingkit::{number_after, output_of, run_listing};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long a test waits for something that must happen.
const DEADLINE: Duration = Duration::from_secs(5);
/// How long a test watches for something that must not happen.
const WINDOW: Duration = Duration::from_millis(300);

/// Runs `work` on a thread and waits at most `deadline` for its result.
fn within<T: Send + 'static>(deadline: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    match result.recv_timeout(deadline) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("did not finish within {deadline:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the work panicked"),
    }
}

/// The time stamp of a line like `[ 309 ms] producer: sent 6`.
fn stamp(line: &str) -> u64 {
    let inside = line
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("ms]"));
    let (number, _) = inside.unwrap_or_else(|| panic!("no time stamp on {line:?}"));
    number.trim().parse().unwrap()
}

/// The stamp of the first line that contains `text`.
fn stamp_of(output: &str, text: &str) -> u64 {
    let line = output.lines().find(|l| l.contains(text));
    stamp(line.unwrap_or_else(|| panic!("no line with {text:?} in:\n{output}")))
}

mod backpressure {
    use super::*;

    #[test]
    fn the_producer_waits_for_room_and_the_consumer_ends_when_the_sender_is_dropped() {
        let output = output_of("ch06", &[]);
        for line in output.lines().filter(|l| l.contains("queue holds")) {
            let held = number_after(line, "queue holds").unwrap();
            assert!(held <= 5.0, "the queue held more than 5:\n{output}");
        }
        // The consumer waits 300 ms before its first take and 50 ms between
        // takes, so the k-th job (k > 5) cannot go in any earlier.
        for job in 6..=10u64 {
            let sent = stamp_of(&output, &format!("producer: sent {job},"));
            let earliest = 300 + (job - 6) * 50;
            assert!(sent >= earliest, "sent {job} at {sent} ms:\n{output}");
        }
        let taken: Vec<&str> = output
            .lines()
            .filter_map(|l| l.split_once("consumer: took ").map(|(_, job)| job))
            .collect();
        assert_eq!(taken, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
        let dropped = output.find("dropping the sender").expect("the drop");
        let closed = output.find("consumer: queue closed").expect("the end");
        assert!(dropped < closed, "{output}");
        assert!(output.ends_with("sent 10, taken 10\n"), "{output}");
    }

    #[test]
    fn a_send_into_a_full_bounded_channel_waits_until_a_receive_makes_room() {
        let (jobs, queue) = bounded(5);
        for job in 1..=5 {
            jobs.try_send(job).expect("room for five");
        }
        assert!(jobs.is_full());
        let (sent, sent_back) = unbounded();
        thread::spawn(move || {
            jobs.send(6).unwrap();
            sent.send(()).unwrap();
        });
        assert_eq!(
            sent_back.recv_timeout(WINDOW),
            Err(RecvTimeoutError::Timeout),
            "the sixth send returned although nothing was received"
        );
        assert_eq!(queue.recv(), Ok(1));
        assert_eq!(sent_back.recv_timeout(DEADLINE), Ok(()));
        let rest: Vec<i32> = queue.iter().collect();
        assert_eq!(rest, [2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_consumer_loop_ends_once_every_sender_is_dropped_having_received_everything() {
        let (jobs, queue) = bounded(5);
        let consumer = thread::spawn(move || queue.iter().collect::<Vec<u32>>());
        for producer in 0..3 {
            let jobs = jobs.clone();
            thread::spawn(move || {
                for n in 0..100 {
                    jobs.send(producer * 1000 + n).unwrap();
                }
            });
        }
        drop(jobs);
        let mut received = within(DEADLINE, move || consumer.join().unwrap());
        received.sort();
        let sent: Vec<u32> = (0..3)
            .flat_map(|p| (0..100).map(move |n| p * 1000 + n))
            .collect();
        assert_eq!(received, sent);
    }

    #[test]
    fn a_producer_that_panics_still_drops_its_sender() {
        let (jobs, queue) = unbounded::<u32>();
        thread::spawn(move || {
            jobs.send(1).unwrap();
            panic!("the producer failed after one job");
        });
        let received = within(DEADLINE, move || queue.iter().collect::<Vec<u32>>());
        assert_eq!(received, [1]);
    }

    #[test]
    fn a_consumer_loop_does_not_end_while_any_sender_is_alive() {
        let (readings, inbox) = unbounded::<u32>();
        let (finished, consumer_done) = unbounded();
        thread::spawn(move || {
            let count = inbox.iter().count();
            finished.send(count).unwrap();
        });
        let clone = readings.clone();
        thread::spawn(move || clone.send(1).unwrap());
        // The clone is gone after its send, but `readings` still lives here.
        assert_eq!(
            consumer_done.recv_timeout(WINDOW),
            Err(RecvTimeoutError::Timeout)
        );
        drop(readings);
        assert_eq!(consumer_done.recv_timeout(DEADLINE), Ok(1));
    }
}

mod std_channel {
    use super::*;

    #[test]
    fn every_send_finishes_before_anything_is_received() {
        let output = output_of("std_channel", &[]);
        let done = output.find("waiter: done").expect("the waiter finished");
        let first = output.find("kitchen: received").expect("a receive");
        assert!(done < first, "{output}");
        assert!(
            output.ends_with("recv() now gives Err(RecvError)\n"),
            "{output}"
        );
    }

    #[test]
    fn an_unbounded_send_never_waits_for_a_receiver() {
        let (sender, inbox) = mpsc::channel();
        // Nobody receives while these go in; they all fit.
        let sent = within(DEADLINE, move || {
            (0..100_000u32).filter(|&n| sender.send(n).is_ok()).count()
        });
        assert_eq!(sent, 100_000);
        assert_eq!(inbox.iter().count(), 100_000);
    }
}

mod rendezvous {
    use super::*;

    #[test]
    fn a_zero_capacity_send_returns_only_once_main_receives() {
        let run = run_listing("rendezvous", &[]);
        assert!(run.success(), "{run:?}");
        let output = &run.output;
        assert!(output.contains("bounded(1), nobody receiving: try_send gives Ok(())"));
        assert!(output.contains(
            "bounded(0), nobody receiving: try_send gives Err(\"sending on a full channel\")"
        ));
        let waited = number_after(output, "its send returned after").unwrap();
        assert!(waited >= 200.0, "{output}");
    }

    #[test]
    fn a_zero_capacity_send_waits_for_a_receiver_and_hands_over_directly() {
        let (hand_over, receiver) = bounded(0);
        let (sent, sent_back) = unbounded();
        thread::spawn(move || {
            hand_over.send("baton").unwrap();
            sent.send(()).unwrap();
        });
        assert_eq!(
            sent_back.recv_timeout(WINDOW),
            Err(RecvTimeoutError::Timeout)
        );
        assert!(receiver.is_empty(), "a zero-capacity channel holds nothing");
        assert_eq!(receiver.recv_timeout(DEADLINE), Ok("baton"));
        assert_eq!(sent_back.recv_timeout(DEADLINE), Ok(()));
    }
}

mod many_consumers {
    use super::*;

    #[test]
    fn the_work_queue_does_every_job_exactly_once() {
        let output = output_of("work_queue", &[]);
        assert!(output.contains("jobs done: 12 of 12\n"), "{output}");
        assert!(
            output.contains("each job done exactly once: true\n"),
            "{output}"
        );
        let per_worker: f64 = (1..=3)
            .map(|w| number_after(&output, &format!("worker {w}:")).unwrap())
            .sum();
        assert_eq!(per_worker, 12.0, "{output}");
    }

    #[test]
    fn cloned_receivers_share_out_the_messages_each_to_exactly_one() {
        let mut received = within(DEADLINE, || {
            let (jobs, queue) = bounded(16);
            let consumers: Vec<_> = (0..4)
                .map(|_| {
                    let queue = queue.clone();
                    thread::spawn(move || queue.iter().collect::<Vec<u32>>())
                })
                .collect();
            for job in 0..10_000 {
                jobs.send(job).unwrap();
            }
            drop(jobs);
            consumers
                .into_iter()
                .flat_map(|c| c.join().unwrap())
                .collect::<Vec<u32>>()
        });
        received.sort();
        assert_eq!(received, (0..10_000).collect::<Vec<u32>>());
    }

    #[test]
    fn fan_in_gets_every_reading_and_ends() {
        let output = output_of("fan_in", &[]);
        assert_eq!(output.lines().filter(|l| l.ends_with(" °C")).count(), 12);
        assert!(output.ends_with("12 readings from 3 sensors\n"), "{output}");
    }
}

mod pipeline {
    use super::*;

    #[test]
    fn the_listing_matches_one_line_at_a_time_and_shuts_down_in_order() {
        let output = output_of("pipeline", &[]);
        let source = output.find("source: all 6 lines sent").unwrap();
        let parse = output.find("parse: input closed after 6 items").unwrap();
        let price = output.find("price: input closed after 6 items").unwrap();
        assert!(source < parse && parse < price, "{output}");
        assert!(
            output.ends_with("same as one line at a time, in the same order: true\n"),
            "{output}"
        );
    }

    #[test]
    fn a_chain_of_stages_gives_the_sequential_result_in_order() {
        let (through_pipeline, sequential) = within(DEADLINE, || {
            let numbers: Vec<u64> = (0..500).map(|n| (n * 7919) % 1000).collect();
            let (source, first) = bounded(4);
            let feed = numbers.clone();
            thread::spawn(move || {
                for n in feed {
                    source.send(n).unwrap();
                }
            });
            // Uneven work, so that a stage is sometimes ahead, sometimes behind.
            let squared = stage("square", first, |n: u64| {
                if n.is_multiple_of(50) {
                    thread::sleep(Duration::from_millis(1));
                }
                n * n
            });
            let labelled = stage("label", squared, |n: u64| format!("{n}"));
            let through: Vec<String> = labelled.iter().collect();
            let sequential: Vec<String> = numbers.iter().map(|n| format!("{}", n * n)).collect();
            (through, sequential)
        });
        assert_eq!(through_pipeline, sequential);
    }

    #[test]
    fn stages_work_on_different_items_at_the_same_time() {
        // `first` holds item 1 until `second` has started on item 0, which
        // can happen only if the two stages run side by side.
        let waited = within(DEADLINE, || {
            let (second_started, started) = unbounded();
            let (source, input) = bounded(4);
            thread::spawn(move || {
                for n in 0..3u32 {
                    source.send(n).unwrap();
                }
            });
            let first = stage("first", input, move |n: u32| {
                let waited = (n == 1).then(|| started.recv_timeout(DEADLINE));
                (n, waited)
            });
            let second = stage("second", first, move |(n, waited)| {
                if n == 0 {
                    let _ = second_started.send(());
                }
                waited
            });
            second.iter().flatten().collect::<Vec<_>>()
        });
        assert_eq!(waited, [Ok(())]);
    }
}

mod waiting_for_all {
    use super::*;

    #[test]
    fn all_three_ways_wait_for_every_task() {
        let output = output_of("wait_for_all", &[]);
        let expected = "results channel: 6 of 6 results in\n\
                        thread::scope: 6 of 6 tasks done\n\
                        wait group: 6 of 6 tasks done; 2 workers still waiting for jobs\n";
        assert_eq!(output, expected);
    }

    #[test]
    fn wait_returns_only_once_every_clone_is_dropped() {
        let group = WaitGroup::new();
        let (release, gate) = unbounded::<()>();
        for _ in 0..3 {
            let (task_done, gate) = (group.clone(), gate.clone());
            thread::spawn(move || {
                let _ = gate.recv(); // held until the test lets go
                drop(task_done);
            });
        }
        let (waited, waited_back) = unbounded();
        thread::spawn(move || {
            group.wait();
            waited.send(()).unwrap();
        });
        assert_eq!(
            waited_back.recv_timeout(WINDOW),
            Err(RecvTimeoutError::Timeout)
        );
        release.send(()).unwrap();
        release.send(()).unwrap();
        // Two tasks are done, one still holds its clone.
        assert_eq!(
            waited_back.recv_timeout(WINDOW),
            Err(RecvTimeoutError::Timeout)
        );
        drop(release);
        assert_eq!(waited_back.recv_timeout(DEADLINE), Ok(()));
    }

    #[test]
    fn counting_results_waits_for_ever_for_a_task_that_died() {
        let (results, finished) = unbounded();
        for task in 0..3 {
            let results = results.clone();
            thread::spawn(move || {
                assert_ne!(task, 1, "task 1 fails before it sends");
                results.send(task).unwrap();
            });
        }
        let mut received = vec![
            finished.recv_timeout(DEADLINE).unwrap(),
            finished.recv_timeout(DEADLINE).unwrap(),
        ];
        received.sort();
        assert_eq!(received, [0, 2]);
        assert_eq!(
            finished.recv_timeout(WINDOW),
            Err(RecvTimeoutError::Timeout),
            "the third result can never come"
        );
    }

    #[test]
    fn a_wait_group_nobody_cloned_returns_at_once() {
        within(DEADLINE, || WaitGroup::new().wait());
    }
}

mod select_timeout {
    use super::*;

    #[test]
    fn select_takes_from_both_channels_notices_quiet_and_stops_at_closing_time() {
        let output = output_of("select_timeout", &[]);
        for line in [
            "] order: tea\n",
            "] order: toast\n",
            "] order: eggs\n",
            "] cancelled: toast\n",
            "] the order line is closed\n",
        ] {
            assert!(output.contains(line), "no `{line}` in:\n{output}");
        }
        let lines: Vec<&str> = output.lines().collect();
        let last = lines.last().unwrap();
        assert!(
            last.ends_with("closing time: 3 orders, 1 cancelled"),
            "{output}"
        );
        assert!(stamp(last) >= 600, "{output}");
        // A quiet notice comes only after 200 ms with nothing on any channel.
        for pair in lines.windows(2) {
            if pair[1].ends_with("nothing for 200 ms") {
                assert!(stamp(pair[1]) >= stamp(pair[0]) + 200, "{output}");
            }
        }
    }
}

mod select_rules {
    use super::*;

    #[test]
    fn a_closed_channel_is_always_ready_and_never_is_never_ready() {
        let (orders, order_inbox) = unbounded::<&str>();
        drop(orders);
        for _ in 0..1000 {
            select! {
                recv(order_inbox) -> order => assert!(order.is_err()),
                default(DEADLINE) => panic!("a closed channel was not ready"),
            }
        }
        let closed = never::<&str>();
        select! {
            recv(closed) -> _ => panic!("never() delivered something"),
            default(Duration::from_millis(20)) => {}
        }
    }

    #[test]
    fn select_picks_either_branch_when_both_are_ready() {
        let (a, a_inbox) = unbounded();
        let (b, b_inbox) = unbounded();
        let mut picked = (0, 0);
        for _ in 0..1000 {
            a.send(()).unwrap();
            b.send(()).unwrap();
            select! {
                recv(a_inbox) -> _ => { picked.0 += 1; b_inbox.recv().unwrap(); }
                recv(b_inbox) -> _ => { picked.1 += 1; a_inbox.recv().unwrap(); }
            }
        }
        // A random pick: each branch 1000 times out of 1000 has odds of 2^-1000.
        assert!(picked.0 > 0 && picked.1 > 0, "{picked:?}");
    }
}

mod throughput {
    use super::*;

    #[test]
    fn prints_a_rate_for_each_channel_and_producer_count() {
        let output = output_of("throughput", &[]);
        for channel in [
            "std::sync::mpsc::channel()",
            "crossbeam_channel::unbounded()",
            "std::sync::mpsc::sync_channel(100)",
            "crossbeam_channel::bounded(100)",
        ] {
            for producers in ["1 producer:", "4 producers:"] {
                let label = format!("{channel}, {producers}");
                let rate = number_after(&output, &label)
                    .unwrap_or_else(|| panic!("no figure for `{label}` in:\n{output}"));
                assert!(rate > 0.0, "{output}");
            }
        }
    }
}
