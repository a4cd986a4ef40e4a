//! A learner's project: a standalone Cargo workspace with one package per
//! exercise (so a half-written exercise never stops another from building),
//! each holding the starter as `src/lib.rs` and the tests as
//! `tests/canonical.rs`, an integration test: a crate of its own that sees
//! only the exercise's public items.
//! `workbook.toml` marks the folder and carries the exercises' metadata, so
//! `check`, `list` and `hint` need nothing but the project.

use crate::exercises::{Exercise, Meta};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const MARKER: &str = "workbook.toml";
const PROGRESS: &str = ".workbook/progress.toml";

/// Where a package of a generated project holds the exercise's code.
pub const LIB_FILE: &str = "src/lib.rs";
/// Where it holds the tests: cargo's test target `canonical`.
pub const TESTS_FILE: &str = "tests/canonical.rs";

/// One package of a generated project.
pub struct Package {
    pub name: String,
    /// The exercise's code (starter, solution or wrong solution), written
    /// to [`LIB_FILE`].
    pub lib: String,
    /// The tests, written to [`TESTS_FILE`]: [`Exercise::tests_for_crate`]
    /// with the [`crate_name`] of the package.
    pub tests: String,
    pub dependencies: Vec<String>,
    /// More files of the package, as (path relative to the package, text):
    /// the modules that [`LIB_FILE`] and [`TESTS_FILE`] include, when a
    /// package holds several variants of an exercise (the exercise proof).
    pub files: Vec<(String, String)>,
}

impl Package {
    /// The package for `exercise` named `name`, with `lib` as its code and
    /// the exercise's tests pointed at it.
    pub fn new(name: &str, exercise: &Exercise, lib: String) -> Package {
        Package {
            name: name.to_owned(),
            lib,
            tests: exercise.tests_for_crate(&crate_name(name)),
            dependencies: exercise.meta.dependencies.clone(),
            files: Vec::new(),
        }
    }
}

/// The library crate of the package `package`: `-` becomes `_`.
pub fn crate_name(package: &str) -> String {
    package.replace('-', "_")
}

/// What `workbook.toml` records about one exercise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The package folder, relative to the project.
    pub package: String,
    /// Fingerprint of the starter as written, to tell "not started".
    pub starter_hash: String,
    pub meta: Meta,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ProjectFile {
    pub format: u32,
    pub exercise: Vec<Entry>,
}

/// A learner's progress, kept in `.workbook/progress.toml`.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub hints_shown: usize,
    /// What the last `workbook check` said of the source whose hash follows.
    pub last_check: Option<Verdict>,
    pub checked_hash: Option<String>,
}

/// What `workbook check` said of an exercise (stored as `"passed"` or
/// `"failing"` in the progress file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Passed,
    Failing,
}

/// Where a learner is with one exercise, as `workbook list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The exercise's package has no `src/lib.rs`.
    Missing,
    /// The source is still the starter.
    NotStarted,
    /// Checked, and the tests passed, for the source as it is now.
    Passed,
    /// Checked, and some test failed, for the source as it is now.
    Failing,
    /// Checked once, edited since.
    Changed,
    /// Edited, never checked.
    Unchecked,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Status::Missing => "missing",
            Status::NotStarted => "not started",
            Status::Passed => "passed",
            Status::Failing => "failing",
            Status::Changed => "changed since last check",
            Status::Unchecked => "in progress (not checked yet)",
        })
    }
}

/// FNV-1a: a fingerprint that stays the same across Rust versions.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The dependency lines for `names`, with the versions the workspace uses.
pub(crate) fn dependency_lines(repo_root: &Path, names: &[String]) -> Result<String> {
    if names.is_empty() {
        return Ok(String::new());
    }
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo_root.join("Cargo.toml"))?)?;
    let known = manifest
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table())
        .cloned()
        .unwrap_or_default();
    let mut lines = String::new();
    for name in names {
        let Some(spec) = known.get(name) else {
            bail!("dependency `{name}` is not in the workspace's [workspace.dependencies]");
        };
        let version = spec
            .as_str()
            .or_else(|| spec.get("version").and_then(|v| v.as_str()));
        let Some(version) = version else {
            bail!("dependency `{name}` has no version in the workspace")
        };
        lines.push_str(&dependency_line(name, version, spec)?);
    }
    Ok(lines)
}

/// One dependency line: the version, and the workspace's `default-features`
/// and `features` when it sets them (tokio comes with only the features the
/// exercises use, `test-util` for the paused clock among them), so that a
/// learner's project and the grader build the crate the repository builds.
fn dependency_line(name: &str, version: &str, spec: &toml::Value) -> Result<String> {
    let default_features = spec.get("default-features").and_then(|v| v.as_bool());
    let features: Vec<String> = match spec.get("features") {
        None => Vec::new(),
        Some(list) => {
            let Some(list) = list.as_array() else {
                bail!("dependency `{name}`: `features` is not a list");
            };
            list.iter()
                .map(|f| {
                    f.as_str().map(|f| format!("{f:?}")).ok_or_else(|| {
                        anyhow::anyhow!("dependency `{name}`: a feature is not a string")
                    })
                })
                .collect::<Result<_>>()?
        }
    };
    if default_features.is_none() && features.is_empty() {
        return Ok(format!("{name} = \"{version}\"\n"));
    }
    let mut parts = vec![format!("version = \"{version}\"")];
    if let Some(default_features) = default_features {
        parts.push(format!("default-features = {default_features}"));
    }
    if !features.is_empty() {
        parts.push(format!("features = [{}]", features.join(", ")));
    }
    Ok(format!("{name} = {{ {} }}\n", parts.join(", ")))
}

/// The package holding the helpers every exercise's tests share
/// (`exercises/testkit`): a generated project gets a copy of it as a
/// folder of that name, and every package uses it as a dev-dependency.
pub const TESTKIT: &str = "testkit";

/// The source of the shared test helpers, `exercises/testkit/src/lib.rs`.
pub fn testkit_source(repo_root: &Path) -> Result<String> {
    let path = repo_root.join("exercises").join(TESTKIT).join("src/lib.rs");
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes the test helpers as the package `testkit` into `dir/testkit`.
pub(crate) fn write_testkit(repo_root: &Path, dir: &Path) -> Result<()> {
    let manifest = format!(
        "[package]\nname = \"{TESTKIT}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\ndoctest = false\n"
    );
    write(&dir.join(TESTKIT).join("Cargo.toml"), &manifest)?;
    write(
        &dir.join(TESTKIT).join("src/lib.rs"),
        &testkit_source(repo_root)?,
    )
}

/// Writes a workspace of `packages` into `dir` (which must exist). The
/// repository's Cargo.lock is copied so the project builds with the same
/// crate versions, offline when they are cached.
pub fn write_workspace(repo_root: &Path, dir: &Path, packages: &[Package]) -> Result<()> {
    let members: Vec<String> = packages.iter().map(|p| format!("\"{}\"", p.name)).collect();
    let workspace = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n\
         # Same as the book's listings: timings in the tests assume it. Line tables\n\
         # keep backtraces' files and lines; no more debug info, for quicker builds.\n\
         [profile.dev]\nopt-level = 1\ndebug = \"line-tables-only\"\n\n\
         [profile.dev.package.\"*\"]\ndebug = false\n",
        members.join(", ")
    );
    write(&dir.join("Cargo.toml"), &workspace)?;
    let lock = repo_root.join("Cargo.lock");
    if lock.is_file() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).context("cannot copy Cargo.lock")?;
    }
    write_testkit(repo_root, dir)?;
    for package in packages {
        let package_dir = dir.join(&package.name);
        let manifest = format!(
            "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\ndoctest = false\n\n[dependencies]\n{}\n\
             [dev-dependencies]\n{TESTKIT} = {{ path = \"../{TESTKIT}\" }}\n",
            package.name,
            dependency_lines(repo_root, &package.dependencies)?
        );
        write(&package_dir.join("Cargo.toml"), &manifest)?;
        write(&package_dir.join(LIB_FILE), &package.lib)?;
        write(&package_dir.join(TESTS_FILE), &package.tests)?;
        for (path, text) in &package.files {
            write(&package_dir.join(path), text)?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// `workbook start`: the learner's project with every starter.
pub fn start(repo_root: &Path, dir: &Path, exercises: &[Exercise], force: bool) -> Result<()> {
    write_project(repo_root, dir, exercises, force, None)
}

/// `workbook start` (all exercises, for self-study) and `workbook pack`
/// (an instructor's choice, with an assignment README).
pub fn write_project(
    repo_root: &Path,
    dir: &Path,
    exercises: &[Exercise],
    force: bool,
    assignment: Option<&str>,
) -> Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{} exists and is not a folder", dir.display());
        }
        let empty = std::fs::read_dir(dir)?.next().is_none();
        if !empty && !force {
            bail!(
                "{} is not empty; choose another folder, or pass --force to write the exercises into it (files of the same name are replaced)",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut packages = Vec::new();
    let mut entries = Vec::new();
    for exercise in exercises {
        let starter = exercise.starter()?;
        entries.push(Entry {
            package: exercise.meta.id.clone(),
            starter_hash: fingerprint(&starter),
            meta: exercise.meta.clone(),
        });
        packages.push(Package::new(&exercise.meta.id, exercise, starter));
    }
    write_workspace(repo_root, dir, &packages)?;
    let file = ProjectFile {
        format: 1,
        exercise: entries,
    };
    write(
        &dir.join(MARKER),
        &format!(
            "# This folder is a Threadwork exercise project (made by `workbook start`).\n{}",
            toml::to_string(&file)?
        ),
    )?;
    let readme_text = match assignment {
        Some(title) => assignment_readme(title, exercises),
        None => readme(exercises),
    };
    write(&dir.join("README.md"), &readme_text)?;
    write(&dir.join(".gitignore"), "/target/\n")?;
    Ok(())
}

/// The README of a packed assignment: what to do, by when it takes, how to
/// check, and what is handed in.
fn assignment_readme(title: &str, exercises: &[Exercise]) -> String {
    let minutes: u32 = exercises.iter().map(|e| e.meta.minutes).sum();
    let mut text = format!(
        "# {title}\n\n{} exercises, about {minutes} minutes in all.\n\n\
         | # | exercise | what you practise | difficulty | minutes |\n|---|---|---|---|---|\n",
        exercises.len()
    );
    for (number, exercise) in exercises.iter().enumerate() {
        let meta = &exercise.meta;
        text.push_str(&format!(
            "| {} | `{}`: {} | {} | {} | {} |\n",
            number + 1,
            meta.id,
            meta.title,
            meta.goal,
            meta.difficulty,
            meta.minutes
        ));
    }
    text.push_str(
        "\n## What to do\n\n\
         Each folder is one exercise. Complete `src/lib.rs` (look for `todo!()` and \
         `// EXERCISE:`); `tests/canonical.rs` holds the tests your work is graded with. They \
         are a separate crate that uses only the public items of your `src/lib.rs`, so keep \
         the names and signatures the starter gives. You may add helper functions and more \
         `.rs` files under `src/`.\n\n\
         ## Checking your work\n\n\
         From the Threadwork repository (or with the tool installed, `workbook check <id>` in \
         this folder):\n\n\
         ```sh\n\
         cargo run -p workbook -- check <id> --dir THIS_FOLDER\n\
         cargo run -p workbook -- hint <id> --dir THIS_FOLDER\n\
         ```\n\n\
         `check` runs each test under a deadline and says in plain words what went wrong, \
         including code that deadlocks or never ends; `watch <id>` runs the same check again \
         each time you save.\n\n\
         ## Handing in\n\n\
         Hand in this whole folder. What is graded is the `src/` of each exercise. Your copy of \
         `tests/canonical.rs` is replaced by the original tests before grading, so changing the \
         tests cannot help (and is reported); each test has a time limit, and code that hangs is \
         graded as not finished.\n",
    );
    text
}

fn readme(exercises: &[Exercise]) -> String {
    let mut text = String::from(
        "# Threadwork exercises\n\n\
         Each folder here is one exercise: `src/lib.rs` is yours to complete (look for \
         `todo!()` and `// EXERCISE:`), and `tests/canonical.rs` holds the tests that decide \
         whether it is right. The tests are a separate crate that uses only the public items of \
         your `src/lib.rs`: keep the names and signatures the starter gives, and add whatever \
         private helpers you like.\n\n\
         ## Checking your work\n\n\
         Install the `workbook` command once, in the Threadwork repository:\n\n\
         ```sh\n\
         cargo install --path tools/workbook --no-default-features\n\
         ```\n\n\
         (`--no-default-features` leaves out the book's mdBook stack: you get the exercise \
         verbs, and a much shorter build.) Then, anywhere inside this folder:\n\n\
         ```sh\n\
         workbook list                     # the exercises, with your progress\n\
         workbook watch                    # check the next exercise each time you save it\n\
         workbook check ch02-parallel-sum  # check one exercise once\n\
         workbook hint ch02-parallel-sum   # the next hint\n\
         ```\n\n\
         `check` runs each test on its own with a deadline (10 s unless you pass `--timeout`), \
         so code that deadlocks or loops forever is reported as such instead of hanging your \
         terminal. `watch` runs the same check on the first exercise you have not passed yet \
         (or the one you name), again each time you save one of its files, and moves on to \
         the next exercise when it passes; type `q` and Enter to stop it. `hint` shows the next \
         hint each time you ask. Without installing, the same verbs run from the repository as \
         `cargo run -p workbook -- check <id> --dir THIS_FOLDER`. Plain `cargo test -p <id>` \
         works too, but without deadlines.\n\n\
         ## The exercises\n\n\
         | id | title | difficulty | minutes |\n|---|---|---|---|\n",
    );
    for exercise in exercises {
        let meta = &exercise.meta;
        text.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            meta.id, meta.title, meta.difficulty, meta.minutes
        ));
    }
    text.push('\n');
    for exercise in exercises {
        text.push_str(&format!(
            "- `{}`: {}\n",
            exercise.meta.id, exercise.meta.goal
        ));
    }
    text
}

/// A learner's project, found from `--dir` or the current folder upwards.
pub struct Project {
    pub dir: PathBuf,
    pub file: ProjectFile,
}

impl Project {
    pub fn find(dir: Option<&Path>) -> Result<Project> {
        let dir = match dir {
            Some(dir) => {
                if !dir.join(MARKER).is_file() {
                    bail!(
                        "{} is not an exercise project (it has no {MARKER}); make one with `workbook start DIR`",
                        dir.display()
                    );
                }
                dir.to_owned()
            }
            None => {
                let here = std::env::current_dir()?;
                match here.ancestors().find(|d| d.join(MARKER).is_file()) {
                    Some(found) => found.to_owned(),
                    None => bail!(
                        "not inside an exercise project (no {MARKER} in {} or above); pass --dir DIR, or make one with `workbook start DIR`",
                        here.display()
                    ),
                }
            }
        };
        let path = dir.join(MARKER);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let file: ProjectFile = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{} is damaged: {}", path.display(), e.message()))?;
        Ok(Project { dir, file })
    }

    pub fn entry(&self, id: &str) -> Result<&Entry> {
        self.file
            .exercise
            .iter()
            .find(|e| e.meta.id == id)
            .ok_or_else(|| {
                let known: Vec<&str> = self
                    .file
                    .exercise
                    .iter()
                    .map(|e| e.meta.id.as_str())
                    .collect();
                anyhow::anyhow!(
                    "no exercise `{id}` in this project; its exercises are: {}",
                    known.join(", ")
                )
            })
    }

    pub fn lib_source(&self, entry: &Entry) -> Option<String> {
        std::fs::read_to_string(self.dir.join(&entry.package).join("src/lib.rs")).ok()
    }

    pub fn progress(&self) -> BTreeMap<String, Progress> {
        std::fs::read_to_string(self.dir.join(PROGRESS))
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save_progress(&self, progress: &BTreeMap<String, Progress>) -> Result<()> {
        let path = self.dir.join(PROGRESS);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::util::fs::write_atomically(&path, &toml::to_string(progress)?)
    }

    pub fn status(&self, entry: &Entry, progress: &BTreeMap<String, Progress>) -> Status {
        let Some(source) = self.lib_source(entry) else {
            return Status::Missing;
        };
        let hash = fingerprint(&source);
        let record = progress.get(&entry.meta.id);
        match record.and_then(|r| r.checked_hash.as_ref().zip(r.last_check)) {
            Some((checked, Verdict::Passed)) if *checked == hash => Status::Passed,
            Some((checked, Verdict::Failing)) if *checked == hash => Status::Failing,
            _ if hash == entry.starter_hash => Status::NotStarted,
            Some(_) => Status::Changed,
            None => Status::Unchecked,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(super::fingerprint(""), "cbf29ce484222325");
        assert_ne!(super::fingerprint("a"), super::fingerprint("b"));
    }

    #[test]
    fn dependency_lines_keep_the_workspace_features() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[workspace.dependencies]\nrayon = \"1.10\"\n\
             tokio = { version = \"1.54\", default-features = false, features = [\"rt\", \"time\"] }\n\
             ctrlc = { version = \"3.4\", features = [\"termination\"] }\n",
        )
        .unwrap();
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let lines =
            super::dependency_lines(dir.path(), &names(&["rayon", "tokio", "ctrlc"])).unwrap();
        assert_eq!(
            lines,
            "rayon = \"1.10\"\n\
             tokio = { version = \"1.54\", default-features = false, features = [\"rt\", \"time\"] }\n\
             ctrlc = { version = \"3.4\", features = [\"termination\"] }\n"
        );
        let manifest: toml::Table = toml::from_str(&lines).unwrap();
        assert_eq!(manifest["tokio"]["features"].as_array().unwrap().len(), 2);
        assert!(super::dependency_lines(dir.path(), &names(&["serde"])).is_err());
    }
}
