//! parking_lot's `Mutex`: no poisoning, and a lock with a time limit.

use parking_lot::Mutex;
use std::panic;
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Stock {
    warehouse: u32,
    shop: u32,
}

fn main() {
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

    // The same half-done move as before, on a parking_lot mutex.
    thread::scope(|s| {
        let mover = thread::Builder::new().name("mover".into());
        let moved = mover.spawn_scoped(s, || {
            let mut stock = stock.lock();
            stock.warehouse -= 10;
            let crates: u32 = "ten".parse().expect("cannot read the crate label");
            stock.shop += crates;
        });
        assert!(moved.unwrap().join().is_err());
    });

    // No poisoning: lock() returns the guard itself, not a Result, and
    // nothing says that the move stopped halfway.
    let total = {
        let stock = stock.lock();
        println!("lock() after the panic: {stock:?}");
        stock.warehouse + stock.shop
    };
    println!("total: {total}, and no error to tell you");

    // try_lock_for: wait for the lock, but only so long.
    let guard = stock.lock();
    let (got_it, waited_full_time) = thread::scope(|s| {
        s.spawn(|| {
            let start = Instant::now();
            let got_it = stock.try_lock_for(Duration::from_millis(200)).is_some();
            (got_it, start.elapsed() >= Duration::from_millis(200))
        })
        .join()
        .unwrap()
    });
    println!("while main holds the lock, try_lock_for(200 ms) got it: {got_it}");
    println!("it waited the full 200 ms before giving up: {waited_full_time}");
    drop(guard);
    let got_it = stock.try_lock_for(Duration::from_millis(200)).is_some();
    println!("once main has let go, try_lock_for(200 ms) got it: {got_it}");
}
