//! A `Timer` that fires, and one cancelled in time.

use ch05::Timer;
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

    // Cancel it after it fired: nothing happens.
    let toaster = Timer::start(ms(10), || println!("toaster: fired"));
    thread::sleep(ms(100));
    println!(
        "toaster: cancelled too late; it fired: {}",
        toaster.cancel()
    );
}
