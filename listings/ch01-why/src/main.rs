//! Where the time goes, in Rust: downloads and arithmetic in turn.
//!
//! Downloads some books, does some arithmetic, and times each part.
//! Everything happens one step after another.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use ch01::{BOOKS, BookServer, CLIENT_TIMEOUT, LATENCY, PRIMES_BELOW, SQUARES_UP_TO};

const USAGE: &str = "usage: ch01 [--books N] [--latency-ms MILLISECONDS]";

fn main() -> ExitCode {
    let settings = match Settings::from_args(std::env::args().skip(1)) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match where_the_time_goes(&settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: where_the_time_goes
fn where_the_time_goes(settings: &Settings) -> std::io::Result<()> {
    let server = BookServer::start(settings.latency)?;

    let started = Instant::now();
    let mut bytes = 0;
    for id in 0..settings.books {
        bytes += ch01::download_book(server.addr(), id)?.len();
    }
    let waiting = started.elapsed();
    println!("downloaded {} books, {bytes} bytes", settings.books);

    let started = Instant::now();
    let squares = ch01::sum_of_squares(SQUARES_UP_TO);
    let primes = ch01::count_primes(0..PRIMES_BELOW);
    let computing = started.elapsed();
    println!("sum of squares up to {SQUARES_UP_TO} (mod 2^64): {squares}");
    println!("primes below {PRIMES_BELOW}: {primes}");

    let total = waiting + computing;
    let share = |part: Duration| 100.0 * part.as_secs_f64() / total.as_secs_f64();
    println!();
    println!("where the time went:");
    println!(
        "  waiting for the network: {:.2} s ({:.0}%), at least {} books × {} ms",
        waiting.as_secs_f64(),
        share(waiting),
        settings.books,
        settings.latency.as_millis()
    );
    println!(
        "  computing:               {:.2} s ({:.0}%)",
        computing.as_secs_f64(),
        share(computing)
    );
    println!("  total:                   {:.2} s", total.as_secs_f64());

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!();
    println!("cores: {cores}");
    println!("More threads could overlap all of the waiting, however many cores there are;");
    println!("the computing can go at most {cores}× faster, one core per thread.");
    Ok(())
}
// ANCHOR_END: where_the_time_goes

struct Settings {
    books: usize,
    latency: Duration,
}

impl Settings {
    fn from_args(mut args: impl Iterator<Item = String>) -> Result<Settings, String> {
        let mut settings = Settings {
            books: BOOKS,
            latency: LATENCY,
        };
        while let Some(flag) = args.next() {
            match flag.as_str() {
                "--books" => settings.books = whole_number(&flag, args.next())? as usize,
                "--latency-ms" => {
                    settings.latency = Duration::from_millis(whole_number(&flag, args.next())?);
                }
                _ => return Err(format!("unknown argument `{flag}`")),
            }
        }
        // The client gives up after CLIENT_TIMEOUT, so a slower server could
        // only ever produce errors.
        if settings.latency >= CLIENT_TIMEOUT {
            return Err(format!(
                "--latency-ms must be below {} (the client's timeout)",
                CLIENT_TIMEOUT.as_millis()
            ));
        }
        Ok(settings)
    }
}

fn whole_number(flag: &str, value: Option<String>) -> Result<u64, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
    value
        .parse()
        .map_err(|_| format!("{flag} needs a whole number, got `{value}`"))
}
