//! `after` and `tick`: a one-shot and a periodic timer.

use crossbeam_channel::{after, select, tick};
use std::thread;
use std::time::{Duration, Instant};

fn main() {
    let ms = Duration::from_millis;
    let start = Instant::now();
    let since_start = || start.elapsed().as_millis();

    let once = after(ms(500)); // one message, 500 ms from now
    let every = tick(ms(200)); // a message every 200 ms, for ever
    let stop = after(ms(900));
    let (mut onces, mut ticks) = (0, 0);
    loop {
        select! {
            recv(once) -> _ => {
                onces += 1;
                println!("{:>4} ms: after(500 ms) delivers", since_start());
            }
            recv(every) -> _ => {
                ticks += 1;
                println!("{:>4} ms: tick(200 ms) delivers", since_start());
            }
            recv(stop) -> _ => break,
        }
    }
    println!(
        "in {} ms: after delivered {onces} time, tick {ticks} times",
        since_start()
    );

    // A reader that falls behind: ticks that nobody takes are not saved up.
    let every = tick(ms(100));
    thread::sleep(ms(450));
    println!(
        "asleep for 450 ms next to tick(100 ms): {} tick waiting",
        every.try_iter().count()
    );
}
