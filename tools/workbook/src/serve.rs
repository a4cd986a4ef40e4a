//! `workbook serve`: build the book, serve it on 127.0.0.1, rebuild on change.
//!
//! A small static file server on std's TcpListener with a thread per
//! connection: the book has a few hundred files and one reader.

use crate::build;
use anyhow::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub struct Options {
    pub port: u16,
    pub open: bool,
}

pub fn serve(root: &Path, options: &Options) -> Result<()> {
    // Bind first: a busy port should be reported before a long build.
    let listener = TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "port {} is already in use; stop what uses it or pass --port N",
            options.port
        ),
        _ => anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", options.port),
    })?;
    let built = build::build(root, None)?;
    let url = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    println!(
        "built the book in {:.1} s into {}",
        built.elapsed.as_secs_f64(),
        built.dest.display()
    );
    println!("serving the book at {url}  (Ctrl-C stops; edits are rebuilt within a second)");
    if options.open {
        open_browser(&url);
    }
    let dest = built.dest.clone();
    let watched_root = root.to_owned();
    std::thread::spawn(move || rebuild_on_change(&watched_root));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let dest = dest.clone();
        std::thread::spawn(move || {
            // A reader closing the tab mid-response is not an error worth reporting.
            let _ = answer(stream, &dest);
        });
    }
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not start `{opener}`; open {url} in your browser");
    }
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
    let mut newest = SystemTime::UNIX_EPOCH;
    let mut pending: Vec<PathBuf> = ["src", "theme", "listings", "book.toml"]
        .iter()
        .map(|p| root.join(p))
        .collect();
    while let Some(path) = pending.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            if let Ok(entries) = std::fs::read_dir(&path) {
                pending.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
            }
        } else if let Ok(modified) = meta.modified() {
            newest = newest.max(modified);
        }
    }
    newest
}

fn answer(stream: TcpStream, dest: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers; a static server needs none of them.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET\n",
            true,
        );
    }
    match resolve(dest, target) {
        Some(file) => {
            let body = std::fs::read(&file)?;
            respond(
                &mut stream,
                "200 OK",
                content_type(&file),
                &body,
                method == "GET",
            )
        }
        None => {
            let body =
                std::fs::read(dest.join("404.html")).unwrap_or_else(|_| b"not found\n".to_vec());
            respond(
                &mut stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &body,
                method == "GET",
            )
        }
    }
}

/// Maps a request path to a file inside `dest`, refusing anything outside it.
pub fn resolve(dest: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut file = dest.to_owned();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" | "md" | "rs" | "py" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}
