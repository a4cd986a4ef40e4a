//! The workbook command as a user meets it: help on every verb, one-line
//! errors with a non-zero exit for bad input, and a server that serves.

#[allow(dead_code)] // each test file uses a different part of the fixture
mod fixture;

use fixture::Fixture;
use listingkit::{Run, run_with_deadline};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn workbook(args: &[&str], dir: &std::path::Path) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
    command.args(args).current_dir(dir);
    run_with_deadline(command, None, Duration::from_secs(120)).unwrap()
}

/// Asserts a failed run printed exactly one line, an error naming `expected`.
fn assert_one_line_error(run: &Run, expected: &str) {
    assert!(!run.timed_out(), "hung: {}", run.output);
    assert!(!run.success(), "should have failed: {}", run.output);
    let lines: Vec<&str> = run.output.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got:\n{}", run.output);
    assert!(lines[0].starts_with("error: "), "{}", lines[0]);
    assert!(
        lines[0].contains(expected),
        "`{}` does not mention `{expected}`",
        lines[0]
    );
    assert!(!run.output.contains("panicked"), "{}", run.output);
}

#[test]
fn every_verb_has_help() {
    let here = std::env::temp_dir();
    for verb in ["serve", "build", "capture", "check"] {
        let run = workbook(&[verb, "--help"], &here);
        assert!(run.success(), "{verb} --help failed: {}", run.output);
        assert!(
            run.output.contains("Usage: workbook"),
            "{verb}: {}",
            run.output
        );
    }
    let run = workbook(&["--help"], &here);
    for verb in ["serve", "build", "capture", "check"] {
        assert!(run.output.contains(verb), "top-level help lacks {verb}");
    }
}

#[test]
fn outside_a_book_it_says_so_in_one_line() {
    let empty = std::env::temp_dir().join(format!("workbook-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert_one_line_error(&workbook(&["build"], &empty), "no book.toml");
    assert_one_line_error(
        &workbook(&["--book", empty.to_str().unwrap(), "serve"], &empty),
        "has no book.toml",
    );
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn a_broken_include_is_a_one_line_error() {
    let fixture = Fixture::new("cli-include");
    fixture.edit(
        "src/ch01-demo/index.md",
        "src/main.rs:greet",
        "src/gone.rs:greet",
    );
    assert_one_line_error(&workbook(&["build"], fixture.root()), "gone.rs");
}

#[test]
fn build_writes_the_book_folder() {
    let fixture = Fixture::new("cli-build");
    let run = workbook(&["build"], &fixture.path("src/ch01-demo"));
    assert!(run.success(), "{}", run.output);
    assert!(fixture.path("book/ch01-demo/index.html").is_file());
}

#[test]
fn an_unknown_verb_or_package_is_an_error() {
    let fixture = Fixture::new("cli-unknown");
    let run = workbook(&["frobnicate"], fixture.root());
    assert!(!run.success());
    assert!(
        run.output.contains("unrecognized subcommand"),
        "{}",
        run.output
    );
    assert_one_line_error(
        &workbook(&["capture", "ch99"], fixture.root()),
        "no listing package named `ch99`",
    );
}

#[test]
fn capture_stores_the_output_and_where_it_was_made() {
    let fixture = Fixture::new("cli-capture");
    std::fs::remove_file(fixture.path("listings/ch01-demo/output/main.txt")).unwrap();
    let run = workbook(&["capture", "demo"], fixture.root());
    assert!(run.success(), "{}", run.output);
    let stored =
        std::fs::read_to_string(fixture.path("listings/ch01-demo/output/main.txt")).unwrap();
    assert_eq!(stored, "hello from a thread\ntook: 0.01 s\n");
    let captured =
        std::fs::read_to_string(fixture.path("listings/ch01-demo/output/captured.toml")).unwrap();
    assert!(captured.contains("cores"), "{captured}");
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

#[test]
fn serve_serves_the_book_and_nothing_outside_it() {
    let fixture = Fixture::new("cli-serve");
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_workbook"))
            .args(["serve", "--port", &port.to_string()])
            .current_dir(fixture.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let index = loop {
        match get(port, "/") {
            Ok(response) => break response,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("the server did not answer within 30 s: {e}"),
        }
    };
    assert!(index.starts_with("HTTP/1.1 200 OK"), "{index}");
    let chapter = get(port, "/ch01-demo/index.html").unwrap();
    assert!(
        chapter.contains("cargo run -p demo"),
        "chapter page lacks its caption"
    );
    let escape = get(port, "/../book.toml").unwrap();
    assert!(escape.starts_with("HTTP/1.1 404"), "{escape}");
    let missing = get(port, "/no-such-page.html").unwrap();
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}

#[test]
fn serve_on_a_busy_port_is_a_one_line_error() {
    let fixture = Fixture::new("cli-busy");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    assert_one_line_error(
        &workbook(&["serve", "--port", &port], fixture.root()),
        "already in use",
    );
}
