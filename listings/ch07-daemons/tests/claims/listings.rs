//! The claims chapter 7 makes about each listing, checked by running the
//! listing (with input, without, and with signals) and, where it is natural,
//! by trying the idea right here in the test.
//!
//! Nothing may hang: every child process runs under a deadline and is
//! killed if a test fails, and every in-process wait has a timeout.

use listingkit::{listing_bin, number_after, output_of, run_listing, run_listing_with};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// How long any one step of a test may wait for a child process.
const DEADLINE: Duration = Duration::from_secs(10);

/// A listing started by a test, with its stdout read line by line on a
/// thread of its own. Dropping it kills the process if it is still running,
/// so a failing test leaves nothing behind.
struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(name: &str, args: &[&str], with_stdin: bool) -> Running {
        let mut child = Command::new(listing_bin(name))
            .args(args)
            .env_remove("RUST_BACKTRACE")
            .stdin(if with_stdin {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start `{name}`: {e}"));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (line_tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line_tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            stdin,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line that starts with `prefix`, and returns it.
    fn wait_for_line(&mut self, prefix: &str) -> String {
        let until = Instant::now() + DEADLINE;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(e) => panic!(
                    "no line starting with {prefix:?} ({e}); the listing printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    fn write_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("started with stdin");
        writeln!(stdin, "{line}").expect("write to the listing's stdin");
        stdin.flush().expect("flush the listing's stdin");
    }

    fn close_stdin(&mut self) {
        self.stdin = None;
    }

    fn send_signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill {signal} failed");
    }

    /// Waits for the process to end; returns its status and everything it
    /// printed.
    fn finish(mut self) -> (ExitStatus, String) {
        let until = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for the listing") {
                break status;
            }
            assert!(
                Instant::now() < until,
                "the listing did not exit within {DEADLINE:?}; it printed:\n{}",
                self.seen.join("\n")
            );
            thread::sleep(Duration::from_millis(10));
        };
        // The process is gone, so its stdout closes and the reader ends.
        loop {
            match self.lines.recv_timeout(Duration::from_secs(2)) {
                Ok(line) => self.seen.push(line),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => panic!("stdout stayed open after exit"),
            }
        }
        let mut output = self.seen.join("\n");
        output.push('\n');
        (status, output)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A path in the temporary folder for a file a listing writes for a test.
fn temp_file(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!("ch07-test-{what}-{}.txt", std::process::id()))
}

/// The number after `label` in `output`, which must be there.
fn count_after(output: &str, label: &str) -> usize {
    number_after(output, label).unwrap_or_else(|| panic!("no {label:?} in:\n{output}")) as usize
}

mod lost_buffered_writes {
    use super::*;
    use std::fs::{self, File};
    use std::io::BufWriter;

    #[test]
    fn returning_from_main_loses_what_the_writer_had_buffered_and_joining_keeps_it() {
        let output = output_of("lost_buffered_writes", &[]);
        let (returned, joined) = output
            .split_once("parent: a child whose main ends with `join`")
            .expect(&output);
        assert!(
            returned.contains("child main: the writer has written 250 records"),
            "{output}"
        );
        // Of the 250 records written, only those that filled the 8 KiB
        // buffer once (204 records of 40 bytes) reached the file.
        assert!(
            returned.contains("parent: the file holds 8160 bytes: 204 of the 400 records"),
            "{output}"
        );
        assert!(!returned.contains("writer: all 400"), "{output}");

        assert!(
            joined.contains("writer: all 400 records written and flushed"),
            "{output}"
        );
        assert!(
            joined.contains("parent: the file holds 16000 bytes: 400 of the 400 records"),
            "{output}"
        );
    }

    #[test]
    fn a_bufwriter_passes_writes_on_only_when_its_8_kib_fill_up_or_it_is_flushed() {
        let path = temp_file("bufwriter");
        let mut out = BufWriter::new(File::create(&path).unwrap());
        assert_eq!(out.capacity(), 8 * 1024);
        let record = [b'x'; 40];
        for _ in 0..204 {
            out.write_all(&record).unwrap();
        }
        assert_eq!(fs::metadata(&path).unwrap().len(), 0, "204 records fit");
        out.write_all(&record).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().len(),
            204 * 40,
            "the 205th does not fit, so the full buffer is written first"
        );
        out.flush().unwrap();
        assert_eq!(fs::metadata(&path).unwrap().len(), 205 * 40);
        drop(out);
        fs::remove_file(&path).unwrap();
    }
}

mod heartbeat {
    use super::*;

    #[test]
    fn with_no_input_at_all_it_ends_at_once_and_cleanly() {
        let run = run_listing_with("heartbeat", &[], None, DEADLINE);
        assert!(run.success(), "{run:?}");
        assert!(
            run.output
                .contains("main: end of input after 0 lines; stopping the heartbeat"),
            "{}",
            run.output
        );
        assert!(
            run.output.contains("main: the heartbeat stopped after"),
            "{}",
            run.output
        );
    }

    #[test]
    fn with_input_lines_it_echoes_them_and_ends_at_end_of_input() {
        let run = run_listing_with("heartbeat", &[], Some("alpha\nbeta\ngamma\n"), DEADLINE);
        assert!(run.success(), "{run:?}");
        let got: Vec<&str> = run
            .output
            .lines()
            .filter(|line| line.starts_with("main: got"))
            .collect();
        assert_eq!(
            got,
            [
                r#"main: got "alpha""#,
                r#"main: got "beta""#,
                r#"main: got "gamma""#
            ]
        );
        assert!(
            run.output.contains("main: end of input after 3 lines"),
            "{}",
            run.output
        );
    }

    #[test]
    fn it_beats_while_main_waits_for_a_line() {
        let mut heartbeat = Running::start("heartbeat", &[], true);
        let alpha_sent = Instant::now();
        heartbeat.write_line("alpha");
        heartbeat.wait_for_line(r#"main: got "alpha""#);
        // Main now waits for the next line; the heartbeat beats every 0.5 s.
        thread::sleep(Duration::from_millis(1200));
        heartbeat.write_line("beta");
        heartbeat.close_stdin();
        heartbeat.wait_for_line(r#"main: got "beta""#);
        // Main waited for `beta` for at least 1.2 s, and at most this long.
        let window = alpha_sent.elapsed();
        let (status, output) = heartbeat.finish();
        assert!(status.success(), "{status}\n{output}");

        let between = output
            .split_once(r#"main: got "alpha""#)
            .and_then(|(_, rest)| rest.split_once(r#"main: got "beta""#))
            .map(|(between, _)| between)
            .expect(&output);
        let beats = between
            .lines()
            .filter(|line| line.starts_with("heartbeat: still waiting"))
            .count();
        // At least one beat in 1.2 s, and never more than one per 0.5 s.
        let most = (window.as_secs_f64() / 0.5) as usize + 1;
        assert!(
            (1..=most).contains(&beats),
            "{beats} beats in {window:?}:\n{output}"
        );
        assert_eq!(
            count_after(&output, "the heartbeat stopped after"),
            output.matches("heartbeat: still waiting").count(),
            "{output}"
        );
    }

    #[test]
    fn dropping_the_sender_wakes_a_thread_in_the_middle_of_recv_timeout() {
        let (stop, stop_requested) = mpsc::channel::<()>();
        let (woke_tx, woke) = mpsc::channel();
        thread::spawn(move || {
            let started = Instant::now();
            let result = stop_requested.recv_timeout(Duration::from_secs(30));
            let _ = woke_tx.send((result, started.elapsed()));
        });
        thread::sleep(Duration::from_millis(50));
        drop(stop);
        let (result, waited) = woke
            .recv_timeout(Duration::from_secs(5))
            .expect("the waiting thread woke up");
        assert_eq!(result, Err(RecvTimeoutError::Disconnected));
        assert!(waited < Duration::from_secs(5), "waited {waited:?}");
    }
}

mod stop_flag {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

    #[test]
    fn the_worker_stops_within_about_one_job_of_the_flag() {
        let output = output_of("stop_flag", &[]);
        let waited = number_after(&output, "jobs,").expect(&output);
        // One job is 50 ms; the worker notices at the end of the one it is
        // doing. 500 ms leaves room for a busy machine.
        assert!(waited < 500.0, "{output}");
    }

    #[test]
    fn a_flag_checked_between_jobs_never_cuts_a_job_in_half() {
        let stop = Arc::new(AtomicBool::new(false));
        let started = Arc::new(AtomicU32::new(0));
        let finished = Arc::new(AtomicU32::new(0));
        let worker = {
            let (stop, started, finished) = (stop.clone(), started.clone(), finished.clone());
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    started.fetch_add(1, Ordering::Relaxed);
                    thread::sleep(Duration::from_millis(5));
                    finished.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        thread::sleep(Duration::from_millis(52));
        stop.store(true, Ordering::Relaxed);
        worker.join().unwrap();
        assert_eq!(
            started.load(Ordering::Relaxed),
            finished.load(Ordering::Relaxed)
        );
    }
}

mod shutdown_channel {
    use super::*;
    use crossbeam_channel::{bounded, select, unbounded};

    #[test]
    fn a_worker_waiting_for_a_job_stops_at_once_on_shutdown() {
        let output = output_of("shutdown_channel", &[]);
        for job in 1..=3 {
            assert!(
                output.contains(&format!("worker: job {job} done")),
                "{output}"
            );
        }
        assert!(
            output.contains("main: the worker stopped after 3 jobs"),
            "{output}"
        );
        // Without the shutdown channel it would have waited for ever.
        let waited = number_after(&output, "jobs,").expect(&output);
        assert!(waited < 500.0, "{output}");
    }

    #[test]
    fn with_jobs_waiting_and_shutdown_closed_select_picks_either() {
        let (jobs_tx, jobs) = unbounded::<u32>();
        let (shutdown_tx, shutdown) = bounded::<()>(0);
        for job in 0..100 {
            jobs_tx.send(job).unwrap();
        }
        drop(shutdown_tx);
        let (mut picked_job, mut picked_shutdown) = (0, 0);
        for _ in 0..100 {
            select! {
                recv(jobs) -> _ => picked_job += 1,
                recv(shutdown) -> _ => picked_shutdown += 1,
            }
        }
        // Both are ready every time, and select! picks one at random: a
        // shutdown channel means "stop soon", not "after the queue".
        assert!(picked_job > 0 && picked_shutdown > 0);
    }
}

mod fleets {
    use super::*;

    #[test]
    fn the_abandoned_fleet_ends_with_most_jobs_never_done() {
        let run = run_listing("abandoned_fleet", &[]);
        assert!(run.success(), "{run:?}");
        let output = &run.output;
        assert_eq!(output.matches(" finished\n").count(), 4, "{output}");
        assert!(
            output.contains(
                "main: 4 of 20 jobs finished; returning without waiting for the other 16"
            ),
            "{output}"
        );
        // 20 jobs of 200 ms on 4 workers need at least 1 s: the process did
        // not stay for them.
        assert!(run.elapsed < Duration::from_secs(1), "{:?}", run.elapsed);
    }

    #[test]
    fn the_draining_fleet_finishes_every_job_exactly_once() {
        let run = run_listing("draining_fleet", &[]);
        assert!(run.success(), "{run:?}");
        assert!(
            run.output
                .contains("main: 20 of 20 jobs finished, each exactly once: true"),
            "{}",
            run.output
        );
        assert!(run.elapsed >= Duration::from_secs(1), "{:?}", run.elapsed);
    }
}

mod graceful_shutdown {
    use super::*;
    use std::collections::BTreeSet;
    use std::fs;

    /// Checks what the service printed and wrote: every accepted record
    /// handled, flushed and in the file exactly once.
    fn check_nothing_was_lost(output: &str, path: &PathBuf) {
        let accepted = count_after(output, "accepted");
        assert!(accepted > 0, "{output}");
        assert_eq!(
            count_after(output, "joined after handling"),
            accepted,
            "{output}"
        );
        assert_eq!(count_after(output, "writer: flushed"), accepted, "{output}");
        assert_eq!(count_after(output, "the file holds"), accepted, "{output}");

        let text = fs::read_to_string(path).expect("the service's file");
        let records: Vec<usize> = text
            .lines()
            .map(|line| count_after(line, "record"))
            .collect();
        let distinct: BTreeSet<usize> = records.iter().copied().collect();
        assert_eq!(records.len(), accepted, "one line per record");
        assert_eq!(
            distinct,
            (1..=accepted).collect(),
            "every record 1..={accepted} exactly once"
        );
    }

    fn stops_cleanly_on(signals: &[&str]) {
        let path = temp_file(&format!("service{}", signals.concat()));
        let mut service = Running::start("ch07", &[path.to_str().unwrap()], false);
        service.wait_for_line("ready:");
        // Let some work arrive first.
        thread::sleep(Duration::from_millis(300));
        for signal in signals {
            service.send_signal(signal);
        }
        let (status, output) = service.finish();
        let result = std::panic::catch_unwind(|| {
            assert_eq!(status.code(), Some(0), "{output}");
            assert!(
                output.contains("shutdown: a signal arrived;"),
                "it stopped for another reason:\n{output}"
            );
            check_nothing_was_lost(&output, &path);
        });
        let _ = fs::remove_file(&path);
        if let Err(panic) = result {
            std::panic::resume_unwind(panic);
        }
    }

    #[test]
    fn sigterm_stops_accepting_work_drains_flushes_and_exits_0() {
        stops_cleanly_on(&["-TERM"]);
    }

    #[test]
    fn ctrl_c_does_the_same() {
        // Ctrl-C in a terminal sends SIGINT.
        stops_cleanly_on(&["-INT"]);
    }

    #[test]
    fn two_ctrl_c_in_a_row_still_shut_down_cleanly() {
        stops_cleanly_on(&["-INT", "-INT"]);
    }

    #[test]
    fn with_no_signal_it_shuts_itself_down_the_same_way() {
        let path = temp_file("service-unsignalled");
        let run = run_listing("ch07", &[path.to_str().unwrap()]);
        let result = std::panic::catch_unwind(|| {
            assert!(run.success(), "{run:?}");
            assert!(
                run.output.contains("no signal came, and the shift is over"),
                "{}",
                run.output
            );
            check_nothing_was_lost(&run.output, &path);
        });
        let _ = fs::remove_file(&path);
        if let Err(panic) = result {
            std::panic::resume_unwind(panic);
        }
    }
}
