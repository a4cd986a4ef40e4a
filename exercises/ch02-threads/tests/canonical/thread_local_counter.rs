use ch02_exercises::thread_local_counter;

use std::sync::Barrier;
use std::thread;
use thread_local_counter::next_request_number;

/// Starts a thread that sends `requests` requests, and returns their numbers.
fn numbers_on_a_new_thread(requests: usize) -> Vec<u64> {
    thread::spawn(move || (0..requests).map(|_| next_request_number()).collect())
        .join()
        .expect("the thread panicked")
}

#[test]
fn a_new_thread_starts_at_one() {
    // Another thread counts first, so that there is something not to see.
    let _: Vec<u64> = numbers_on_a_new_thread(3);
    let first: Vec<u64> = numbers_on_a_new_thread(1);
    assert_eq!(
        first,
        [1],
        "a thread that had sent no requests got number {first:?}: it saw another thread's \
         count; a `thread_local!` gives every thread its own"
    );
}

#[test]
fn each_call_gets_a_higher_number_than_the_one_before() {
    let numbers: Vec<u64> = numbers_on_a_new_thread(20);
    for pair in numbers.windows(2) {
        assert!(
            pair[1] > pair[0],
            "one thread got the numbers {numbers:?}: each call must store the new count, \
             not only return it"
        );
    }
}

#[test]
fn a_thread_numbers_its_requests_one_two_three() {
    let numbers: Vec<u64> = numbers_on_a_new_thread(20);
    let expected: Vec<u64> = (1..=20).collect();
    assert_eq!(
        numbers, expected,
        "a new thread's requests are numbered 1, 2, 3, …: each call returns one more than the \
         call before, and the first returns 1"
    );
}

#[test]
fn threads_running_at_the_same_time_each_count_from_one() {
    const THREADS: usize = 4;
    const REQUESTS: u64 = 100;
    let start_together = Barrier::new(THREADS);
    let per_thread: Vec<Vec<u64>> = thread::scope(|s| {
        let downloaders: Vec<_> = (0..THREADS)
            .map(|_| {
                s.spawn(|| {
                    start_together.wait();
                    (0..REQUESTS)
                        .map(|_| next_request_number())
                        .collect::<Vec<u64>>()
                })
            })
            .collect();
        downloaders
            .into_iter()
            .map(|downloader| downloader.join().expect("a downloader panicked"))
            .collect()
    });
    let expected: Vec<u64> = (1..=REQUESTS).collect();
    for (downloader, numbers) in per_thread.iter().enumerate() {
        assert_eq!(
            numbers,
            &expected,
            "downloader {downloader} sent {REQUESTS} requests alongside {} others; its numbers \
             must be 1..={REQUESTS}, whatever the other threads do",
            THREADS - 1
        );
    }
}

#[test]
fn a_thread_keeps_its_count_while_the_threads_it_starts_count_their_own() {
    let (before, after): (Vec<u64>, u64) = thread::spawn(|| {
        let before: Vec<u64> = (0..3).map(|_| next_request_number()).collect();
        let helpers: Vec<_> = (0..3)
            .map(|_| thread::spawn(|| (0..10).map(|_| next_request_number()).sum::<u64>()))
            .collect();
        for helper in helpers {
            helper.join().expect("a helper panicked");
        }
        let after: u64 = next_request_number();
        (before, after)
    })
    .join()
    .expect("the thread panicked");
    assert_eq!(before, [1, 2, 3]);
    assert_eq!(
        after, 4,
        "a thread sent requests 1, 2 and 3, started three helpers that sent 10 each, and its \
         next request got number {after}; the helpers' requests must not count as its own"
    );
}
