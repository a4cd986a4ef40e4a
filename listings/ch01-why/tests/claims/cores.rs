//! The claims the chapter makes about the `cores` listing.

use listingkit::{number_after, output_of};

#[test]
fn reports_available_parallelism_and_bounds_only_the_computing() {
    let output = output_of("cores", &[]);
    let cores = std::thread::available_parallelism().unwrap().get();
    assert_eq!(
        number_after(&output, "available parallelism:"),
        Some(cores as f64),
        "{output}"
    );
    let rows: Vec<Vec<usize>> = output
        .lines()
        .filter(|line| line.trim_end().ends_with('×'))
        .map(|line| {
            line.split_whitespace()
                .map(|cell| cell.trim_end_matches('×').parse().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 5, "{output}");
    for row in rows {
        let [threads, waiting, computing] = row[..] else {
            panic!("{output}")
        };
        assert_eq!(waiting, threads);
        assert_eq!(computing, threads.min(cores));
    }
}
