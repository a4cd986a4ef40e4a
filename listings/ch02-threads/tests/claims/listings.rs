//! The claims the chapter makes about each listing, checked two ways: by
//! running the listing, and (where it is natural) by trying the idea right
//! here in the test.

use listingkit::{number_after, output_of, run_listing};
use std::cell::Cell;
use std::thread;
use std::time::Duration;

fn sum_of_squares(first: u64, last: u64) -> u64 {
    (first..=last).map(|n| n * n).sum()
}

mod spawn_join {
    use super::*;

    #[test]
    fn the_listing_gets_the_threads_value_back_from_join() {
        let output = output_of("spawn_join", &[]);
        assert_eq!(
            number_after(&output, "join returned"),
            Some(sum_of_squares(1, 1000) as f64),
            "{output}"
        );
    }

    #[test]
    fn join_hands_back_what_the_closure_returned() {
        let title = String::from("Night Train");
        let worker = thread::spawn(move || title.len());
        assert_eq!(worker.join().unwrap(), "Night Train".len());
    }
}

mod many_threads {
    use super::*;

    #[test]
    fn the_workers_parts_add_up_to_the_whole() {
        let output = output_of("many_threads", &[]);
        let parts: Vec<f64> = (0..4)
            .map(|worker| {
                let line = output
                    .lines()
                    .find(|line| line.starts_with(&format!("worker {worker}:")))
                    .unwrap_or_else(|| panic!("no line for worker {worker} in:\n{output}"));
                number_after(line, "add up to").expect("each worker reports its sum")
            })
            .collect();
        let expected = sum_of_squares(1, 1000) as f64;
        assert_eq!(parts.iter().sum::<f64>(), expected, "{output}");
        assert_eq!(
            number_after(&output, "total from 4 workers:"),
            Some(expected),
            "{output}"
        );
        assert_eq!(
            number_after(&output, "formula n(n+1)(2n+1)/6:"),
            Some(expected),
            "{output}"
        );
    }

    #[test]
    fn each_thread_gets_its_own_arguments_and_joins_in_order() {
        let workers: Vec<_> = (0..8u64)
            .map(|worker| thread::spawn(move || worker * worker))
            .collect();
        let results: Vec<u64> = workers.into_iter().map(|w| w.join().unwrap()).collect();
        assert_eq!(results, [0, 1, 4, 9, 16, 25, 36, 49]);
    }
}

mod named_threads {
    use super::*;

    #[test]
    fn the_listing_reports_each_threads_name() {
        let output = output_of("named_threads", &[]);
        assert!(
            output.contains(r#"main runs on a thread named Some("main")"#),
            "{output}"
        );
        for book in 1..=3 {
            assert!(
                output.contains(&format!("[downloader-{book}] fetching book {book}\n")),
                "{output}"
            );
        }
        assert!(
            output.contains("a thread from thread::spawn is named None"),
            "{output}"
        );
    }

    #[test]
    fn a_builder_name_is_seen_inside_and_outside_the_thread() {
        let handle = thread::Builder::new()
            .name("downloader-7".into())
            .spawn(|| thread::current().name().map(str::to_owned))
            .unwrap();
        assert_eq!(handle.thread().name(), Some("downloader-7"));
        assert_eq!(handle.join().unwrap().as_deref(), Some("downloader-7"));
    }
}

mod thread_type {
    use super::*;

    #[test]
    fn each_counter_hands_back_its_count() {
        let output = output_of("thread_type", &[]);
        // Counted by hand from the texts in the listing.
        let expected = "The Harbour: 7 words\nNight Train: 8 words\nSalt: 3 words\n";
        assert_eq!(output, expected);
    }
}

mod scoped_threads {
    use super::*;

    #[test]
    fn the_threads_wrote_into_and_read_from_mains_data() {
        let output = output_of("scoped_threads", &[]);
        assert!(
            output.contains("words per chapter, written by the threads: [8, 8, 6]"),
            "{output}"
        );
        assert_eq!(
            number_after(&output, "total words:"),
            Some(22.0),
            "{output}"
        );
        assert!(
            output.contains(r#"longest chapter, borrowed from main: "Nobody in the village could read the handwriting""#),
            "{output}"
        );
        assert!(
            output.contains("main still owns all 3 chapters"),
            "{output}"
        );
    }

    #[test]
    fn scoped_threads_borrow_and_modify_local_data() {
        let books = [String::from("one two"), String::from("three")];
        let mut counts = vec![0; books.len()];
        thread::scope(|s| {
            for (book, count) in books.iter().zip(&mut counts) {
                s.spawn(move || *count = book.split_whitespace().count());
            }
        });
        assert_eq!(counts, [2, 1]);
        assert_eq!(books.len(), 2, "the scope only borrowed the books");
    }
}

mod main_does_not_wait {
    use super::*;

    #[test]
    fn main_says_all_done_and_the_workers_last_line_is_lost() {
        let run = run_listing("main_does_not_wait", &[]);
        assert!(run.success(), "{run:?}");
        let output = &run.output;
        let started = output.find("copier: copying the book").expect(output);
        let done = output.find("main: all done").expect(output);
        assert!(
            started < done,
            "the copier had started before main finished:\n{output}"
        );
        assert!(!output.contains("copier: finished copying"), "{output}");
        // The copier sleeps 3 s; the process did not wait for it.
        assert!(
            run.elapsed < Duration::from_secs(2),
            "took {:?}",
            run.elapsed
        );
    }
}

mod thread_panic {
    use super::*;

    #[test]
    fn join_returns_err_and_the_program_goes_on() {
        let run = run_listing("thread_panic", &[]);
        assert_eq!(run.status.and_then(|s| s.code()), Some(0), "{}", run.output);
        let output = &run.output;
        assert!(
            output.contains("thread 'checker-2' panicked at"),
            "{output}"
        );
        assert!(
            output.contains(r#"book 2: join returned Err; the checker panicked with "page count is not a number"#),
            "{output}"
        );
        for (book, pages) in [(0, 312), (1, 45), (3, 208)] {
            assert!(
                output.contains(&format!("book {book}: {pages} pages")),
                "{output}"
            );
        }
        assert!(
            output.ends_with("main: still running after a thread panicked\n"),
            "{output}"
        );
    }

    #[test]
    fn a_panicking_thread_gives_err_and_its_message() {
        let checker = thread::spawn(|| -> u32 { panic!("book 2 is corrupt") });
        let payload = checker.join().unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"book 2 is corrupt"));
        // This thread was never affected.
        assert_eq!(thread::spawn(|| 45).join().unwrap(), 45);
    }
}

mod thread_local {
    use super::*;

    #[test]
    fn every_thread_has_its_own_connection() {
        let output = output_of("thread_local", &[]);
        for worker in 1..=3 {
            let expected = format!(
                "worker-{worker}: connection opened by worker-{worker}, queries run: {}",
                worker * 2
            );
            assert!(output.contains(&expected), "no `{expected}` in:\n{output}");
        }
        assert!(
            output.contains("main: connection opened by main, queries run: 1"),
            "{output}"
        );
    }

    thread_local! {
        static QUERIES: Cell<u32> = const { Cell::new(0) };
    }

    #[test]
    fn thread_locals_start_fresh_on_every_thread() {
        QUERIES.with(|q| q.set(100));
        let counts: Vec<u32> = (1..=3)
            .map(|n| {
                thread::spawn(move || {
                    for _ in 0..n {
                        QUERIES.with(|q| q.set(q.get() + 1));
                    }
                    QUERIES.with(Cell::get)
                })
            })
            .map(|h| h.join().unwrap())
            .collect();
        assert_eq!(counts, [1, 2, 3]);
        assert_eq!(
            QUERIES.with(Cell::get),
            100,
            "the other threads never touched this one's"
        );
    }
}
