//! The chapter's claims about the watchdog: a child that outlives its time
//! is killed (SIGKILL) and reaped, so no zombie is left; a child that
//! finishes in time is left alone; and kill without wait does leave a
//! zombie, which is why the watchdog waits.
//!
//! The slow child is the child_watchdog listing itself, run with `--slow-child`
//! (it sleeps for 30 s), exactly as the listing runs it.

use ch05::{Ending, watch};
use listingkit::{listing_bin, number_after, output_of};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn child(role: &str) -> Child {
    Command::new(listing_bin("child_watchdog"))
        .arg(role)
        .spawn()
        .expect("the watchdog listing starts as a child")
}

/// The state letter of a process from `/proc/<pid>/stat` (`Z` for a
/// zombie), or `None` when the process table has no such process.
#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The state follows the command name, which is in parentheses.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

#[test]
fn a_child_past_its_time_is_killed_and_reaped() {
    let mut slow = child("--slow-child");
    let pid = slow.id();
    let start = Instant::now();
    let ending = watch(&mut slow, Duration::from_millis(300)).unwrap();
    let took = start.elapsed();
    let Ending::Killed(status) = ending else {
        panic!("a child that sleeps 30 s was not killed: {ending:?}");
    };
    assert!(!status.success());
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status}");
        assert_eq!(
            status.code(),
            None,
            "a process ended by a signal has no exit code"
        );
    }
    assert!(
        took >= Duration::from_millis(300),
        "killed early, after {took:?}"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    #[cfg(target_os = "linux")]
    {
        // Reaped: gone from the process table. (Were the pid already reused,
        // the new process would not be a zombie either.)
        let state = process_state(pid);
        assert!(
            state.is_none_or(|s| s != 'Z'),
            "pid {pid} is in state {state:?}"
        );
    }
    let _ = pid;
}

#[test]
fn a_child_that_finishes_in_time_is_left_alone() {
    let mut quick = child("--quick-child");
    let ending = watch(&mut quick, Duration::from_secs(5)).unwrap();
    let Ending::Finished(status) = ending else {
        panic!("a child that sleeps 0.1 s was killed: {ending:?}");
    };
    assert!(status.success(), "{status}");
}

#[cfg(target_os = "linux")]
#[test]
fn kill_without_wait_leaves_a_zombie_until_it_is_reaped() {
    let mut slow = child("--slow-child");
    let pid = slow.id();
    slow.kill().unwrap();
    // The child dies at once but stays in the process table, as a zombie,
    // until its parent (this test) collects its exit status.
    let deadline = Instant::now() + Duration::from_secs(5);
    while process_state(pid) != Some('Z') {
        assert!(
            Instant::now() < deadline,
            "pid {pid} never became a zombie: state {:?}",
            process_state(pid)
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    slow.wait().unwrap();
    let state = process_state(pid);
    assert!(
        state.is_none_or(|s| s != 'Z'),
        "pid {pid} is in state {state:?}"
    );
}

#[test]
fn the_listing_kills_only_the_slow_child() {
    let output = output_of("child_watchdog", &[]);
    let quick = output
        .lines()
        .find(|l| l.starts_with("--quick-child:"))
        .expect(&output);
    let slow = output
        .lines()
        .find(|l| l.starts_with("--slow-child:"))
        .expect(&output);
    assert!(quick.contains("finished by itself"), "{output}");
    assert!(quick.ends_with("(exit status: 0)"), "{output}");
    assert!(slow.contains("killed and reaped after"), "{output}");
    #[cfg(target_os = "linux")]
    assert!(slow.ends_with("(signal: 9 (SIGKILL))"), "{output}");
    let seconds = number_after(slow, "after").expect(slow);
    assert!((0.5..5.0).contains(&seconds), "{output}");
}
