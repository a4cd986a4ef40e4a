//! Fix 1 at the table: the lower-numbered fork first.

use ch04::{PHILOSOPHERS, dine, forks_of, lower_fork_first};

fn main() {
    for philosopher in 0..PHILOSOPHERS {
        let (left, right) = forks_of(philosopher);
        let (first, second) = (left.min(right), left.max(right));
        println!("philosopher {philosopher} picks up fork {first}, then fork {second}");
    }
    let dinner = dine(lower_fork_first);
    for (philosopher, meals) in dinner.meals.iter().enumerate() {
        println!("philosopher {philosopher} ate {meals} meals");
    }
    println!("meals per fork: {:?}", dinner.fork_uses);
}
