//! Where a student's code runs: a bubblewrap (`bwrap`) sandbox per build
//! step and per test, or, when the instructor asks for it with
//! `--no-sandbox`, a plain child process with the same limits.
//!
//! Inside the sandbox a process sees only what is bound into it: the system's
//! programs and libraries under /usr (read-only), what the step needs
//! (read-only unless said otherwise), a private /tmp and /dev. It has no
//! network (a loopback of its own), its own PID namespace (it cannot see or
//! signal the grader, and everything it starts dies with it), no
//! capabilities, a cleared environment, and limits on memory, processes and
//! file size set by `prlimit` (util-linux) before the program starts.

use anyhow::{Context, Result, bail};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How student code is isolated in this grading run.
#[derive(Debug, Clone)]
pub enum Isolation {
    /// bubblewrap, at this path, of this version.
    Bubblewrap { bwrap: PathBuf, version: String },
    /// The instructor passed `--no-sandbox`: limits only.
    Unsandboxed,
}

impl Isolation {
    /// Finds bubblewrap and proves it can start a sandbox here, or says in
    /// one line what to do.
    pub fn probe() -> Result<Isolation> {
        let Some(bwrap) = find_on_path("bwrap") else {
            bail!(
                "bubblewrap (`bwrap`) is not installed, and grading runs every submission in its sandbox: \
                 install it (`apt-get install bubblewrap`), or pass --no-sandbox to grade without one"
            );
        };
        let version = Command::new(&bwrap)
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        let isolation = Isolation::Bubblewrap { bwrap, version };
        let jail = Jail::new(&isolation, Limits::BUILD);
        let command = jail.command(Path::new("/usr/bin/true"), &[]);
        let run = listingkit::run_with_deadline(command, None, Duration::from_secs(20))
            .context("cannot run bwrap")?;
        if !run.success() {
            bail!(
                "bubblewrap cannot start a sandbox on this machine ({}): allow user namespaces \
                 (e.g. `sysctl kernel.unprivileged_userns_clone=1`, or run as root), or pass --no-sandbox to grade without one",
                run.output.trim().lines().next().unwrap_or("no message")
            );
        }
        Ok(isolation)
    }

    /// One line for the top of the report, naming what applied.
    pub fn describe(&self, cgroups: Option<&super::cgroup::Cgroups>) -> String {
        let limits = match cgroups {
            Some(cgroups) => format!(
                "per test at most {} GiB of memory and {} processes and threads in all ({}), \
                 {} GiB of address space and {} MiB per file per process",
                Limits::TEST.group_memory >> 30,
                Limits::TEST.processes,
                cgroups.describe(),
                Limits::TEST.memory >> 30,
                Limits::TEST.file_size >> 20
            ),
            None => format!(
                "per process at most {} GiB of address space and {} MiB per file (no control \
                 groups here, so no limit on a test's memory in all{})",
                Limits::TEST.memory >> 30,
                Limits::TEST.file_size >> 20,
                if running_as_root() {
                    ", and none on processes: the kernel exempts root from RLIMIT_NPROC"
                } else {
                    ""
                }
            ),
        };
        match self {
            Isolation::Bubblewrap { version, .. } => format!(
                "every build and test ran in a {version} sandbox: no network, own PID namespace, \
                 nothing of the machine visible but /usr and the compiler (read-only), writable \
                 only private {} MiB tmpfs folders; {limits}",
                SCRATCH_BYTES >> 20
            ),
            Isolation::Unsandboxed => format!(
                "NO SANDBOX: graded with --no-sandbox, so student code ran with the grader's \
                 rights (network, files and processes were open to it); only deadlines and \
                 limits applied: {limits}"
            ),
        }
    }

    pub fn is_sandboxed(&self) -> bool {
        matches!(self, Isolation::Bubblewrap { .. })
    }
}

/// The size of each writable tmpfs in the sandbox (/tmp, /dev/shm, scratch).
pub const SCRATCH_BYTES: u64 = 256 << 20;

/// Resource limits: per process with `prlimit` inside the sandbox, and for
/// the whole sandbox with a control group where one can be made
/// ([`super::cgroup`]).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Address space, in bytes (RLIMIT_AS).
    pub memory: u64,
    /// Largest file a process may write, in bytes (RLIMIT_FSIZE).
    pub file_size: u64,
    /// Processes and threads it may add (RLIMIT_NPROC counts every task of
    /// the user, so the current count is added when the limit is set; the
    /// kernel does not apply it to root, which the control group covers).
    pub processes: u64,
    /// Memory of the whole sandbox (every process, tmpfs included), for the
    /// control group.
    pub group_memory: u64,
}

impl Limits {
    /// rustc and the linker on one small crate.
    pub const BUILD: Limits = Limits {
        memory: 8 << 30,
        file_size: 512 << 20,
        processes: 256,
        group_memory: 4 << 30,
    };
    /// One test of an exercise.
    pub const TEST: Limits = Limits {
        memory: 4 << 30,
        file_size: 64 << 20,
        processes: 512,
        group_memory: 2 << 30,
    };
}

/// What a sandboxed process can see besides the system's programs.
#[derive(Debug, Clone)]
struct Mount {
    path: PathBuf,
    writable: bool,
}

/// A sandbox to run one command in. Paths keep their names inside, so the
/// same command line works with and without the sandbox.
pub struct Jail<'a> {
    isolation: &'a Isolation,
    limits: Limits,
    mounts: Vec<Mount>,
    proc_fs: bool,
    /// A writable folder: a fresh size-capped tmpfs in the sandbox, the
    /// real folder without one.
    scratch: Option<PathBuf>,
    workdir: Option<PathBuf>,
    env: Vec<(String, String)>,
}

impl<'a> Jail<'a> {
    pub fn new(isolation: &'a Isolation, limits: Limits) -> Jail<'a> {
        Jail {
            isolation,
            limits,
            mounts: Vec::new(),
            proc_fs: false,
            scratch: None,
            workdir: None,
            env: vec![("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into())],
        }
    }

    /// Lets the process read `path` (a file or folder).
    pub fn read(mut self, path: &Path) -> Self {
        self.mounts.push(Mount {
            path: path.to_owned(),
            writable: false,
        });
        self
    }

    /// Lets the process read and write `path`.
    pub fn write(mut self, path: &Path) -> Self {
        self.mounts.push(Mount {
            path: path.to_owned(),
            writable: true,
        });
        self
    }

    /// A folder the process may write to, at most [`SCRATCH_BYTES`] and
    /// discarded afterwards (in the sandbox).
    pub fn scratch(mut self, path: &Path) -> Self {
        self.scratch = Some(path.to_owned());
        self
    }

    /// Mounts a /proc of the sandbox's own PID namespace.
    pub fn with_proc(mut self, proc_fs: bool) -> Self {
        self.proc_fs = proc_fs;
        self
    }

    pub fn workdir(mut self, dir: &Path) -> Self {
        self.workdir = Some(dir.to_owned());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The command that runs `program args` inside this sandbox.
    pub fn command(&self, program: &Path, args: &[OsString]) -> Command {
        let mut limited: Vec<OsString> = Vec::new();
        if let Some(prlimit) = find_on_path("prlimit") {
            let processes = self.limits.processes + tasks_of_this_user();
            limited.push(prlimit.into());
            limited.push(format!("--as={}", self.limits.memory).into());
            limited.push(format!("--fsize={}", self.limits.file_size).into());
            limited.push(format!("--nproc={processes}").into());
            limited.push("--core=0".into());
            limited.push("--".into());
        }
        limited.push(program.into());
        limited.extend(args.iter().cloned());
        match self.isolation {
            Isolation::Bubblewrap { bwrap, .. } => {
                let mut command = Command::new(bwrap);
                command.args([
                    "--unshare-all",
                    "--die-with-parent",
                    "--new-session",
                    "--cap-drop",
                    "ALL",
                    "--clearenv",
                    "--ro-bind",
                    "/usr",
                    "/usr",
                    "--symlink",
                    "usr/bin",
                    "/bin",
                    "--symlink",
                    "usr/sbin",
                    "/sbin",
                    "--symlink",
                    "usr/lib",
                    "/lib",
                ]);
                if Path::new("/usr/lib64").is_dir() {
                    command.args(["--symlink", "usr/lib64", "/lib64"]);
                }
                // `cc` is an alternatives link; the loader's cache speeds up start-up.
                for etc in ["/etc/alternatives", "/etc/ld.so.cache"] {
                    if Path::new(etc).exists() {
                        command.args(["--ro-bind", etc, etc]);
                    }
                }
                let scratch_size = SCRATCH_BYTES.to_string();
                command.args(["--dev", "/dev"]);
                command.args(["--size", &scratch_size, "--tmpfs", "/dev/shm"]);
                command.args(["--size", &scratch_size, "--tmpfs", "/tmp"]);
                if self.proc_fs {
                    command.args(["--proc", "/proc"]);
                }
                for mount in &self.mounts {
                    command
                        .arg(if mount.writable {
                            "--bind"
                        } else {
                            "--ro-bind"
                        })
                        .arg(&mount.path)
                        .arg(&mount.path);
                }
                if let Some(scratch) = &self.scratch {
                    command
                        .args(["--size", &scratch_size, "--tmpfs"])
                        .arg(scratch);
                }
                for (key, value) in &self.env {
                    command.args(["--setenv", key, value]);
                }
                if let Some(dir) = &self.workdir {
                    command.arg("--chdir").arg(dir);
                }
                command.arg("--").args(&limited);
                command
            }
            Isolation::Unsandboxed => {
                if let Some(scratch) = &self.scratch {
                    let _ = std::fs::create_dir_all(scratch);
                }
                let mut command = Command::new(&limited[0]);
                command.args(&limited[1..]).env_clear();
                for (key, value) in &self.env {
                    command.env(key, value);
                }
                if let Some(dir) = &self.workdir {
                    command.current_dir(dir);
                }
                command
            }
        }
    }
}

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// How many processes and threads run as this user now: RLIMIT_NPROC is
/// checked against all of them, so a sandbox's allowance is added to it.
fn tasks_of_this_user() -> u64 {
    let Ok(me) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    let uid_line = |status: &str| {
        status
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .map(str::to_owned)
    };
    let Some(my_uid) = uid_line(&me) else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut tasks = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        if !entry
            .file_name()
            .to_string_lossy()
            .bytes()
            .all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let path = entry.path();
        let Ok(status) = std::fs::read_to_string(path.join("status")) else {
            continue;
        };
        if uid_line(&status).as_deref() == Some(my_uid.as_str()) {
            tasks += std::fs::read_dir(path.join("task"))
                .map(|t| t.count() as u64)
                .unwrap_or(1);
        }
    }
    tasks
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}
