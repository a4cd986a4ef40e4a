//! Fan-in: three sensors, one receiver.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const SENSORS: [&str; 3] = ["kitchen", "hall", "garden"];
const READINGS: u32 = 4;

fn main() {
    let (readings, inbox) = mpsc::channel();

    for (number, sensor) in SENSORS.into_iter().enumerate() {
        // Every sensor sends on a clone of the one sender.
        let readings = readings.clone();
        thread::spawn(move || {
            for reading in 1..=READINGS {
                let celsius = 18 + number as u32 + reading;
                readings
                    .send(format!("{sensor} {reading}: {celsius} °C"))
                    .unwrap();
                thread::sleep(Duration::from_millis(10));
            }
            // This clone is dropped as the thread ends.
        });
    }
    // Main's own sender would keep the channel open for ever: drop it, and
    // the channel closes when the last sensor's clone is dropped.
    drop(readings);

    let mut received: Vec<String> = inbox.iter().collect();
    received.sort();
    for reading in &received {
        println!("{reading}");
    }
    println!("{} readings from {} sensors", received.len(), SENSORS.len());
}
