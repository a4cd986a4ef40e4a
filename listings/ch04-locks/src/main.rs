//! The dining philosophers: the deadlock and its three fixes.

use ch04::{
    MEALS, PHILOSOPHERS, Waiter, back_off, dine, left_then_right, lower_fork_first, with_a_waiter,
};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

fn main() {
    println!("{PHILOSOPHERS} philosophers, {PHILOSOPHERS} forks, {MEALS} meals each\n");

    let start = Instant::now();
    let stuck = left_then_right(Duration::from_millis(500));
    let waiting: Vec<String> = stuck
        .iter()
        .map(|s| format!("{} waits for fork {}", s.philosopher, s.waits_for))
        .collect();
    println!(
        "left fork, then right: deadlock detected after {:.2} s ({})",
        start.elapsed().as_secs_f64(),
        waiting.join(", ")
    );

    let dinner = dine(lower_fork_first);
    println!(
        "lower-numbered fork first: meals eaten {:?} in {:.2} s",
        dinner.meals,
        dinner.elapsed.as_secs_f64()
    );

    let put_back = AtomicU32::new(0);
    let dinner = dine(|philosopher, table| back_off(philosopher, table, &put_back));
    println!(
        "back off and retry: meals eaten {:?} in {:.2} s, after putting a fork back {} times",
        dinner.meals,
        dinner.elapsed.as_secs_f64(),
        put_back.load(Ordering::Relaxed)
    );

    let waiter = Waiter::new(PHILOSOPHERS - 1);
    let dinner = dine(|philosopher, table| with_a_waiter(philosopher, table, &waiter));
    println!(
        "a waiter with {} seats: meals eaten {:?} in {:.2} s",
        PHILOSOPHERS - 1,
        dinner.meals,
        dinner.elapsed.as_secs_f64()
    );
}
