//! An order priced by a pipeline of stages on their own threads.

use ch06::{BETWEEN_STAGES, stage};
use crossbeam_channel::bounded;
use std::thread;

const ORDER: [&str; 6] = [
    "3 apples", "12 pears", "7 plums", "1 melon", "20 figs", "5 lemons",
];

/// Stage 1: "12 pears" becomes (12, "pears").
fn parse(line: &str) -> (u32, String) {
    let (count, fruit) = line.split_once(' ').expect("a count and a fruit");
    (count.parse().expect("a number"), fruit.to_owned())
}

/// Stage 2: the price of a line of the order, in cents.
fn price((count, fruit): (u32, String)) -> (String, u32) {
    let each = match fruit.as_str() {
        "melon" => 250,
        "pears" | "lemons" => 40,
        _ => 30,
    };
    (fruit, count * each)
}

fn main() {
    let (lines, first_input) = bounded(BETWEEN_STAGES);
    thread::spawn(move || {
        for line in ORDER {
            lines.send(line).expect("the pipeline hung up");
        }
        println!(
            "source: all {} lines sent; dropping the first sender",
            ORDER.len()
        );
    });
    let parsed = stage("parse", first_input, parse);
    let priced = stage("price", parsed, price);

    // The sink: this loop ends when the last stage closes its output.
    let through_pipeline: Vec<(String, u32)> = priced.iter().collect();

    for (fruit, cents) in &through_pipeline {
        println!("{fruit:>7}: {:>3}.{:02}", cents / 100, cents % 100);
    }
    let one_line_at_a_time: Vec<(String, u32)> = ORDER.into_iter().map(parse).map(price).collect();
    println!(
        "same as one line at a time, in the same order: {}",
        through_pipeline == one_line_at_a_time
    );
}
