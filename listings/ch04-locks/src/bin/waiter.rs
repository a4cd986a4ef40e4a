//! Fix 3 at the table: a waiter seats one philosopher fewer.

use ch04::{PHILOSOPHERS, Waiter, dine, with_a_waiter};

fn main() {
    let waiter = Waiter::new(PHILOSOPHERS - 1);
    let dinner = dine(|philosopher, table| with_a_waiter(philosopher, table, &waiter));
    for (philosopher, meals) in dinner.meals.iter().enumerate() {
        println!("philosopher {philosopher} ate {meals} meals");
    }
    println!("meals per fork: {:?}", dinner.fork_uses);
    println!(
        "most philosophers seated at once: {} of {PHILOSOPHERS}",
        waiter.most_seated()
    );
}
