//! A `Timer` that fires, and one cancelled in time.

use ch05::Timer;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let ms = Duration::from_millis;

    // Set it and let it fire.
    let start = Instant::now();
    let kettle = Timer::start(ms(200), move || {
        println!("kettle: fired after {:.2} s", start.elapsed().as_secs_f64());
    });
    println!("kettle: wait() says it fired: {}", kettle.wait());

    // Cancel it before its time.
    let start = Instant::now();
    let oven = Timer::start(ms(200), || println!("oven: fired (this must never print)"));
    thread::sleep(ms(50));
    let fired = oven.cancel();
    println!(
        "oven: cancelled after {:.2} s; it fired: {fired}",
        start.elapsed().as_secs_f64()
    );

    // Drop it: that cancels it too.
    {
        let _alarm = Timer::start(ms(200), || println!("alarm: fired (this must never print)"));
    } // `_alarm` is dropped here.
    thread::sleep(ms(300));
    println!("alarm: dropped, and 0.30 s later it has not fired");

    // Cancel it after it fired: nothing happens. The action tells us when it
    // has run, so that we cancel after it however busy the machine is.
    let (toasted, has_toasted) = mpsc::channel();
    let toaster = Timer::start(ms(10), move || {
        println!("toaster: fired");
        let _ = toasted.send(());
    });
    let _ = has_toasted.recv();
    println!(
        "toaster: cancelled too late; it fired: {}",
        toaster.cancel()
    );
}
