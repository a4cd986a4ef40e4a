//! The computing half alone: two jobs, timed.
//!
//! The computing half alone: two jobs that never wait for anything, timed,
//! and the primes job cut into two halves.

use std::time::Instant;

use ch01::{PRIMES_BELOW, SQUARES_UP_TO, count_primes, sum_of_squares};

fn main() {
    let started = Instant::now();
    let squares = sum_of_squares(SQUARES_UP_TO);
    println!(
        "sum of squares up to {SQUARES_UP_TO} (mod 2^64): {squares} in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let primes = count_primes(0..PRIMES_BELOW);
    println!(
        "primes below {PRIMES_BELOW}: {primes} in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    // ANCHOR: halves
    // Two halves give the same answer, and each could run on its own core.
    // They are not the same amount of work: bigger numbers need more divisions.
    let middle = PRIMES_BELOW / 2;
    println!("primes below {PRIMES_BELOW}, in two halves:");
    let mut both_halves = 0;
    for (name, half) in [
        ("first half", 0..middle),
        ("second half", middle..PRIMES_BELOW),
    ] {
        let started = Instant::now();
        let range = format!("{half:?}");
        let primes_in_half = count_primes(half);
        both_halves += primes_in_half;
        println!(
            "  {name}: {:.2} s, {primes_in_half} primes in {range}",
            started.elapsed().as_secs_f64()
        );
    }
    println!("  both halves: {both_halves} primes, the same answer");
    // ANCHOR_END: halves
}
