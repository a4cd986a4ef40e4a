//! Limits for a whole sandbox, not one process: a control group per build
//! step and per test caps the memory of every process in it together
//! (tmpfs pages included) and the number of processes and threads, and
//! tells afterwards whether the memory limit killed something.
//!
//! Control groups need root (or a delegated subtree). Both layouts are
//! supported: cgroup v2 (one tree with the `memory` and `pids` controllers)
//! and v1 (one tree per controller). Where neither can be written,
//! [`Cgroups::detect`] says so and the per-process `prlimit` limits are all
//! there is; the report says which applied.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where new control groups can be made.
#[derive(Debug, Clone)]
pub enum Cgroups {
    V2 { parent: PathBuf },
    V1 { memory: PathBuf, pids: PathBuf },
}

/// One control group (one folder per tree), removed when dropped.
pub struct Cgroup {
    dirs: Vec<PathBuf>,
    kind: Cgroups,
}

impl Cgroups {
    /// Finds a place to make control groups in, and proves it by making one.
    pub fn detect() -> Option<Cgroups> {
        let candidates = [v2(), v1()];
        for candidate in candidates.into_iter().flatten() {
            // A control group is not a temp folder: it lives in /sys/fs/cgroup
            // and tempfile cannot make it. The pid keeps two graders on one
            // machine from probing with the same name.
            let probe = format!("threadwork-probe-{}", std::process::id());
            if let Some(group) = candidate.create(&probe, 64 << 20, 16) {
                drop(group);
                return Some(candidate);
            }
        }
        None
    }

    /// A new group named `name` with these limits; `None` if it cannot be made.
    pub fn create(&self, name: &str, memory: u64, tasks: u64) -> Option<Cgroup> {
        let (dirs, files): (Vec<PathBuf>, Vec<(PathBuf, String)>) = match self {
            Cgroups::V2 { parent } => {
                let dir = parent.join(name);
                (
                    vec![dir.clone()],
                    vec![
                        (dir.join("memory.max"), memory.to_string()),
                        (dir.join("memory.swap.max"), "0".into()),
                        (dir.join("pids.max"), tasks.to_string()),
                    ],
                )
            }
            Cgroups::V1 { memory: m, pids } => {
                let (m, p) = (m.join(name), pids.join(name));
                (
                    vec![m.clone(), p.clone()],
                    vec![
                        (m.join("memory.limit_in_bytes"), memory.to_string()),
                        // Memory and swap together, where swap is accounted.
                        (m.join("memory.memsw.limit_in_bytes"), memory.to_string()),
                        (p.join("pids.max"), tasks.to_string()),
                    ],
                )
            }
        };
        let group = Cgroup {
            dirs: Vec::new(),
            kind: self.clone(),
        };
        let mut group = group;
        for dir in &dirs {
            std::fs::create_dir(dir).ok()?;
            group.dirs.push(dir.clone());
        }
        for (file, value) in files {
            // The swap limits are missing where swap accounting is off.
            let optional =
                file.ends_with("memory.swap.max") || file.ends_with("memory.memsw.limit_in_bytes");
            if std::fs::write(&file, &value).is_err() && !optional {
                return None;
            }
        }
        Some(group)
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Cgroups::V2 { .. } => "cgroup v2",
            Cgroups::V1 { .. } => "cgroup v1",
        }
    }
}

impl Cgroup {
    /// `command`, started inside this group: a shell writes its own pid
    /// into the group, then becomes the command.
    pub fn wrap(&self, command: Command) -> Command {
        let mut script = String::new();
        for (index, dir) in self.dirs.iter().enumerate() {
            let _ = index;
            script.push_str(&format!(
                "echo $$ > '{}' || exit 125; ",
                dir.join("cgroup.procs").display()
            ));
        }
        script.push_str("exec \"$0\" \"$@\"");
        let mut wrapped = Command::new("/bin/sh");
        wrapped.arg("-c").arg(script).arg(command.get_program());
        wrapped.args(command.get_args());
        if let Some(dir) = command.get_current_dir() {
            wrapped.current_dir(dir);
        }
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => wrapped.env(key, value),
                None => wrapped.env_remove(key),
            };
        }
        wrapped
    }

    /// Whether the memory limit killed a process of this group.
    pub fn out_of_memory(&self) -> bool {
        let file = match &self.kind {
            Cgroups::V2 { .. } => "memory.events",
            Cgroups::V1 { .. } => "memory.oom_control",
        };
        self.dirs.iter().any(|dir| {
            std::fs::read_to_string(dir.join(file))
                .map(|text| {
                    text.lines().any(|line| {
                        line.strip_prefix("oom_kill ")
                            .and_then(|n| n.trim().parse::<u64>().ok())
                            .is_some_and(|n| n > 0)
                    })
                })
                .unwrap_or(false)
        })
    }

    /// Kills whatever is still in the group (a process that escaped the
    /// sandbox's own teardown cannot escape this).
    fn kill_all(&self) {
        for _ in 0..50 {
            let mut left = 0;
            for dir in &self.dirs {
                let procs = std::fs::read_to_string(dir.join("cgroup.procs")).unwrap_or_default();
                for pid in procs.lines().filter_map(|l| l.trim().parse::<u32>().ok()) {
                    listingkit::kill_pid(pid);
                    left += 1;
                }
            }
            if left == 0 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        self.kill_all();
        for dir in &self.dirs {
            // A group can be removed once its last process is gone.
            for _ in 0..100 {
                if std::fs::remove_dir(dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }
}

fn v2() -> Option<Cgroups> {
    let root = Path::new("/sys/fs/cgroup");
    let controllers = std::fs::read_to_string(root.join("cgroup.controllers")).ok()?;
    if !(controllers.contains("memory") && controllers.contains("pids")) {
        return None;
    }
    // Our own group; new groups go beside us in a parent that delegates
    // memory and pids (a process may not sit in a group with children).
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let own = own.lines().find_map(|l| l.strip_prefix("0::"))?.trim();
    let parent = root.join(own.trim_start_matches('/'));
    let parent = parent.parent().unwrap_or(root).to_owned();
    let subtree = std::fs::read_to_string(parent.join("cgroup.subtree_control")).ok()?;
    if subtree.contains("memory") && subtree.contains("pids") {
        Some(Cgroups::V2 { parent })
    } else {
        None
    }
}

fn v1() -> Option<Cgroups> {
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path_of = |controller: &str| {
        own.lines().find_map(|line| {
            let mut parts = line.splitn(3, ':');
            let _id = parts.next()?;
            let names = parts.next()?;
            let path = parts.next()?;
            names
                .split(',')
                .any(|n| n == controller)
                .then(|| path.trim_start_matches('/').to_owned())
        })
    };
    let memory = Path::new("/sys/fs/cgroup/memory").join(path_of("memory")?);
    let pids = Path::new("/sys/fs/cgroup/pids").join(path_of("pids")?);
    (memory.join("memory.limit_in_bytes").is_file() && pids.join("cgroup.procs").is_file())
        .then_some(Cgroups::V1 { memory, pids })
}
