//! `bounded(0)`: a channel that hands over directly.

use crossbeam_channel::bounded;
use std::thread;
use std::time::{Duration, Instant};

const MAIN_BUSY: Duration = Duration::from_millis(200);

fn main() {
    // Room for one message: a send succeeds with nobody receiving.
    let (roomy, _receiver) = bounded(1);
    let outcome = roomy.try_send("note").map_err(|e| e.to_string());
    println!("bounded(1), nobody receiving: try_send gives {outcome:?}");
    // Room for none: a message can only go straight into a receiver's hands.
    let (hand_over, receiver) = bounded(0);
    let outcome = hand_over.try_send("note").map_err(|e| e.to_string());
    println!("bounded(0), nobody receiving: try_send gives {outcome:?}");

    let start = Instant::now();
    let runner = thread::spawn(move || {
        hand_over.send("baton").expect("main hung up");
        start.elapsed()
    });

    thread::sleep(MAIN_BUSY);
    println!("main: busy for {} ms, now receiving", MAIN_BUSY.as_millis());
    let baton = receiver.recv().expect("the runner hung up");
    let waited = runner.join().expect("the runner panicked");
    println!("main: received the {baton}");
    println!("runner: its send returned after {} ms", waited.as_millis());
}
