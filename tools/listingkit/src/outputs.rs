//! Stored outputs: what the book shows a listing printing.
//!
//! Each listing package keeps `outputs.toml` beside its `Cargo.toml`, one
//! table per binary (`main` is `src/main.rs`), and the captured text in
//! `output/<binary>.txt`. `output/captured.toml` is written by
//! `workbook capture` and records the machine each output came from.
//!
//! ```toml
//! [scoped_threads]            # exact: the stored text must be reproduced
//!
//! [download_threads]
//! check = "shape"             # same lines, any order, any numbers
//! why = "timings differ from run to run"
//! args = ["--books", "8"]     # optional
//! stdin = "a line\n"          # optional; stdin is closed otherwise
//! release = true              # captured with `cargo run --release`
//! run_deadline = 60           # seconds a run may take: from the page (default 30)
//!                             # and in the stored-output check (default 10)
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How strictly a fresh run must match the stored output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Check {
    /// Byte for byte.
    #[default]
    Exact,
    /// The same lines once numbers are masked and lines sorted: thread
    /// order and timings may change, the wording may not.
    Shape,
    /// Only that it runs and succeeds (say why in `why`).
    None,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OutputSpec {
    #[serde(default)]
    pub check: Check,
    /// Why the output varies; required unless `check` is exact.
    pub why: Option<String>,
    #[serde(default)]
    pub args: Vec<String>,
    pub stdin: Option<String>,
    #[serde(default)]
    pub release: bool,
    /// The listing is expected to exit with this code (default 0).
    #[serde(default)]
    pub exit_code: i32,
    /// For a listing in `compile_fail/`: the error code rustc must reject it
    /// with, e.g. `E0499`, or the message of an error that has no code.
    pub error: Option<String>,
    /// How many seconds a run may take: from the page in `workbook serve`
    /// (default 30) and in the stored-output check (default
    /// [`crate::LISTING_DEADLINE`], 10 s). For the benchmarks, whose CPU-bound
    /// work takes a few seconds on an idle 2-core machine and several times
    /// that on a busy one.
    pub run_deadline: Option<u64>,
}

/// Where a capture was made, shown in the output's caption.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
pub struct Captured {
    pub machine: String,
    pub toolchain: String,
    pub date: String,
}

/// The manifest of one listing package.
#[derive(Debug)]
pub struct Outputs {
    pub package_dir: PathBuf,
    pub specs: BTreeMap<String, OutputSpec>,
    pub captured: BTreeMap<String, Captured>,
}

impl Outputs {
    pub fn load(package_dir: &Path) -> Result<Outputs, String> {
        let manifest = package_dir.join("outputs.toml");
        let text = std::fs::read_to_string(&manifest)
            .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
        let specs: BTreeMap<String, OutputSpec> =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", manifest.display()))?;
        for (bin, spec) in &specs {
            if spec.check != Check::Exact && spec.why.as_deref().unwrap_or("").trim().is_empty() {
                return Err(format!(
                    "{}: [{bin}] has check = {:?} but no `why`: say why its output varies",
                    manifest.display(),
                    spec.check
                ));
            }
        }
        let captured_path = package_dir.join("output/captured.toml");
        let captured = match std::fs::read_to_string(&captured_path) {
            Ok(text) => {
                toml::from_str(&text).map_err(|e| format!("{}: {e}", captured_path.display()))?
            }
            Err(_) => BTreeMap::new(),
        };
        Ok(Outputs {
            package_dir: package_dir.to_owned(),
            specs,
            captured,
        })
    }

    pub fn output_path(&self, bin: &str) -> PathBuf {
        output_path(&self.package_dir, bin)
    }
}

pub fn output_path(package_dir: &Path, bin: &str) -> PathBuf {
    package_dir.join("output").join(format!("{bin}.txt"))
}

/// The names of a package's binaries: `main` for `src/main.rs`, then every
/// `src/bin/*.rs`.
pub fn binaries(package_dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    if package_dir.join("src/main.rs").exists() {
        names.push("main".to_owned());
    }
    if let Ok(entries) = std::fs::read_dir(package_dir.join("src/bin")) {
        let mut bins: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let path = e.path();
                (path.extension()? == "rs")
                    .then(|| path.file_stem()?.to_str().map(str::to_owned))?
            })
            .collect();
        bins.sort();
        names.extend(bins);
    }
    names
}

/// The text with every run of digits replaced by `#`, runs of spaces
/// folded, and lines sorted: what stays the same between two runs of a
/// listing whose threads finish in any order and whose timings vary.
pub fn shape(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut out = String::new();
            let mut in_digits = false;
            for c in line.chars() {
                if c.is_ascii_digit() {
                    if !in_digits {
                        out.push('#');
                    }
                    in_digits = true;
                } else {
                    in_digits = false;
                    out.push(c);
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect();
    lines.sort();
    lines
}

/// Compares a fresh output with the stored one under `check`; `Err` explains
/// the first difference.
pub fn compare(check: Check, stored: &str, fresh: &str) -> Result<(), String> {
    match check {
        Check::None => Ok(()),
        Check::Exact if stored == fresh => Ok(()),
        Check::Exact => Err(first_difference(
            &stored.lines().map(str::to_owned).collect::<Vec<_>>(),
            &fresh.lines().map(str::to_owned).collect::<Vec<_>>(),
        )),
        Check::Shape => {
            let (a, b) = (shape(stored), shape(fresh));
            if a == b {
                Ok(())
            } else {
                Err(first_difference(&a, &b))
            }
        }
    }
}

fn first_difference(stored: &[String], fresh: &[String]) -> String {
    for (i, (a, b)) in stored.iter().zip(fresh).enumerate() {
        if a != b {
            return format!("line {}: stored `{a}`, this run `{b}`", i + 1);
        }
    }
    format!(
        "stored output has {} lines, this run has {}",
        stored.len(),
        fresh.len()
    )
}

/// For a listing package's tests: runs every binary named in `outputs.toml`
/// and checks it against its stored output; also checks that every binary
/// has an entry and a stored output. Call it from `tests/claims/outputs.rs` with
/// `env!("CARGO_MANIFEST_DIR")`.
pub fn assert_stored_outputs_match(package_dir: &str) {
    let package_dir = Path::new(package_dir);
    let outputs = Outputs::load(package_dir).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for bin in binaries(package_dir) {
        if !outputs.specs.contains_key(&bin) {
            problems.push(format!("binary `{bin}` has no entry in outputs.toml"));
        }
    }
    for name in compile_fail_listings(package_dir) {
        if outputs
            .specs
            .get(&name)
            .is_none_or(|spec| spec.error.is_none())
        {
            problems.push(format!(
                "compile_fail/{name}.rs needs an entry `[{name}]` with `error = \"E….\"` in outputs.toml"
            ));
        }
    }
    let rustc = rustc_version();
    for (bin, spec) in &outputs.specs {
        let stored_path = outputs.output_path(bin);
        let Ok(stored) = std::fs::read_to_string(&stored_path) else {
            problems.push(format!(
                "{bin}: no stored output at {} (run `cargo run -p workbook -- capture`)",
                stored_path.display()
            ));
            continue;
        };
        let found = match &spec.error {
            Some(code) => {
                let same_compiler = outputs
                    .captured
                    .get(bin)
                    .is_some_and(|c| c.toolchain == rustc);
                compile_fail_problems(package_dir, bin, code, &stored, &stored_path, same_compiler)
            }
            None => run_problem(package_dir, bin, spec, &stored, &stored_path)
                .into_iter()
                .collect(),
        };
        problems.extend(found);
    }
    assert!(
        problems.is_empty(),
        "stored outputs:\n  {}",
        problems.join("\n  ")
    );
}

/// What is wrong with a compile-fail listing and its stored message. The
/// message itself is compared only when `same_compiler` captured it:
/// messages change between compiler versions.
fn compile_fail_problems(
    package_dir: &Path,
    bin: &str,
    code: &str,
    stored: &str,
    stored_path: &Path,
    same_compiler: bool,
) -> Vec<String> {
    let message = match check_compile_fail(package_dir, bin, code) {
        Err(why) => return vec![format!("{bin}: {why}")],
        Ok(message) => message,
    };
    let mut problems = Vec::new();
    if same_compiler && message != stored {
        problems.push(format!(
            "{bin}: rustc's message differs from {}; re-capture with `cargo run -p workbook -- capture`",
            stored_path.display()
        ));
    }
    if !stored.contains(&error_line(code)) {
        problems.push(format!(
            "{bin}: the stored message does not show {}",
            error_line(code)
        ));
    }
    problems
}

/// Runs one listing binary and says what is wrong with its run or its
/// output against the stored one, if anything.
fn run_problem(
    package_dir: &Path,
    bin: &str,
    spec: &OutputSpec,
    stored: &str,
    stored_path: &Path,
) -> Option<String> {
    let exe = crate::listing_bin(&bin_file_name(package_dir, bin));
    let mut command = std::process::Command::new(&exe);
    command.args(&spec.args);
    let deadline = spec
        .run_deadline
        .map_or(crate::LISTING_DEADLINE, std::time::Duration::from_secs);
    let run = match crate::run_with_deadline(command, spec.stdin.as_deref(), deadline) {
        Ok(run) => run,
        Err(e) => return Some(format!("{bin}: cannot run {}: {e}", exe.display())),
    };
    if run.timed_out() {
        return Some(format!("{bin}: did not finish within {deadline:?}"));
    }
    let code = run.status.and_then(|s| s.code());
    if code != Some(spec.exit_code) {
        return Some(format!(
            "{bin}: exited with {code:?}, expected {}; output:\n{}",
            spec.exit_code, run.output
        ));
    }
    compare(spec.check, stored, &run.output)
        .err()
        .map(|difference| {
            format!(
                "{bin}: output differs from {} ({difference}); if the change is intended, \
             re-capture with `cargo run -p workbook -- capture`",
                stored_path.display()
            )
        })
}

/// The names of a package's compile-fail listings (`compile_fail/*.rs`).
pub fn compile_fail_listings(package_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(package_dir.join("compile_fail"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The command that compiles a compile-fail listing, run from the
/// repository root so that rustc's message names the path the book shows.
/// Returns the command and the path as shown.
pub fn rustc_command(
    package_dir: &Path,
    name: &str,
    out_dir: &Path,
) -> (std::process::Command, String) {
    let root = package_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(package_dir);
    let dir = package_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let shown = format!("listings/{dir}/compile_fail/{name}.rs");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut command = std::process::Command::new(rustc);
    command
        .args([
            "--edition",
            "2024",
            "--color",
            "never",
            "--emit",
            "metadata",
            "--out-dir",
        ])
        .arg(out_dir)
        .arg(&shown)
        .current_dir(root);
    (command, shown)
}

/// `rustc --version`, to tell whether a stored message came from this compiler.
pub fn rustc_version() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// Compiles a compile-fail listing; `Err` says why it is not the failure
/// the manifest promises.
pub fn check_compile_fail(package_dir: &Path, name: &str, code: &str) -> Result<String, String> {
    let out_dir = tempfile::Builder::new()
        .prefix(&format!("compile-fail-{name}-"))
        .tempdir()
        .map_err(|e| format!("cannot make a scratch folder: {e}"))?;
    let (command, shown) = rustc_command(package_dir, name, out_dir.path());
    let run = crate::run_with_deadline(command, None, std::time::Duration::from_secs(60));
    drop(out_dir);
    let run = run.map_err(|e| format!("cannot run rustc: {e}"))?;
    if run.success() {
        return Err(format!(
            "{shown} compiles, but the book says it fails with {code}"
        ));
    }
    if !run.output.contains(&error_line(code)) {
        return Err(format!(
            "{shown} fails, but not with {code}; rustc said:\n{}",
            run.output
        ));
    }
    Ok(run.output)
}

/// `E0499`: an error code, as opposed to an error message.
pub fn is_error_code(expected: &str) -> bool {
    expected.len() > 1
        && expected.starts_with('E')
        && expected[1..].bytes().all(|b| b.is_ascii_digit())
}

/// How rustc prints the expected error: `error[E0277]` for a code, and
/// `error: <message>` for an error without one.
pub fn error_line(expected: &str) -> String {
    if is_error_code(expected) {
        format!("error[{expected}]")
    } else {
        format!("error: {expected}")
    }
}

/// `main` is the package's own binary, named after the package.
pub fn bin_file_name(package_dir: &Path, bin: &str) -> String {
    if bin == "main" {
        package_name(package_dir).unwrap_or_else(|| bin.to_owned())
    } else {
        bin.to_owned()
    }
}

/// The `name` in a package's Cargo.toml.
pub fn package_name(package_dir: &Path) -> Option<String> {
    #[derive(Deserialize)]
    struct Manifest {
        package: Package,
    }
    #[derive(Deserialize)]
    struct Package {
        name: String,
    }
    let text = std::fs::read_to_string(package_dir.join("Cargo.toml")).ok()?;
    toml::from_str::<Manifest>(&text)
        .ok()
        .map(|m| m.package.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_ignores_order_numbers_and_padding() {
        let a = "thread 1 done in  0.20 s\nthread 2 done in 0.31 s\n";
        let b = "thread 2 done in 0.19 s\nthread 10 done in 12.5 s\n";
        assert_eq!(shape(a), shape(b));
        assert!(compare(Check::Shape, a, b).is_ok());
    }

    #[test]
    fn shape_still_sees_changed_words_and_missing_lines() {
        let stored = "thread 1 done\nall done\n";
        assert!(compare(Check::Shape, stored, "thread 1 finished\nall done\n").is_err());
        assert!(compare(Check::Shape, stored, "thread 1 done\n").is_err());
    }

    #[test]
    fn exact_reports_the_first_differing_line() {
        let err = compare(Check::Exact, "a\nb\n", "a\nc\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        assert!(compare(Check::Exact, "a\n", "a\n").is_ok());
    }

    #[test]
    fn varying_outputs_must_say_why() {
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path();
        std::fs::write(dir.join("outputs.toml"), "[main]\ncheck = \"shape\"\n").unwrap();
        let err = Outputs::load(dir).unwrap_err();
        assert!(err.contains("why"), "{err}");
        std::fs::write(
            dir.join("outputs.toml"),
            "[main]\ncheck = \"shape\"\nwhy = \"timings\"\n",
        )
        .unwrap();
        assert!(Outputs::load(dir).is_ok());
    }

    #[test]
    fn an_expected_error_is_a_code_or_the_message_of_an_error_without_one() {
        assert_eq!(error_line("E0277"), "error[E0277]");
        let message = "future cannot be sent between threads safely";
        assert_eq!(error_line(message), format!("error: {message}"));
    }

    #[test]
    fn compile_fail_listings_must_fail_with_their_code() {
        let root = tempfile::tempdir().unwrap();
        let package = root.path().join("listings/ch99-demo");
        std::fs::create_dir_all(package.join("compile_fail")).unwrap();
        let file = package.join("compile_fail/assign_twice.rs");
        std::fs::write(
            &file,
            "fn main() {\n    let x = 1;\n    x = 2;\n    println!(\"{x}\");\n}\n",
        )
        .unwrap();
        let message = check_compile_fail(&package, "assign_twice", "E0384").unwrap();
        assert!(
            message.contains("listings/ch99-demo/compile_fail/assign_twice.rs:3:5"),
            "{message}"
        );
        let wrong_code = check_compile_fail(&package, "assign_twice", "E0499").unwrap_err();
        assert!(wrong_code.contains("not with E0499"), "{wrong_code}");
        std::fs::write(&file, "fn main() {}\n").unwrap();
        let compiles = check_compile_fail(&package, "assign_twice", "E0384").unwrap_err();
        assert!(compiles.contains("compiles"), "{compiles}");
    }
}
