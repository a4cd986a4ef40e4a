//! A heartbeat that stops on cancel or after a time limit.

use crossbeam_channel::{Receiver, after, bounded, select, tick};
use std::thread;
use std::time::{Duration, Instant};

/// Prints a beat every 200 ms until the cancel button is pressed or
/// `give_up_after` has passed, whichever comes first.
fn heartbeat(cancel: &Receiver<()>, give_up_after: Duration) {
    let start = Instant::now();
    let beat = tick(Duration::from_millis(200));
    let give_up = after(give_up_after);
    loop {
        select! {
            recv(beat) -> _ => println!("  beat at {} ms", start.elapsed().as_millis()),
            // A press, or every button dropped: either way, stop.
            recv(cancel) -> _ => {
                println!("  cancelled at {} ms", start.elapsed().as_millis());
                return;
            }
            recv(give_up) -> _ => {
                println!("  deadline at {} ms", start.elapsed().as_millis());
                return;
            }
        }
    }
}

fn main() {
    let ms = Duration::from_millis;

    println!("someone presses cancel after 500 ms (deadline 700 ms):");
    let (button, pressed) = bounded(1);
    thread::spawn(move || {
        thread::sleep(ms(500));
        let _ = button.send(());
    });
    heartbeat(&pressed, ms(700));

    println!("nobody presses cancel (deadline 700 ms):");
    // `_button` keeps the sender alive, unpressed, until the end of main. A
    // plain `_` would drop it at once, and a dropped button counts as pressed.
    let (_button, pressed) = bounded::<()>(1);
    heartbeat(&pressed, ms(700));
}
