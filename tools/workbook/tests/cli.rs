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
    for verb in [
        "serve",
        "build",
        "capture",
        "check-book",
        "start",
        "list",
        "check",
        "watch",
        "hint",
    ] {
        let run = workbook(&[verb, "--help"], &here);
        assert!(run.success(), "{verb} --help failed: {}", run.output);
        assert!(
            run.output.contains("Usage: workbook"),
            "{verb}: {}",
            run.output
        );
    }
    let run = workbook(&["--help"], &here);
    for verb in [
        "serve",
        "build",
        "capture",
        "check-book",
        "start",
        "list",
        "check",
        "watch",
        "hint",
    ] {
        assert!(run.output.contains(verb), "top-level help lacks {verb}");
    }
}

#[test]
fn outside_a_book_it_says_so_in_one_line() {
    let scratch = tempfile::tempdir().unwrap();
    let empty = scratch.path().to_owned();
    assert_one_line_error(&workbook(&["build"], &empty), "no book.toml");
    assert_one_line_error(
        &workbook(&["--book", empty.to_str().unwrap(), "serve"], &empty),
        "has no book.toml",
    );
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

fn get(port: u16, path: &str, cookie: &str) -> std::io::Result<String> {
    get_from(
        "127.0.0.1",
        port,
        &format!("127.0.0.1:{port}"),
        path,
        cookie,
    )
}

/// A GET of `path` from `address`:`port` with that `Host` header.
fn get_from(
    address: &str,
    port: u16,
    host: &str,
    path: &str,
    cookie: &str,
) -> std::io::Result<String> {
    let mut stream = TcpStream::connect((address, port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    // `serve` refuses any other Host (DNS rebinding), and shows pages only
    // with the cookie its printed address sets: see "Run from the page".
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

#[test]
fn serve_serves_the_book_and_nothing_outside_it() {
    let fixture = Fixture::new("cli-serve");
    let port = free_port();
    let (_server, lines) = start_serve(&fixture, port, None);
    // The address it prints carries the token; a page needs it once.
    let printed_address = lines;
    let deadline = Instant::now() + Duration::from_secs(60);
    let line = loop {
        let line = printed_address
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed no address with a token within 60 s");
        if line.contains("/?token=") {
            break line;
        }
    };
    let first = line[line.find("/?token=").unwrap()..].trim().to_owned();
    // First the start's own name, which no other server shares cookies with.
    let named = names_its_own_host(&line, port);
    assert!(
        named,
        "the first address is not on a tw-….localhost name: {line}"
    );
    let token = first.trim_start_matches("/?token=").to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    let admitted = loop {
        match get(port, &first, "") {
            Ok(response) => break response,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("the server did not answer within 30 s: {e}"),
        }
    };
    assert!(admitted.starts_with("HTTP/1.1 200"), "{admitted}");
    let cookie = format!("threadwork_token_{port}={token}");
    assert!(admitted.contains(&cookie), "{admitted}");
    let without = get(port, "/", "").unwrap();
    assert!(without.starts_with("HTTP/1.1 403"), "{without}");
    let index = get(port, "/", &cookie).unwrap();
    assert!(index.starts_with("HTTP/1.1 200 OK"), "{index}");
    let chapter = get(port, "/ch01-demo/index.html", &cookie).unwrap();
    assert!(
        chapter.contains("cargo run -p demo"),
        "chapter page lacks its caption"
    );
    // Browsers try [::1] first for the printed name: it is served there too
    // (when the machine has IPv6), so no one else can listen there.
    let name = line
        [line.find("http://").unwrap() + "http://".len()..line.find("/?token=").unwrap()]
        .to_owned();
    if TcpListener::bind(("::1", 0)).is_ok() {
        let on_v6 = get_from("::1", port, &name, "/", &cookie).unwrap();
        assert!(on_v6.starts_with("HTTP/1.1 200 OK"), "{on_v6}");
    }
    let escape = get(port, "/../book.toml", &cookie).unwrap();
    assert!(escape.starts_with("HTTP/1.1 404"), "{escape}");
    let missing = get(port, "/no-such-page.html", &cookie).unwrap();
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}

/// `workbook serve --port PORT` in the fixture (with `PATH` set to `path`
/// if given), stopped when the returned guard drops, and the lines it
/// prints as they come.
fn start_serve(
    fixture: &Fixture,
    port: u16,
    path: Option<&std::ffi::OsStr>,
) -> (Server, std::sync::mpsc::Receiver<String>) {
    use std::io::BufRead;
    let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
    command
        .args(["serve", "--port", &port.to_string()])
        .current_dir(fixture.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let mut child = command.spawn().unwrap();
    let printed = child.stdout.take().unwrap();
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(printed)
            .lines()
            .map_while(Result::ok)
        {
            let _ = lines.send(line);
        }
    });
    (Server(child), received)
}

/// The lines `serve` prints before its address with the token, and that
/// one, with `PATH` set to `path` (the server is stopped afterwards).
fn serve_banner(fixture: &Fixture, path: &std::ffi::OsStr) -> Vec<String> {
    let (_server, received) = start_serve(fixture, free_port(), Some(path));
    // Everything it prints at start, up to a quiet second after the address.
    let mut banner = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let wait = if banner.iter().any(|l: &String| l.contains("?token=")) {
            Duration::from_secs(1)
        } else {
            deadline.saturating_duration_since(Instant::now())
        };
        match received.recv_timeout(wait) {
            Ok(line) => banner.push(line),
            Err(_) => break,
        }
    }
    banner
}

#[test]
fn serve_says_at_start_when_python3_is_missing() {
    let fixture = Fixture::new("cli-serve-python");
    let said = |banner: &[String]| banner.iter().any(|l| l.contains("python3 was not found"));
    // Nothing on the PATH: no python3 (the book is built without it).
    let empty = tempfile::tempdir().unwrap();
    let without = serve_banner(&fixture, empty.path().as_os_str());
    assert!(without.iter().any(|l| l.contains("?token=")), "{without:?}");
    assert!(said(&without), "{without:?}");
    if listingkit::python3_installed() {
        let with = serve_banner(&fixture, &std::env::var_os("PATH").unwrap_or_default());
        assert!(with.iter().any(|l| l.contains("?token=")), "{with:?}");
        assert!(!said(&with), "{with:?}");
    }
}

/// Whether `line` shows `http://tw-<16 hex>.localhost:PORT/?token=`.
fn names_its_own_host(line: &str, port: u16) -> bool {
    let Some(at) = line.find("http://tw-") else {
        return false;
    };
    let rest = &line[at + "http://tw-".len()..];
    let label: String = rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    label.len() == 16 && rest[label.len()..].starts_with(&format!(".localhost:{port}/?token="))
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

#[test]
fn serve_refuses_a_port_another_program_holds_on_ipv6_loopback() {
    // Another user listening on [::1]:PORT would get the printed address,
    // token and all: browsers try [::1] first for a .localhost name.
    let Ok(taken) = TcpListener::bind(("::1", 0)) else {
        eprintln!("skipped: this machine has no IPv6 loopback, so nobody can listen there");
        return;
    };
    let fixture = Fixture::new("cli-busy-v6");
    let port = taken.local_addr().unwrap().port().to_string();
    assert_one_line_error(
        &workbook(&["serve", "--port", &port], fixture.root()),
        "[::1]",
    );
}

fn project_with_starters(name: &str) -> (Fixture, std::path::PathBuf) {
    let fixture = Fixture::new(name);
    let project = fixture.path("me");
    let run = workbook(&["start", project.to_str().unwrap()], fixture.root());
    assert!(run.success(), "start failed: {}", run.output);
    (fixture, project)
}

fn in_project(project: &std::path::Path, args: &[&str]) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--dir", project.to_str().unwrap()]);
    workbook(&all, std::path::Path::new("/"))
}

#[test]
fn start_writes_a_project_and_refuses_a_non_empty_folder() {
    let (fixture, project) = project_with_starters("cli-start");
    assert!(project.join("workbook.toml").is_file());
    assert!(project.join("README.md").is_file());
    let starter = std::fs::read_to_string(project.join("ch01-add/src/lib.rs")).unwrap();
    assert!(
        starter.contains("todo!(\"Return the sum of a and b.\")"),
        "{starter}"
    );
    assert!(!starter.contains("a + b"), "the starter holds the solution");
    let tests = std::fs::read_to_string(project.join("ch01-add/tests/canonical.rs")).unwrap();
    assert!(
        tests.starts_with("use ch01_add as add;\n"),
        "the tests should reach the starter's crate: {tests}"
    );
    assert!(!project.join("ch01-add/src/tests.rs").exists());
    let again = workbook(&["start", project.to_str().unwrap()], fixture.root());
    assert_one_line_error(&again, "is not empty");
    let forced = workbook(
        &["start", project.to_str().unwrap(), "--force"],
        fixture.root(),
    );
    assert!(forced.success(), "{}", forced.output);
}

#[test]
fn check_reports_the_starter_as_not_done_and_the_solution_as_passing() {
    let (_fixture, project) = project_with_starters("cli-check");
    let list = in_project(&project, &["list"]);
    assert!(
        list.output.contains("ch01-add") && list.output.contains("not started"),
        "{}",
        list.output
    );

    let run = in_project(&project, &["check", "ch01-add"]);
    assert!(!run.success(), "the starter should fail: {}", run.output);
    assert!(
        run.output.contains("NOT DONE   adds: reached a todo!()"),
        "{}",
        run.output
    );
    let prompt = "Still to write (a todo!() in src/lib.rs): Return the sum of a and b.";
    assert_eq!(run.output.matches(prompt).count(), 1, "{}", run.output);
    assert!(run.output.contains("0 of 2 tests passed"), "{}", run.output);
    assert!(in_project(&project, &["list"]).output.contains("failing"));

    std::fs::write(project.join("ch01-add/src/lib.rs"), fixture::ADD).unwrap();
    let run = in_project(&project, &["check", "ch01-add"]);
    assert!(run.success(), "the solution should pass: {}", run.output);
    assert!(run.output.contains("2 of 2 tests passed"), "{}", run.output);
    assert!(in_project(&project, &["list"]).output.contains("passed"));
}

#[test]
fn check_reports_a_wrong_answer_with_the_assertion_and_a_compile_error_with_the_compiler() {
    let (_fixture, project) = project_with_starters("cli-wrong");
    let lib = project.join("ch01-add/src/lib.rs");
    std::fs::write(&lib, fixture::ADD.replace("    a + b\n", "    a * b\n")).unwrap();
    let run = in_project(&project, &["check", "ch01-add"]);
    assert!(!run.success());
    assert!(
        run.output
            .contains("FAILED     adds: assertion `left == right` failed: two plus three"),
        "{}",
        run.output
    );

    std::fs::write(&lib, fixture::ADD.replace("    a + b\n", "    a + \"b\"\n")).unwrap();
    let run = in_project(&project, &["check", "ch01-add"]);
    assert!(!run.success());
    assert!(run.output.contains("DID NOT COMPILE"), "{}", run.output);
    assert!(
        run.output.contains("error[E0277]"),
        "the compiler's own message should be shown: {}",
        run.output
    );
    assert!(
        !run.output.contains("\"reason\""),
        "cargo's JSON leaked: {}",
        run.output
    );
}

#[test]
fn an_endless_loop_is_reported_within_the_deadline_and_leaves_no_process() {
    let (_fixture, project) = project_with_starters("cli-loop");
    let lib = project.join("ch01-add/src/lib.rs");
    std::fs::write(
        &lib,
        fixture::ADD.replace(
            "    a + b\n",
            "    loop {\n        std::hint::spin_loop();\n    }\n",
        ),
    )
    .unwrap();
    let start = Instant::now();
    let run = in_project(&project, &["check", "ch01-add", "--timeout", "2"]);
    assert!(!run.success());
    assert!(
        run.output.contains(
            "TIMED OUT  adds: did not finish in 2 s — likely a deadlock or an endless loop"
        ),
        "{}",
        run.output
    );
    // Two tests, 2 s each, plus the build.
    assert!(
        start.elapsed() < Duration::from_secs(90),
        "took {:?}",
        start.elapsed()
    );
    let leftovers = tests_running_in(&project);
    assert!(leftovers.is_empty(), "processes left behind: {leftovers:?}");
}

/// The command lines of the test processes running from `project`.
fn tests_running_in(project: &std::path::Path) -> Vec<String> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| std::fs::read(e.ok()?.path().join("cmdline")).ok())
        .map(|cmdline| String::from_utf8_lossy(&cmdline).replace('\0', " "))
        .filter(|cmdline| {
            cmdline.contains(project.to_str().unwrap()) && cmdline.contains("--exact")
        })
        .collect()
}

#[test]
fn hints_come_one_at_a_time_and_bad_input_is_a_one_line_error() {
    let (_fixture, project) = project_with_starters("cli-hint");
    let first = in_project(&project, &["hint", "ch01-add"]);
    assert!(
        first.success()
            && first.output.contains("Hint 1 of 2")
            && first.output.contains("plus sign"),
        "{}",
        first.output
    );
    let second = in_project(&project, &["hint", "ch01-add"]);
    assert!(
        second.output.contains("Hint 2 of 2") && second.output.contains("last hint"),
        "{}",
        second.output
    );

    assert_one_line_error(
        &in_project(&project, &["check", "ch09-nothing"]),
        "no exercise `ch09-nothing`",
    );
    assert_one_line_error(
        &in_project(&project, &["hint", "ch09-nothing"]),
        "no exercise `ch09-nothing`",
    );
    assert_one_line_error(
        &in_project(&project, &["watch", "ch09-nothing"]),
        "no exercise `ch09-nothing`",
    );
    let not_a_project = std::env::temp_dir();
    assert_one_line_error(
        &workbook(
            &["list", "--dir", not_a_project.to_str().unwrap()],
            &not_a_project,
        ),
        "is not an exercise project",
    );
    assert_one_line_error(
        &workbook(&["watch"], &not_a_project),
        "not inside an exercise project",
    );
    let missing = workbook(&["check"], &not_a_project);
    assert!(
        !missing.success() && missing.output.contains("required"),
        "{}",
        missing.output
    );
}

/// `workbook watch` running as a child, its stdin a pipe, its output read
/// line by line on threads of their own so that every wait has a deadline.
/// Dropping it kills the child.
struct Watch {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    /// Everything printed so far, for messages.
    seen: String,
}

/// How long `watch` may take to report one check: it includes a cargo
/// build, which on a busy 2-core machine can take a while.
const ONE_CHECK: Duration = Duration::from_secs(120);

impl Watch {
    fn start(args: &[&str], dir: &std::path::Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for stream in [
            Box::new(stdout) as Box<dyn Read + Send>,
            Box::new(stderr) as Box<dyn Read + Send>,
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for line in std::io::BufReader::new(stream).lines() {
                    let Ok(line) = line else { return };
                    if sender.send(line).is_err() {
                        return;
                    }
                }
            });
        }
        Watch {
            child,
            lines,
            seen: String::new(),
        }
    }

    /// Waits for a line containing `text`, skipping the lines before it.
    fn wait_for(&mut self, text: &str, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push_str(&line);
                    self.seen.push('\n');
                    assert!(!line.contains("panicked"), "{}", self.seen);
                    if line.contains(text) {
                        return;
                    }
                }
                Err(_) => panic!(
                    "no line with `{text}` within {within:?} (or the output ended); watch printed:\n{}",
                    self.seen
                ),
            }
        }
    }

    fn send(&mut self, text: &str) {
        self.child
            .stdin
            .as_mut()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }

    /// Waits for the child to end and returns its exit code.
    fn exit_code(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "watch did not end within {within:?}; it printed:\n{}",
                self.seen
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Makes the fixture's project hold a second exercise, `ch01-add-again`, a
/// copy of `ch01-add` under another name, so that `watch` has somewhere to
/// go once the first passes.
fn add_a_second_exercise(project: &std::path::Path) {
    let copy = |from: &str, to: &str, edit: &dyn Fn(String) -> String| {
        let text = std::fs::read_to_string(project.join(from)).unwrap();
        let to = project.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, edit(text)).unwrap();
    };
    let same = |text: String| text;
    copy("ch01-add/src/lib.rs", "ch01-add-again/src/lib.rs", &same);
    copy(
        "ch01-add/tests/canonical.rs",
        "ch01-add-again/tests/canonical.rs",
        &|text| text.replace("use ch01_add as", "use ch01_add_again as"),
    );
    copy(
        "ch01-add/Cargo.toml",
        "ch01-add-again/Cargo.toml",
        &|text| text.replace("name = \"ch01-add\"", "name = \"ch01-add-again\""),
    );
    copy("Cargo.toml", "Cargo.toml", &|text| {
        text.replace("\"ch01-add\"", "\"ch01-add\", \"ch01-add-again\"")
    });
    let path = project.join("workbook.toml");
    let mut file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let exercises = file["exercise"].as_array_mut().unwrap();
    let mut again = exercises[0].clone();
    again["package"] = "ch01-add-again".into();
    again["meta"]["id"] = "ch01-add-again".into();
    again["meta"]["title"] = "Add two numbers again".into();
    exercises.push(again);
    std::fs::write(&path, toml::to_string(&file).unwrap()).unwrap();
}

#[test]
fn watch_checks_again_on_each_save_and_moves_on_when_the_exercise_passes() {
    let (_fixture, project) = project_with_starters("cli-watch");
    add_a_second_exercise(&project);
    let listed = in_project(&project, &["list"]);
    assert!(
        listed.output.contains("ch01-add-again"),
        "{}",
        listed.output
    );
    let lib = project.join("ch01-add/src/lib.rs");
    let wrong = fixture::ADD.replace("    a + b\n", "    a * b\n");
    // No id and no --dir: the first exercise not passed, in the project the
    // current folder is in.
    let mut watch = Watch::start(&[], &project.join("ch01-add/src"));
    watch.wait_for("Watching ch01-add", ONE_CHECK);
    watch.wait_for("NOT DONE   adds: reached a todo!()", ONE_CHECK);
    watch.wait_for("Waiting for you to save", ONE_CHECK);

    std::fs::write(&lib, &wrong).unwrap();
    watch.wait_for(
        "FAILED     adds: assertion `left == right` failed: two plus three",
        ONE_CHECK,
    );
    watch.wait_for("Waiting for you to save", ONE_CHECK);

    std::fs::write(&lib, fixture::ADD).unwrap();
    watch.wait_for("2 of 2 tests passed", ONE_CHECK);
    watch.wait_for("Next: ch01-add-again", ONE_CHECK);

    // A save while the next exercise is being checked: once that check
    // ends, it is checked again without waiting for another save.
    watch.wait_for("building…", ONE_CHECK);
    std::fs::write(project.join("ch01-add-again/src/lib.rs"), &wrong).unwrap();
    watch.wait_for("building…", ONE_CHECK);
    watch.wait_for("FAILED     adds: assertion", ONE_CHECK);
    watch.wait_for("Waiting for you to save", ONE_CHECK);

    watch.send("q\n");
    watch.wait_for("Stopped watching", Duration::from_secs(30));
    assert_eq!(
        watch.exit_code(Duration::from_secs(30)),
        Some(0),
        "{}",
        watch.seen
    );
    let listed = in_project(&project, &["list"]).output;
    let status_of = |id: &str| {
        listed
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(status_of("ch01-add").contains("passed"), "{listed}");
    assert!(status_of("ch01-add-again").contains("failing"), "{listed}");
}

#[test]
fn watch_says_when_every_exercise_passes_and_ends() {
    let (_fixture, project) = project_with_starters("cli-watch-done");
    std::fs::write(project.join("ch01-add/src/lib.rs"), fixture::ADD).unwrap();
    let mut watch = Watch::start(&[], &project);
    watch.wait_for("2 of 2 tests passed", ONE_CHECK);
    watch.wait_for("Every exercise in this project passes", ONE_CHECK);
    assert_eq!(watch.exit_code(ONE_CHECK), Some(0), "{}", watch.seen);
    // Nothing left to watch: it says so at once.
    let again = workbook(&["watch"], &project);
    assert!(
        again.success() && again.output.contains("passes already"),
        "{}",
        again.output
    );
}

#[test]
fn watch_ends_on_q_and_on_the_end_of_its_input() {
    let (_fixture, project) = project_with_starters("cli-watch-q");
    let dir = project.to_str().unwrap();
    let mut watch = Watch::start(&["ch01-add", "--dir", dir], std::path::Path::new("/"));
    watch.wait_for("Waiting for you to save", ONE_CHECK);
    watch.send("q\n");
    watch.wait_for("Stopped watching", Duration::from_secs(30));
    assert_eq!(
        watch.exit_code(Duration::from_secs(30)),
        Some(0),
        "{}",
        watch.seen
    );

    // Input closed before the first check ends: it still reports the
    // check, then stops.
    let mut watch = Watch::start(&["ch01-add", "--dir", dir], std::path::Path::new("/"));
    drop(watch.child.stdin.take());
    watch.wait_for("NOT DONE   adds", ONE_CHECK);
    watch.wait_for("Stopped watching", Duration::from_secs(30));
    assert_eq!(
        watch.exit_code(Duration::from_secs(30)),
        Some(0),
        "{}",
        watch.seen
    );
}

#[test]
fn ctrl_c_ends_watch_and_the_test_it_was_running() {
    let (_fixture, project) = project_with_starters("cli-watch-ctrl-c");
    std::fs::write(
        project.join("ch01-add/src/lib.rs"),
        fixture::ADD.replace(
            "    a + b\n",
            "    loop {\n        std::thread::sleep(std::time::Duration::from_millis(10));\n    }\n",
        ),
    )
    .unwrap();
    let mut watch = Watch::start(&["--timeout", "600"], &project);
    watch.wait_for("building…", ONE_CHECK);
    let deadline = Instant::now() + ONE_CHECK;
    while tests_running_in(&project).is_empty() {
        assert!(
            Instant::now() < deadline,
            "no test started within {ONE_CHECK:?}; watch printed:\n{}",
            watch.seen
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // What the terminal sends on Ctrl-C (to watch only: the test runs in a
    // process group of its own, which the terminal's signal would not reach
    // either).
    let interrupt = Command::new("kill")
        .args(["-INT", &watch.child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupt.success());
    assert_eq!(
        watch.exit_code(Duration::from_secs(30)),
        Some(130),
        "{}",
        watch.seen
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let leftovers = tests_running_in(&project);
        if leftovers.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "tests left running after Ctrl-C: {leftovers:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
