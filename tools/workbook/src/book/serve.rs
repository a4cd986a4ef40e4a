//! `workbook serve`: build the book, serve it on the loopback addresses (with
//! [`crate::util::server`]), rebuild on change, and run listings from the
//! page ([`crate::book::run`]).

use crate::book::{build, run};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub struct Options {
    pub port: u16,
    pub open: bool,
}

pub fn serve(root: &Path, options: &Options) -> Result<()> {
    // Bind first: a busy port should be reported before a long build.
    // On [::1] too, where a browser may look first: another user listening
    // there would be sent the address with the token.
    let listeners =
        crate::util::server::bind_loopback(options.port).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
                "port {} is already in use ({e}); stop what uses it or pass --port N",
                options.port
            ),
            _ => anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", options.port),
        })?;
    let built = build::build(root, None)?;
    let port = listeners[0].local_addr()?.port();
    // Made first: the address printed (and opened) carries it.
    let token = run::new_token().context("cannot make the token for running listings")?;
    let host_name = run::new_host_name().context("cannot make the server's host name")?;
    let url = format!("http://{host_name}:{port}/?token={token}");
    let plain_url = format!("http://127.0.0.1:{port}/?token={token}");
    println!(
        "built the book in {:.1} s into {}",
        built.elapsed.as_secs_f64(),
        built.dest.display()
    );
    println!(
        "serving the book at {url}\n  (open that address: its token lets your browser, and only it, read the \
         book and run listings; Ctrl-C stops; edits are rebuilt within a second)\n  \
         (a browser that cannot open a .localhost name: {plain_url} \u{2014} its cookie is also \
         sent to other servers on 127.0.0.1)"
    );
    // Kept until the server ends: the page that `--open` hands the browser.
    let _opened = if options.open {
        open_browser(&url)
    } else {
        None
    };
    let watched_root = root.to_owned();
    std::thread::spawn(move || rebuild_on_change(&watched_root));
    let runs = Arc::new(
        run::Runs::new(root, port, token, run::listings_of_book(root)).with_host_name(&host_name),
    );
    if listeners.len() == 1 {
        println!("  (listening on 127.0.0.1 only: this machine has no IPv6 loopback)");
    }
    if !runs.python3() {
        println!(
            "  (python3 was not found: the book's Python programs get no Run button; \
             install it and start serve again)"
        );
    }
    // Runs live in process groups of their own, which Ctrl-C does not
    // reach: kill them before leaving.
    let on_exit = Arc::clone(&runs);
    ctrlc::set_handler(move || {
        on_exit.stop_all();
        std::process::exit(130);
    })
    .context("cannot watch for Ctrl-C")?;
    // However the server ends (its loop returns or a panic unwinds), the
    // runs it started end with it.
    struct StopAll(Arc<run::Runs>);
    impl Drop for StopAll {
        fn drop(&mut self) {
            self.0.stop_all();
        }
    }
    let _stop_all = StopAll(Arc::clone(&runs));
    crate::util::server::serve_sites(listeners, &built.dest, Some(runs));
    Ok(())
}

/// Opens the book in the reader's browser without putting the token on a
/// command line, where every user of the machine could read it (`ps`):
/// the browser is given the page [`write_open_page`] makes, as Jupyter
/// does. The folder is deleted when the returned value is dropped.
fn open_browser(url: &str) -> Option<tempfile::TempDir> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    match write_open_page(url) {
        Ok((dir, path)) => {
            if std::process::Command::new(opener)
                .arg(&path)
                .spawn()
                .is_err()
            {
                eprintln!("could not start `{opener}`; open the address above in your browser");
            }
            Some(dir)
        }
        Err(e) => {
            eprintln!(
                "could not write the page to open ({e}); open the address above in your browser"
            );
            None
        }
    }
}

/// A page that sends the browser on to `url`, in a new folder only this
/// user can read (mode 0700, the file 0600): what `--open` hands the
/// browser, and what browsercheck opens to check that the cookie survives
/// a navigation that begins outside the book.
pub fn write_open_page(url: &str) -> std::io::Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::Builder::new()
        .prefix("threadwork-serve-")
        .tempdir()?;
    let path = dir.path().join("open-the-book.html");
    let escaped = crate::util::html::escape(url);
    let html = format!(
        "<!DOCTYPE html>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"refresh\" content=\"0;url={escaped}\">\n\
         <title>Threadwork</title>\n<p><a href=\"{escaped}\">Open the book</a></p>\n"
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(&path)?, html.as_bytes())?;
    Ok((dir, path))
}

/// Polls the book's sources once a second and rebuilds when one changes.
fn rebuild_on_change(root: &Path) {
    let mut last = newest_change(root);
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = newest_change(root);
        if now <= last {
            continue;
        }
        last = now;
        match build::build(root, None) {
            Ok(built) => println!("rebuilt in {:.1} s", built.elapsed.as_secs_f64()),
            Err(e) => eprintln!("error: {e:#}"),
        }
    }
}

fn newest_change(root: &Path) -> SystemTime {
    let mut files = vec![root.join("book.toml")];
    for dir in ["src", "theme", "listings"] {
        files.extend(crate::util::fs::walk_skipping(&root.join(dir), &["target"]));
    }
    files
        .iter()
        .filter_map(|file| std::fs::metadata(file).and_then(|m| m.modified()).ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}
