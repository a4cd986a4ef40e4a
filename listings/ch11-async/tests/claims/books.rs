//! Chapter 1's books downloaded by tokio tasks: every book arrives intact,
//! and ten tasks on one thread wait at the same time. The timing margin is
//! wide: one after another takes at least ten latencies (1 s) by design.

use std::time::Duration;

use ch01::{BookServer, book_text};
use listingkit::output_of;

#[tokio::test]
async fn the_async_client_downloads_books_intact() {
    let server = BookServer::start(Duration::ZERO).unwrap();
    for id in [0, 3, 9] {
        let book = ch11::download_book(server.addr(), id).await.unwrap();
        assert_eq!(book, book_text(id));
    }
}

fn seconds(output: &str, how: &str) -> f64 {
    output
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{how}: ")))
        .and_then(|rest| rest.split(" s").next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no `{how}:` time in:\n{output}"))
}

#[test]
fn tasks_on_one_thread_download_far_faster_than_one_after_another() {
    let output = output_of("books_three_ways", &[]);
    assert_eq!(output.matches("all intact").count(), 3, "{output}");
    let sequential = seconds(&output, "one after another");
    let tasks = seconds(&output, "a task per book, one thread");
    assert!(sequential >= 1.0, "{output}");
    assert!(
        tasks < sequential / 3.0,
        "the tasks did not wait at the same time:\n{output}"
    );
}
