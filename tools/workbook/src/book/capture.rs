//! `workbook capture`: run listings and store what they print, so the book
//! shows real output.

use crate::util::fs::write_atomically;
use crate::workspace::{Package, Workspace};
use anyhow::{Context, Result, bail};
use listingkit::outputs::{Captured, OutputSpec, Outputs, bin_file_name, output_path};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Longer than a test's deadline: a capture may run release builds of
/// benchmarks, but it must still never hang.
const CAPTURE_DEADLINE: Duration = Duration::from_secs(120);

pub struct Options {
    /// Package names (`ch02`); all listing packages when empty.
    pub packages: Vec<String>,
    /// Only this binary (`main` for the headline listing, or `name.py`).
    pub only: Option<String>,
}

pub fn capture(root: &Path, options: &Options) -> Result<()> {
    let workspace = Workspace::load(root)?;
    let listing_packages = workspace.listing_packages(root);
    for wanted in &options.packages {
        if !listing_packages.iter().any(|p| &p.name == wanted) {
            let known: Vec<&str> = listing_packages.iter().map(|p| p.name.as_str()).collect();
            bail!(
                "no listing package named `{wanted}` (there are: {})",
                known.join(", ")
            );
        }
    }
    let stamp = Stamp {
        machine: machine_shape(),
        date: today(),
    };
    let mut captured_any = false;
    for package in listing_packages {
        if !options.packages.is_empty() && !options.packages.contains(&package.name) {
            continue;
        }
        let only = options.only.as_deref();
        captured_any |= capture_package(root, &workspace, package, only, &stamp)?;
    }
    if !captured_any {
        bail!("nothing matched: check the package and --bin names");
    }
    Ok(())
}

/// Where and when this capture runs, recorded with each output.
struct Stamp {
    machine: String,
    date: String,
}

impl Stamp {
    fn with(&self, toolchain: String) -> Captured {
        Captured {
            machine: self.machine.clone(),
            toolchain,
            date: self.date.clone(),
        }
    }
}

/// Captures one package's listings (or only `only`) and records where;
/// returns whether anything matched.
fn capture_package(
    root: &Path,
    workspace: &Workspace,
    package: &Package,
    only: Option<&str>,
    stamp: &Stamp,
) -> Result<bool> {
    let dir = package.dir();
    let outputs = Outputs::load(dir).map_err(anyhow::Error::msg)?;
    let mut captured = outputs.captured.clone();
    let rustc = tool_version("rustc");
    let mut captured_any = false;
    for (bin, spec) in &outputs.specs {
        if only.is_some_and(|only| only != bin) {
            continue;
        }
        let (toolchain, note) = match &spec.error {
            Some(code) => {
                let message = listingkit::outputs::check_compile_fail(dir, bin, code)
                    .map_err(|why| anyhow::anyhow!("{} {bin}: {why}", package.name))?;
                write_atomically(&output_path(dir, bin), &message)?;
                (
                    listingkit::outputs::rustc_version(),
                    format!(
                        "(rustc: {}, as expected)",
                        listingkit::outputs::error_line(code)
                    ),
                )
            }
            None => {
                let run = run_listing(root, workspace, package, bin, spec)?;
                write_atomically(&output_path(dir, bin), &run.output)?;
                (
                    rustc.clone(),
                    format!("{:>6.2} s", run.elapsed.as_secs_f64()),
                )
            }
        };
        captured.insert(bin.clone(), stamp.with(toolchain));
        println!("captured {:<6} {bin:<24} {note}", package.name);
        captured_any = true;
    }
    for script in python_files(dir) {
        let name = script
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if only.is_some_and(|only| only != name) {
            continue;
        }
        let Some(python) = python3() else {
            println!("skipped {name}: python3 is not installed");
            continue;
        };
        let run = run_python(root, &script)?;
        write_atomically(&output_path(dir, &name), &run.output)?;
        captured.insert(name.clone(), stamp.with(python));
        println!(
            "captured {:<6} {name:<24} {:>6.2} s",
            package.name,
            run.elapsed.as_secs_f64()
        );
        captured_any = true;
    }
    let record = format!(
        "# Written by `cargo run -p workbook -- capture`: where each stored output was made.\n{}",
        toml::to_string(&captured)?
    );
    write_atomically(&dir.join("output/captured.toml"), &record)?;
    Ok(captured_any)
}

/// Builds and runs one listing binary as `outputs.toml` says; fails unless
/// it exits as expected within the deadline.
fn run_listing(
    root: &Path,
    workspace: &Workspace,
    package: &Package,
    bin: &str,
    spec: &OutputSpec,
) -> Result<listingkit::Run> {
    let dir = package.dir();
    let profile = if spec.release { "release" } else { "debug" };
    cargo_build(root, &package.name, spec.release)?;
    let exe = workspace
        .target_directory
        .join(profile)
        .join(bin_file_name(dir, bin));
    let mut command = Command::new(&exe);
    command.args(&spec.args).current_dir(root);
    let run = listingkit::run_with_deadline(command, spec.stdin.as_deref(), CAPTURE_DEADLINE)
        .with_context(|| format!("cannot run {}", exe.display()))?;
    let code = run.status.and_then(|s| s.code());
    if run.timed_out() {
        bail!(
            "{} {bin}: did not finish within {CAPTURE_DEADLINE:?}",
            package.name
        );
    }
    if code != Some(spec.exit_code) {
        bail!(
            "{} {bin}: exited with {code:?}, outputs.toml expects {}; it printed:\n{}",
            package.name,
            spec.exit_code,
            run.output
        );
    }
    Ok(run)
}

/// Runs one of a chapter's Python programs; fails unless it succeeds.
fn run_python(root: &Path, script: &Path) -> Result<listingkit::Run> {
    let mut command = Command::new("python3");
    command.arg(script).current_dir(root);
    let run = listingkit::run_with_deadline(command, None, CAPTURE_DEADLINE)?;
    if !run.success() {
        bail!(
            "{}: python3 exited with {:?}; it printed:\n{}",
            script.display(),
            run.status,
            run.output
        );
    }
    Ok(run)
}

fn cargo_build(root: &Path, package: &str, release: bool) -> Result<()> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["build", "--quiet", "--bins", "-p", package])
        .current_dir(root);
    if release {
        command.arg("--release");
    }
    let status = command.status().context("cannot run cargo")?;
    if !status.success() {
        bail!("`cargo build -p {package}` failed");
    }
    Ok(())
}

pub fn python_files(package_dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(package_dir.join("python"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// `Some("Python 3.11.7")` when python3 is installed.
pub fn python3() -> Option<String> {
    let output = Command::new("python3").arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn tool_version(tool: &str) -> String {
    Command::new(tool)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| format!("{tool} (version unknown)"))
}

/// "x86_64 Linux, 2 cores": what a reader needs to compare their numbers.
pub fn machine_shape() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let os = match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "macOS",
        "windows" => "Windows",
        other => other,
    };
    format!("{} {os}, {cores} cores", std::env::consts::ARCH)
}

/// Today's date (UTC) as YYYY-MM-DD, without a date crate.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_looks_like_a_date() {
        let date = super::today();
        assert_eq!(date.len(), 10);
        assert!(date.starts_with("20"));
    }

    #[test]
    fn machine_shape_counts_cores() {
        assert!(super::machine_shape().ends_with(" cores"));
    }
}
