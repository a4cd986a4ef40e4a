//! Two threads adding 1, one atomic step at a time, in every order.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// One thread's "add 1", taken one atomic operation at a time, so that the
/// program can choose which thread goes next.
struct Adder {
    uses_compare_exchange: bool,
    seen: Option<u64>,
}

impl Adder {
    /// Takes this thread's next step on `counter` and says what it did.
    fn step(&mut self, counter: &AtomicU64) -> String {
        let Some(seen) = self.seen else {
            let seen = counter.load(Relaxed);
            self.seen = Some(seen);
            return format!("load {seen}");
        };
        if !self.uses_compare_exchange {
            counter.store(seen + 1, Relaxed);
            return format!("store {}", seen + 1);
        }
        match counter.compare_exchange(seen, seen + 1, Relaxed, Relaxed) {
            Ok(_) => format!("compare_exchange({seen}, {}): Ok", seen + 1),
            Err(now) => {
                self.seen = Some(now);
                format!("compare_exchange({seen}, {}): Err({now})", seen + 1)
            }
        }
    }
}

/// Runs two adders on one counter, taking their steps in `order` ("ABAB":
/// A, then B, then A, then B), and returns what each step did and the
/// final count.
fn replay(order: &str, uses_compare_exchange: bool) -> (Vec<String>, u64) {
    let counter = AtomicU64::new(0);
    let new_adder = || Adder {
        uses_compare_exchange,
        seen: None,
    };
    let mut adders = [new_adder(), new_adder()];
    let mut steps = Vec::new();
    for (number, thread) in order.chars().enumerate() {
        let (a, b) = match thread {
            'A' => (adders[0].step(&counter), String::new()),
            _ => (String::new(), adders[1].step(&counter)),
        };
        let now = counter.load(Relaxed);
        steps.push(format!("{:>4}  {a:<32}{b:<32}{now}", number + 1));
    }
    (steps, counter.into_inner())
}

fn show(title: &str, order: &str, uses_compare_exchange: bool) {
    let (steps, count) = replay(order, uses_compare_exchange);
    println!("{title}, in the order {order}:");
    println!("step  {:<32}{:<32}counter", "thread A", "thread B");
    for step in steps {
        println!("{step}");
    }
    let verdict = if count == 2 {
        "both adds counted"
    } else {
        "one add lost"
    };
    println!("result: {count}, {verdict}\n");
}

fn main() {
    println!("Threads A and B each add 1 to a counter that starts at 0.\n");
    show("load, then store", "AABB", false);
    show("load, then store", "ABAB", false);
    show("compare_exchange loop", "ABABB", true);

    // Each thread takes two steps, so there are six orders in all.
    let orders = ["AABB", "ABAB", "ABBA", "BAAB", "BABA", "BBAA"];
    let counted: Vec<&str> = orders
        .into_iter()
        .filter(|order| replay(order, false).1 == 2)
        .collect();
    println!(
        "load, then store: {} of the {} orders count both adds: {}",
        counted.len(),
        orders.len(),
        counted.join(", ")
    );
}
