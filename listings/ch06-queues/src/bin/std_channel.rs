//! std's `mpsc` channel: a waiter sends orders to the kitchen.

use std::sync::mpsc;
use std::thread;

fn main() {
    let (orders, inbox) = mpsc::channel();

    let waiter = thread::spawn(move || {
        for order in ["tea", "toast", "eggs", "juice", "porridge"] {
            // An unbounded channel always has room: `send` never waits.
            orders.send(order).expect("the kitchen hung up");
            println!("waiter: sent {order}");
        }
        println!("waiter: done");
        // `orders`, the only sender, is dropped here as the thread ends.
    });

    // Nothing has been received yet, and the waiter can still finish:
    // all five orders wait in the channel.
    waiter.join().expect("the waiter panicked");
    println!("kitchen: the waiter has gone home; receiving");

    for order in &inbox {
        println!("kitchen: received {order}");
    }
    // The loop ended because the channel is empty and has no sender left.
    println!(
        "kitchen: the loop has ended; recv() now gives {:?}",
        inbox.recv()
    );
}
