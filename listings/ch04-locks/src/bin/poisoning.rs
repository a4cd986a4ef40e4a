//! A panic while holding the lock poisons the `Mutex`.

use std::panic;
use std::sync::Mutex;
use std::thread;

/// Stock in two places. Moving crates keeps the total at 100, unless the
/// move stops halfway.
#[derive(Debug)]
struct Stock {
    warehouse: u32,
    shop: u32,
}

fn main() {
    // Print panic reports without the thread's OS id, which changes every run.
    panic::set_hook(Box::new(|info| {
        let name = thread::current().name().unwrap_or("<unnamed>").to_owned();
        let message = info.payload().downcast_ref::<String>();
        eprintln!(
            "thread '{name}' panicked: {}",
            message.map_or("", String::as_str)
        );
    }));

    let stock = Mutex::new(Stock {
        warehouse: 100,
        shop: 0,
    });

    thread::scope(|s| {
        let mover = thread::Builder::new().name("mover".into());
        let moved = mover.spawn_scoped(s, || {
            let mut stock = stock.lock().unwrap();
            stock.warehouse -= 10;
            // The label is unreadable: the thread panics holding the guard,
            // with the crates taken out of the warehouse but not yet in the shop.
            let crates: u32 = "ten".parse().expect("cannot read the crate label");
            stock.shop += crates;
        });
        assert!(moved.unwrap().join().is_err());
    });

    println!("is_poisoned: {}", stock.is_poisoned());
    match stock.lock() {
        Ok(_) => println!("lock() returned Ok"),
        Err(poisoned) => {
            println!("lock() returned Err: {poisoned}");
            // The Err still holds the guard: the data is there, as the
            // panicking thread left it.
            let mut stock = poisoned.into_inner();
            let total = stock.warehouse + stock.shop;
            println!("into_inner: {stock:?}, total {total}");
            stock.shop = 100 - stock.warehouse;
            println!("repaired: {stock:?}");
        }
    }
    // Once the data is whole again, say so, and lock() is Ok again.
    stock.clear_poison();
    println!("after clear_poison, lock() is ok: {}", stock.lock().is_ok());
}
