//! Fix 2 at the table: put the fork back and try again.

use ch04::{back_off, dine};
use std::sync::atomic::{AtomicU32, Ordering};

fn main() {
    let put_back = AtomicU32::new(0);
    let dinner = dine(|philosopher, table| back_off(philosopher, table, &put_back));
    for (philosopher, meals) in dinner.meals.iter().enumerate() {
        println!("philosopher {philosopher} ate {meals} meals");
    }
    println!("meals per fork: {:?}", dinner.fork_uses);
    println!(
        "a fork was put back {} times",
        put_back.load(Ordering::Relaxed)
    );
}
