//! Three ways to add 1 from eight threads, and what each loses.

use ch03::{compare_exchange_loop, count_with, fetch_add, load_then_store};
use std::sync::atomic::AtomicU64;

const THREADS: usize = 8;
const INCREMENTS: u64 = 100_000;
const EXPECTED: u64 = THREADS as u64 * INCREMENTS;

fn main() {
    println!("{THREADS} threads each add 1 to one counter {INCREMENTS} times: {EXPECTED} in all");
    report("load, then store", load_then_store);
    report("fetch_add", fetch_add);
    report("compare_exchange loop", compare_exchange_loop);
}

fn report(name: &str, add_one: fn(&AtomicU64)) {
    let counted = count_with(THREADS, INCREMENTS, add_one);
    println!(
        "{name:<22} counted {counted:>7}, lost {:>7}",
        EXPECTED - counted
    );
}
