//! The claims the chapter makes about the `cpu_jobs` listing.

use ch01::{PRIMES_BELOW, SQUARES_UP_TO, count_primes, sum_of_squares};
use listingkit::{number_after, output_of};

#[test]
fn the_answers_are_right_and_the_halves_add_up() {
    let output = output_of("cpu_jobs", &[]);
    let primes = count_primes(0..PRIMES_BELOW) as f64;
    let number = |label: &str| {
        let line = output
            .lines()
            .find(|line| line.contains(label))
            .unwrap_or_else(|| panic!("no `{label}` in:\n{output}"));
        // The count follows the time on the halves' lines.
        let after = if label.ends_with("half:") {
            "s,"
        } else {
            label
        };
        number_after(line, after).unwrap()
    };
    assert_eq!(number(&format!("primes below {PRIMES_BELOW}:")), primes);
    let halves = number("first half:") + number("second half:");
    assert_eq!(halves, primes, "{output}");
    assert_eq!(number("both halves:"), primes, "{output}");

    let squares = format!("(mod 2^64): {}", sum_of_squares(SQUARES_UP_TO));
    assert!(output.contains(&squares), "{output}");
}

#[test]
fn the_sum_of_squares_is_the_textbook_formula_modulo_two_to_the_64() {
    let n = SQUARES_UP_TO as u128;
    let exact = n * (n + 1) * (2 * n + 1) / 6;
    assert_eq!(sum_of_squares(SQUARES_UP_TO), exact as u64);
}
