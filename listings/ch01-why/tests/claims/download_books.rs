//! The claims the chapter makes about the `download_books` listing.

use ch01::{BOOKS, LATENCY, book_text};
use listingkit::{number_after, output_of};

#[test]
fn every_book_arrives_whole_and_takes_at_least_the_latency() {
    let output = output_of("download_books", &[]);
    for id in 0..BOOKS {
        let label = format!("book {id}:");
        let bytes =
            number_after(&output, &label).unwrap_or_else(|| panic!("no {label}:\n{output}"));
        assert_eq!(bytes as usize, book_text(id).len(), "{output}");
        let line = output.lines().find(|l| l.starts_with(&label)).unwrap();
        let millis = number_after(line, "bytes in").unwrap();
        assert!(millis >= LATENCY.as_millis() as f64, "{line}");
    }
}

#[test]
fn almost_all_of_the_time_is_waiting() {
    let output = output_of("download_books", &[]);
    let with_latency = number_after(&output, "latency:").unwrap();
    let without_latency = number_after(&output, "with no latency:").unwrap();
    assert!(
        with_latency >= BOOKS as f64 * LATENCY.as_secs_f64(),
        "{output}"
    );
    // Typically a hundred times less; a busy machine must not break the claim.
    assert!(without_latency < with_latency / 4.0, "{output}");
    assert!(
        number_after(&output, "time spent waiting:").unwrap() > 75.0,
        "{output}"
    );
}
