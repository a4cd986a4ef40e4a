//! Every child process the tools start: spawned in a process group of its
//! own, killed as a group (through rustix: no `unsafe`), and, for what
//! escapes its group, swept by an environment marker.
//!
//! The one place that sends signals: listingkit, the workbook tool (capture,
//! the exercise runner, the grader, the book checks) and browsercheck all
//! come here.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// At most this many bytes of the start of a child's output are kept, and
/// [`OUTPUT_TAIL`] of its end; the middle is read and thrown away so that the
/// child never blocks on a full pipe.
pub const OUTPUT_CAP: usize = 1 << 20;
/// How much of the end of a long output is kept (where a test harness
/// prints its verdict).
pub const OUTPUT_TAIL: usize = 1 << 16;

/// The head and tail of an output stream.
#[derive(Clone)]
struct Captured {
    /// How much of the start to keep.
    cap: usize,
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    dropped: usize,
}

impl Captured {
    fn push(&mut self, mut bytes: &[u8]) {
        let room = self.cap.saturating_sub(self.head.len());
        let into_head = bytes.len().min(room);
        self.head.extend_from_slice(&bytes[..into_head]);
        bytes = &bytes[into_head..];
        self.tail.extend(bytes);
        while self.tail.len() > OUTPUT_TAIL {
            let excess = self.tail.len() - OUTPUT_TAIL;
            self.tail.drain(..excess);
            self.dropped += excess;
        }
    }

    fn text(&self) -> (String, bool) {
        let mut bytes = self.head.clone();
        let truncated = self.dropped > 0;
        if truncated {
            bytes.extend_from_slice(
                format!("\n[… {} bytes of output cut …]\n", self.dropped).as_bytes(),
            );
        }
        bytes.extend(self.tail.iter());
        (String::from_utf8_lossy(&bytes).into_owned(), truncated)
    }
}

/// What one run of a program did.
#[derive(Debug)]
pub struct Run {
    /// `None` when the program was killed at the deadline.
    pub status: Option<ExitStatus>,
    /// Standard output and standard error, interleaved as a terminal shows them.
    pub output: String,
    /// True when the middle of a long output was cut (see [`OUTPUT_CAP`]).
    pub truncated: bool,
    pub elapsed: Duration,
}

impl Run {
    pub fn timed_out(&self) -> bool {
        self.status.is_none()
    }

    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }
}

/// Runs `command` with stdin closed (or fed `stdin`), waits at most
/// `deadline`, and returns what it printed. On timeout the child and every
/// process it started in its group are killed.
///
/// `RUST_BACKTRACE` is removed from the child's environment so that a panic
/// prints the same report on every machine, whatever the caller's shell set.
pub fn run_with_deadline(
    command: Command,
    stdin: Option<&str>,
    deadline: Duration,
) -> std::io::Result<Run> {
    run_with_deadline_keeping(command, stdin, deadline, OUTPUT_CAP)
}

/// Like [`run_with_deadline`], keeping up to `keep` bytes of the start of
/// the output instead of [`OUTPUT_CAP`] (for a tool whose whole output is
/// data, such as cargo's JSON messages).
pub fn run_with_deadline_keeping(
    mut command: Command,
    stdin: Option<&str>,
    deadline: Duration,
    keep: usize,
) -> std::io::Result<Run> {
    let (mut reader, writer) = std::io::pipe()?;
    command
        .env_remove("RUST_BACKTRACE")
        .stdout(writer.try_clone()?)
        .stderr(writer)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });

    let start = Instant::now();
    let mut child = spawn_in_group(&mut command)?;
    // The parent's copies of the pipe's write end live in `command`; drop it so
    // the reader sees end-of-file once the child's side closes.
    drop(command);

    let feeder = child.stdin.take().map(|mut pipe| {
        let text = stdin.unwrap_or_default().to_owned();
        std::thread::spawn(move || {
            use std::io::Write;
            // The child may exit without reading its input; that is its choice.
            let _ = pipe.write_all(text.as_bytes());
        })
    });

    // The collector shares what it has read so far, so that a process that
    // escaped the group kill and still holds the pipe cannot make us wait.
    let collected = Arc::new(Mutex::new(Captured {
        cap: keep,
        head: Vec::new(),
        tail: Default::default(),
        dropped: 0,
    }));
    let (finished_tx, finished_rx) = mpsc::channel::<()>();
    {
        let collected = Arc::clone(&collected);
        std::thread::spawn(move || {
            let mut chunk = vec![0u8; 1 << 16];
            loop {
                match reader.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => collected
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(&chunk[..n]),
                }
            }
            let _ = finished_tx.send(());
        });
    }

    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() >= deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    // Whether it finished or not, nothing it started may outlive the run:
    // a leftover grandchild would also hold the output pipe open.
    kill_group(child.id());
    #[cfg(not(unix))]
    let _ = child.kill();
    let _ = child.wait();
    // Normally the pipe closes at once; a process that left the group keeps
    // it open, and then what was read so far is all there is.
    let _ = finished_rx.recv_timeout(Duration::from_secs(2));
    let (output, truncated) = collected.lock().unwrap_or_else(|e| e.into_inner()).text();
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    Ok(Run {
        status,
        output,
        truncated,
        elapsed,
    })
}

/// Makes `command` start its child as the leader of a new process group, so
/// that [`kill_group`] reaches everything the child starts.
pub fn in_own_group(command: &mut Command) -> &mut Command {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(command, 0);
    command
}

/// Spawns `command` in a process group of its own (see [`in_own_group`]).
pub fn spawn_in_group(command: &mut Command) -> std::io::Result<Child> {
    in_own_group(command).spawn()
}

/// Kills (SIGKILL) the process group led by `leader`, the id of a child
/// started with [`spawn_in_group`]; a group that is already gone is not an
/// error.
pub fn kill_group(leader: u32) {
    #[cfg(unix)]
    if let Some(group) = rustix::process::Pid::from_raw(leader as i32) {
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    #[cfg(not(unix))]
    let _ = leader;
}

/// A value for a process marker that no other process on the machine uses:
/// this process's id and 64 random bits, the same for the whole process. A
/// bare process id could match what an earlier process of the same id left
/// running.
pub fn this_process_marker() -> &'static str {
    static VALUE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VALUE.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        // std seeds each RandomState from the operating system's randomness.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        format!("{}-{:016x}", std::process::id(), hasher.finish())
    })
}

/// Kills every process whose environment holds `marker` (`NAME=value`),
/// except this one, and returns how many it killed: the sweep for processes
/// that left their group (`setsid`). Linux only; elsewhere the group kill is
/// all there is and this returns 0.
pub fn kill_marked_processes(marker: &str) -> usize {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let me = std::process::id();
    let mut killed = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if environ
            .split(|b| *b == 0)
            .any(|var| var == marker.as_bytes())
        {
            kill_pid(pid);
            killed += 1;
        }
    }
    killed
}

/// Kills one process by id (SIGKILL on Unix); a process that is already gone
/// is not an error.
pub fn kill_pid(pid: u32) {
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
    }
    #[cfg(not(unix))]
    let _ = pid;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn collects_stdout_and_stderr_in_order() {
        let run = run_with_deadline(
            shell("echo one; echo two >&2; echo three"),
            None,
            crate::LISTING_DEADLINE,
        )
        .unwrap();
        assert!(run.success());
        assert_eq!(run.output, "one\ntwo\nthree\n");
    }

    #[test]
    fn feeds_stdin_and_closes_it() {
        let run = run_with_deadline(
            shell("cat; echo done"),
            Some("hello\n"),
            crate::LISTING_DEADLINE,
        )
        .unwrap();
        assert_eq!(run.output, "hello\ndone\n");
        let run = run_with_deadline(shell("cat; echo eof"), None, crate::LISTING_DEADLINE).unwrap();
        assert_eq!(run.output, "eof\n");
    }

    #[test]
    fn kills_a_hung_child_and_its_children_at_the_deadline() {
        let run = run_with_deadline(
            shell("echo started; sleep 30 & sleep 30"),
            None,
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(run.timed_out());
        assert_eq!(run.output, "started\n");
        assert!(
            run.elapsed < Duration::from_secs(5),
            "took {:?}",
            run.elapsed
        );
    }

    #[test]
    fn a_background_grandchild_does_not_keep_the_run_open() {
        let start = Instant::now();
        let run = run_with_deadline(
            shell("sleep 30 & echo parent done"),
            None,
            crate::LISTING_DEADLINE,
        )
        .unwrap();
        assert!(run.success());
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_process_that_escapes_the_group_does_not_keep_the_run_open() {
        // The escaped process writes its pid to a file (then becomes
        // `sleep`); the parent waits for that file, so the escape has
        // happened before the parent ends, and the test kills exactly that
        // process and nothing else on the machine.
        let scratch = tempfile::tempdir().unwrap();
        let pid_file = scratch.path().join("escaped.pid");
        let script = format!(
            "setsid sh -c 'echo $$ > {file}.tmp && mv {file}.tmp {file}; exec sleep 30' & \
             while [ ! -s {file} ]; do sleep 0.01; done; echo parent done",
            file = pid_file.display()
        );
        let start = Instant::now();
        let run = run_with_deadline(shell(&script), None, crate::LISTING_DEADLINE).unwrap();
        let escaped = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|pid| pid.trim().parse::<u32>().ok());
        if let Some(pid) = escaped {
            kill_pid(pid);
        }
        assert!(run.success(), "{}", run.output);
        assert!(run.output.contains("parent done"));
        assert!(escaped.is_some(), "the process never escaped");
        assert!(
            start.elapsed() < Duration::from_secs(8),
            "took {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn caps_a_flood_of_output() {
        let run = run_with_deadline(
            shell("yes flood | head -c 5000000; echo the end"),
            None,
            crate::LISTING_DEADLINE,
        )
        .unwrap();
        assert!(run.truncated);
        assert!(run.output.len() < OUTPUT_CAP + OUTPUT_TAIL + 100);
        assert!(run.output.starts_with("flood\n"));
        assert!(
            run.output.ends_with("the end\n"),
            "the end of the output is kept"
        );
        assert!(run.output.contains("bytes of output cut"));
    }
}
