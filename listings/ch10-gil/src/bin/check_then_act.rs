//! Each step locked, the whole not: two tickets for one seat.

use std::sync::{Barrier, Mutex};
use std::thread;

fn main() {
    let seats_left = Mutex::new(1_u32);
    let ticket_holders = Mutex::new(Vec::new());
    // Makes both buyers finish checking before either buys: the unlucky
    // interleaving, every time instead of once in a while.
    let both_checked = Barrier::new(2);

    thread::scope(|scope| {
        for buyer in ["Ada", "Grace"] {
            let (seats_left, ticket_holders) = (&seats_left, &ticket_holders);
            let both_checked = &both_checked;
            scope.spawn(move || {
                // Check, under the lock...
                let seat_free = *seats_left.lock().unwrap() > 0;
                // ...which is released at the end of that statement.
                both_checked.wait();
                if seat_free {
                    // Act, under the lock again: the check may be stale by now.
                    let mut seats = seats_left.lock().unwrap();
                    *seats = seats.saturating_sub(1);
                    ticket_holders.lock().unwrap().push(buyer);
                }
            });
        }
    });

    let mut holders = ticket_holders.into_inner().unwrap();
    holders.sort();
    println!("seats left: {}", seats_left.into_inner().unwrap());
    println!(
        "tickets sold for 1 seat: {} ({})",
        holders.len(),
        holders.join(", ")
    );
}
