//! `cargo run -p browsercheck`: builds the book, serves it on 127.0.0.1 and
//! checks it in headless Chromium: every page loads without console errors,
//! exceptions or failed requests (Playground requests are blocked and
//! counted), search finds a term, figures render, the quizzes and the
//! interleaving explorer answer clicks; then it saves screenshots in a light
//! and a dark theme. Installs Debian's `chromium` when it is missing.
//! Exits non-zero with a message on any failure; a watchdog ends the run
//! (and Chromium's whole process group) if it takes too long.
#![forbid(unsafe_code)]

mod cdp;
mod checks;
mod explorer;
mod quiz;
mod screens;

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
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
            cdp::kill_group(group);
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
    let root = workbook::build::find_root(&here)?;
    let shots = root.join("target/browser-screenshots");
    let chromium = find_or_install_chromium()?;
    let scratch = Scratch::new()?;
    let built = workbook::build::build(&root, Some(&scratch.path.join("book")))?;
    println!(
        "built the book in {:.1} s into {}",
        built.elapsed.as_secs_f64(),
        built.dest.display()
    );
    let base = serve(built.dest.clone())?;
    let log = scratch.path.join("chromium.log");
    let mut browser = cdp::Browser::launch(&chromium, &scratch.path.join("profile"), &log)
        .with_context(|| format!("chromium's log: {}", log.display()))?;
    group.store(browser.process_group(), Ordering::SeqCst);
    let outcome = checks::all(&mut browser, &base, &built.dest, &shots);
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

/// A folder under the system temp dir, removed at the end.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new() -> Result<Scratch> {
        let path = std::env::temp_dir().join(format!("browsercheck-{}", std::process::id()));
        std::fs::create_dir_all(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Scratch { path })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Serves `dest` on an ephemeral port of 127.0.0.1; returns the base URL.
fn serve(dest: PathBuf) -> Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let base = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let dest = dest.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &dest);
            });
        }
    });
    Ok(base)
}

fn answer(stream: TcpStream, dest: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let mut stream = stream;
    let (status, kind, body) = match workbook::serve::resolve(dest, target) {
        Some(file) => ("200 OK", content_type(&file), std::fs::read(&file)?),
        None => ("404 Not Found", "text/plain", b"not found\n".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        _ => "text/plain; charset=utf-8",
    }
}
