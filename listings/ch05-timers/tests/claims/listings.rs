//! The claims the chapter makes about its smaller listings, checked by
//! running them. Their timings vary, so only what the clock guarantees is
//! asserted exactly (a sleep or a timeout never ends early); everything
//! else gets margins of hundreds of milliseconds.

use crossbeam_channel::{after, bounded, select, tick};
use listingkit::{number_after, output_of};
use std::thread;
use std::time::{Duration, Instant};

fn line_starting<'a>(output: &'a str, start: &str) -> &'a str {
    output
        .lines()
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in:\n{output}"))
}

#[test]
fn a_sleep_is_never_shorter_and_a_passed_deadline_leaves_zero() {
    let output = output_of("instants_and_durations", &[]);
    assert!(
        output.starts_with("nap: 150ms, or 150 ms, or 0.15 s\n"),
        "{output}"
    );
    assert!(
        output.contains("at least as long as asked: true\n"),
        "{output}"
    );
    let left = number_after(&output, "left until the deadline:").expect(&output);
    assert!(left <= 250.0, "{output}");
    assert!(output.contains("deadline passed: true\n"), "{output}");
    assert!(
        output.contains("left now: 0ns; checked_duration_since says None\n"),
        "{output}"
    );
}

#[test]
fn a_repeated_timeout_overruns_and_one_deadline_does_not() {
    let output = output_of("deadline_vs_timeout", &[]);
    let repeated = line_starting(&output, "the same timeout for every wait:");
    let deadline = line_starting(&output, "one deadline for all the waits:");
    // Each reading arrived within 350 ms of the one before, so the loop
    // took all ten, and waited about as long as the sensor took (1 s; its
    // clock starts a moment before the loop's), far past 350 ms.
    assert!(repeated.ends_with(", 10 readings"), "{output}");
    let repeated_took = number_after(repeated, "stopped after").expect(repeated);
    assert!(repeated_took >= 0.9, "{output}");
    // The deadline version stopped at 350 ms, give or take a busy machine,
    // with only the readings that came before it.
    let took = number_after(deadline, "stopped after").expect(deadline);
    assert!((0.35..0.8).contains(&took), "{output}");
    let got = number_after(deadline, "s,").expect(deadline);
    assert!(got < 10.0, "{output}");
}

#[test]
fn the_timer_fires_only_when_it_is_not_cancelled_or_dropped() {
    let output = output_of("cancel_timer", &[]);
    assert!(!output.contains("must never print"), "{output}");
    let kettle = number_after(&output, "kettle: fired after").expect(&output);
    assert!(kettle >= 0.2, "{output}");
    assert!(
        output.contains("kettle: wait() says it fired: true\n"),
        "{output}"
    );
    let oven = line_starting(&output, "oven: cancelled after");
    assert!(oven.ends_with("it fired: false"), "{output}");
    // cancel() returned long before the oven's 0.2 s were up.
    assert!(number_after(oven, "after").expect(oven) < 0.2, "{output}");
    assert!(
        output.contains("alarm: dropped, and 0.30 s later it has not fired\n"),
        "{output}"
    );
    assert!(
        output.ends_with("toaster: fired\ntoaster: cancelled too late; it fired: true\n"),
        "{output}"
    );
}

#[test]
fn after_delivers_once_and_tick_again_and_again() {
    let output = output_of("one_shot_and_periodic", &[]);
    let afters = output
        .lines()
        .filter(|l| l.contains("after(500 ms) delivers"))
        .count();
    let ticks = output
        .lines()
        .filter(|l| l.contains("tick(200 ms) delivers"))
        .count();
    assert_eq!(afters, 1, "{output}");
    // Four fit in the 900 ms; three or five only on a very late run.
    assert!((3..=5).contains(&ticks), "{output}");
    assert!(
        output.contains(&format!("after delivered 1 time, tick {ticks} times\n")),
        "{output}"
    );
    assert!(
        output.ends_with("asleep for 450 ms next to tick(100 ms): 1 tick waiting\n"),
        "{output}"
    );
}

#[test]
fn a_tick_nobody_takes_is_dropped_not_queued() {
    let every = tick(Duration::from_millis(20));
    thread::sleep(Duration::from_millis(300));
    assert_eq!(
        every.try_iter().count(),
        1,
        "fifteen ticks were due; one waits"
    );
    let once = after(Duration::from_millis(20));
    thread::sleep(Duration::from_millis(100));
    assert!(once.try_recv().is_ok());
    thread::sleep(Duration::from_millis(100));
    assert!(once.try_recv().is_err(), "after delivers only once");
}

#[test]
fn the_heartbeat_stops_on_cancel_or_at_its_deadline() {
    let output = output_of("heartbeat_with_cancel", &[]);
    let (pressed, unpressed) = output
        .split_once("nobody presses cancel")
        .unwrap_or_else(|| panic!("two runs in:\n{output}"));
    for (run, stop) in [(pressed, "  cancelled at"), (unpressed, "  deadline at")] {
        let lines: Vec<&str> = run.lines().skip(1).collect();
        let (last, beats) = lines.split_last().expect(run);
        assert!(last.starts_with(stop), "{output}");
        assert!(!beats.is_empty(), "{output}");
        for (n, beat) in beats.iter().enumerate() {
            // The n-th beat cannot come before n times 200 ms.
            let at = number_after(beat, "beat at").expect(beat);
            assert!(at >= 200.0 * (n + 1) as f64, "{output}");
        }
    }
    // The presser's 500 ms started a moment before the heartbeat's clock,
    // so only "after the beats" is certain; the `after` deadline is exact.
    let cancelled = number_after(pressed, "cancelled at").unwrap();
    let last_beat = pressed
        .lines()
        .rev()
        .find_map(|l| number_after(l, "beat at"));
    assert!(cancelled >= last_beat.unwrap_or(0.0), "{output}");
    assert!(
        number_after(unpressed, "deadline at").unwrap() >= 700.0,
        "{output}"
    );
}

#[test]
fn a_dropped_button_counts_as_pressed_but_a_kept_one_does_not() {
    // Bound to `_`, the sender is dropped at once: the channel is
    // disconnected, and a disconnected channel is always ready.
    let (_, dropped) = bounded::<()>(1);
    select! {
        recv(dropped) -> press => assert!(press.is_err(), "no message, just disconnected"),
        default(Duration::from_secs(2)) => panic!("a dropped button did not count as pressed"),
    }
    let (_button, kept) = bounded::<()>(1);
    select! {
        recv(kept) -> press => panic!("a button nobody pressed fired: {press:?}"),
        default(Duration::from_millis(200)) => {}
    }
}

#[test]
fn a_late_tick_moves_the_ticks_after_it() {
    let every = tick(Duration::from_millis(100));
    thread::sleep(Duration::from_millis(250));
    // Take the tick that was due at 100 ms, 150 ms late.
    let taken = Instant::now();
    assert!(every.try_recv().is_ok());
    // The next one is due 100 ms after that, at 350 ms or later; a fixed
    // grid would have delivered it at 300 ms.
    every.recv_timeout(Duration::from_secs(2)).unwrap();
    assert!(
        taken.elapsed() >= Duration::from_millis(100),
        "{:?}",
        taken.elapsed()
    );
}

/// The chapter's claim about Python's `executor.map(timeout=…)`: results
/// come in input order, so the first late one raises `TimeoutError` although
/// a later job finished long before the deadline.
#[test]
fn python_executor_map_times_out_at_the_first_late_result_in_input_order() {
    if !listingkit::python3_installed() {
        eprintln!("python3 is not installed: nothing to check");
        return;
    }
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("python/futures_timeout.py");
    let mut command = std::process::Command::new("python3");
    command.arg(script);
    let run = listingkit::run_with_deadline(command, None, Duration::from_secs(10))
        .expect("python3 starts");
    assert!(run.success(), "{}", run.output);
    let line = line_starting(&run.output, "map: TimeoutError at");
    assert!(
        line.ends_with("yielded []"),
        "nothing before the late result: {line}"
    );
    let at = number_after(line, "map: TimeoutError at").expect("a time");
    // Counted from the call (0.2 s), not from the quick job or the slow one.
    assert!((0.2..0.38).contains(&at), "{line}");
}
