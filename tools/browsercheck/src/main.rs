//! `cargo run -p browsercheck`: builds the book, serves it on 127.0.0.1 and
//! checks it in headless Chromium: every page loads without console errors,
//! exceptions or failed requests (Playground requests are blocked and
//! counted), search finds a term, figures render, the quizzes and the
//! interleaving explorer answer clicks, and a server with Runs (as
//! `workbook serve` starts it) runs and stops listings from their Run
//! buttons and refuses what it must (`run_button.rs`); then it saves
//! screenshots in a light and a dark theme. `-- run-button` runs only that
//! last check. Installs Debian's `chromium` when it is missing.
//! Exits non-zero with a message on any failure; a watchdog ends the run
//! (and Chromium's whole process group) if it takes too long.
#![forbid(unsafe_code)]

mod cdp;
mod checks;
mod explorer;
mod quiz;
mod run_button;
mod screens;

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The whole run (install, build, browser) may take this long.
const OVERALL_DEADLINE: Duration = Duration::from_secs(900);

fn main() -> ExitCode {
    let group = Arc::new(AtomicU32::new(0));
    let watched = Arc::clone(&group);
    std::thread::spawn(move || {
        std::thread::sleep(OVERALL_DEADLINE);
        let group = watched.load(Ordering::SeqCst);
        if group != 0 {
            listingkit::process::kill_group(group);
        }
        eprintln!("browsercheck: FAILED: gave up after {OVERALL_DEADLINE:?} (something hangs)");
        std::process::exit(2);
    });
    match run(&group) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("browsercheck: FAILED: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(group: &AtomicU32) -> Result<()> {
    let start = Instant::now();
    let here = std::env::current_dir()?;
    let root = workbook::workspace::find_root(&here)?;
    let shots = root.join("target/browser-screenshots");
    let chromium = find_or_install_chromium()?;
    let scratch = tempfile::Builder::new()
        .prefix("browsercheck-")
        .tempdir()
        .context("cannot make a scratch folder")?;
    let built = workbook::book::build::build(&root, Some(&scratch.path().join("book")))?;
    println!(
        "built the book in {:.1} s into {}",
        built.elapsed.as_secs_f64(),
        built.dest.display()
    );
    let base = workbook::util::server::serve_in_background(built.dest.clone())?;
    let log = scratch.path().join("chromium.log");
    let mut browser = cdp::Browser::launch(&chromium, &scratch.path().join("profile"), &log)
        .with_context(|| format!("chromium's log: {}", log.display()))?;
    group.store(browser.process_group(), Ordering::SeqCst);
    // `-- run-button`: only the "Run from the page" check (never a pass).
    let outcome = if std::env::args().nth(1).as_deref() == Some("run-button") {
        checks::run_button_only(&mut browser, &root, &built.dest, &shots)
    } else {
        checks::all(&mut browser, &base, &root, &built.dest, &shots)
    };
    drop(browser); // kills Chromium's process group
    group.store(0, Ordering::SeqCst);
    let report = outcome.with_context(|| format!("chromium's log: {}", log.display()))?;
    println!("{report}");
    println!(
        "browser checks passed in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Chromium from $BROWSERCHECK_CHROMIUM or the PATH; on a Debian machine
/// without it, installs the `chromium` package (CI runs as root).
fn find_or_install_chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("BROWSERCHECK_CHROMIUM") {
        return Ok(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    if let Some(found) = names.iter().find_map(|n| on_path(n)) {
        return Ok(found);
    }
    if on_path("apt-get").is_none() {
        bail!(
            "no chromium on the PATH and no apt-get to install it; install Chromium or set BROWSERCHECK_CHROMIUM"
        );
    }
    println!("installing chromium with apt-get");
    let install = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null";
    let status = Command::new("sh").args(["-c", install]).status()?;
    if !status.success() {
        bail!("`{install}` failed ({status}); run it as root or install Chromium yourself");
    }
    on_path("chromium").context("apt-get installed chromium but it is not on the PATH")
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
}
