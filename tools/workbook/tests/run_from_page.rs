//! "Run from the page" (`workbook serve`): every refusal starts nothing, a
//! known listing streams its output to the end, and Stop, the deadline and
//! a closed page leave no process behind.
//!
//! Each test starts its own server in-process on a free port of 127.0.0.1,
//! with the book's real table of listings plus stand-ins the test's own
//! code adds (a program that leaves a file behind when it runs, one that
//! runs for a long time). Every socket has a read deadline: nothing hangs.

#[allow(dead_code)] // each test file uses a different part of the fixture
mod fixture;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use workbook::book::run::{self, How, Listing, Runs};

const TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// The host name this test server was "started" with.
const HOST_NAME: &str = "tw-00112233aabbccdd.localhost";
/// The stand-in that leaves a file behind when it runs.
const TOUCH: &str = "listings/stand-in/src/bin/touch.rs";
/// The stand-in that prints its shell's and its sleeper's ids, then sleeps.
const SLEEPER: &str = "listings/stand-in/src/bin/sleeper.rs";
/// A real, quick chapter 1 listing.
const CORES: &str = "listings/ch01-why/src/bin/cores.rs";

struct Server {
    port: u16,
    scratch: tempfile::TempDir,
}

impl Server {
    fn marker(&self) -> PathBuf {
        self.scratch.path().join("ran")
    }

    /// Where this server builds edited listings (`target/edited/` in the
    /// real server).
    fn edited(&self) -> PathBuf {
        self.scratch.path().join("edited")
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn shell(script: &str, deadline: Duration) -> Listing {
    Listing {
        how: How::Program("/bin/sh".into()),
        args: vec!["-c".into(), script.into()],
        stdin: None,
        deadline,
    }
}

fn start() -> Server {
    start_with(|runs| runs)
}

fn start_with(adjust: impl FnOnce(Runs) -> Runs) -> Server {
    start_believing(None, adjust)
}

/// A server whose Runs believe they serve `believed` (when given) rather
/// than the port the test talks to them on.
fn start_believing(believed: Option<u16>, adjust: impl FnOnce(Runs) -> Runs) -> Server {
    let scratch = tempfile::tempdir().unwrap();
    let pages = scratch.path().join("book");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("index.html"),
        "<!DOCTYPE html>\n<html><head><title>t</title></head><body>page</body></html>\n",
    )
    .unwrap();
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut table: HashMap<String, Listing> = run::listings_of_book(&root());
    let marker = scratch.path().join("ran");
    table.insert(
        TOUCH.into(),
        shell(&format!("touch '{}'", marker.display()), run::RUN_DEADLINE),
    );
    table.insert(
        SLEEPER.into(),
        shell("sleep 60 & echo \"$$ $!\"; wait", Duration::from_secs(60)),
    );
    table.insert(
        "listings/stand-in/src/bin/flood.rs".into(),
        shell(
            "yes flood | head -c 600000; echo the end >&2; kill -TERM $$",
            run::RUN_DEADLINE,
        ),
    );
    table.insert(
        "listings/stand-in/src/bin/escaper.rs".into(),
        shell(
            "setsid sleep 60 & echo \"$$ $!\"; wait",
            Duration::from_secs(60),
        ),
    );
    table.insert(
        "listings/stand-in/src/bin/short_deadline.rs".into(),
        shell("sleep 60 & echo \"$$ $!\"; wait", Duration::from_secs(1)),
    );
    let edited = scratch.path().join("edited");
    let runs = Arc::new(adjust(
        Runs::new(&root(), believed.unwrap_or(port), TOKEN.into(), table)
            .with_edit_dir(&edited)
            .with_host_name(HOST_NAME),
    ));
    std::thread::spawn(move || workbook::util::server::serve_site(listener, &pages, Some(runs)));
    Server { port, scratch }
}

/// What came back: the status code, and the body (de-chunked).
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    /// The body's JSON lines.
    fn events(&self) -> Vec<serde_json::Value> {
        self.body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    stream
}

fn send(stream: &mut TcpStream, method: &str, target: &str, headers: &[(&str, &str)]) {
    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
}

fn read_reply(mut stream: TcpStream) -> Reply {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Reply {
        status,
        head: head.to_owned(),
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

/// The start's own name and port, as the printed address has them.
fn own_host(server: &Server) -> String {
    format!("{HOST_NAME}:{}", server.port)
}

/// A GET of the printed address, `/?token=…`, with `headers`.
fn open_printed_address(server: &Server, headers: &[(&str, &str)]) -> Reply {
    request(server, "GET", &format!("/?token={TOKEN}"), headers)
}

fn host(server: &Server) -> String {
    format!("127.0.0.1:{}", server.port)
}

/// The cookie a browser gets from the printed address.
fn cookie(server: &Server) -> String {
    format!("{}{}={TOKEN}", run::COOKIE_PREFIX, server.port)
}

fn request(server: &Server, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = connect(server.port);
    send(&mut stream, method, target, headers);
    read_reply(stream)
}

fn run_target(listing: &str) -> String {
    format!("{}?listing={}", run::RUN_PATH, encode(listing))
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A refused request must not have started the stand-in.
fn assert_nothing_ran(server: &Server) {
    std::thread::sleep(Duration::from_millis(300));
    assert!(!server.marker().exists(), "a refused request ran something");
}

#[test]
fn the_stand_in_leaves_its_file_when_the_request_is_right() {
    // Proves that `assert_nothing_ran` would see a run.
    let server = start();
    let h = host(&server);
    let reply = request(
        &server,
        "POST",
        &run_target(TOUCH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(server.marker().exists());
}

#[test]
fn a_run_without_the_token_is_refused() {
    let server = start();
    let h = host(&server);
    let reply = request(&server, "POST", &run_target(TOUCH), &[("Host", &h)]);
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert_nothing_ran(&server);
}

#[test]
fn a_run_with_a_wrong_token_is_refused() {
    let server = start();
    let h = host(&server);
    let wrong = TOKEN.replace('0', "1");
    for token in [wrong.as_str(), "", &TOKEN[..31]] {
        let reply = request(
            &server,
            "POST",
            &run_target(TOUCH),
            &[("Host", &h), ("X-Threadwork-Token", token)],
        );
        assert_eq!(reply.status, 403, "token {token:?}: {}", reply.body);
    }
    assert_nothing_ran(&server);
}

#[test]
fn a_run_from_another_origin_is_refused() {
    let server = start();
    let h = host(&server);
    let other_port = format!("http://127.0.0.1:{}", server.port + 1);
    for origin in ["http://evil.example", "null", other_port.as_str()] {
        let reply = request(
            &server,
            "POST",
            &run_target(TOUCH),
            &[
                ("Host", &h),
                ("Origin", origin),
                ("X-Threadwork-Token", TOKEN),
            ],
        );
        assert_eq!(reply.status, 403, "origin {origin}: {}", reply.body);
    }
    assert_nothing_ran(&server);
}

#[test]
fn a_wrong_host_is_refused_for_runs_and_pages() {
    let server = start();
    let wrong_port = format!("127.0.0.1:{}", server.port + 1);
    for bad in ["evil.example", "evil.example:80", wrong_port.as_str()] {
        let run = request(
            &server,
            "POST",
            &run_target(TOUCH),
            &[("Host", bad), ("X-Threadwork-Token", TOKEN)],
        );
        assert_eq!(run.status, 403, "host {bad}: {}", run.body);
        // A page would hand a rebinding site the token.
        let page = request(&server, "GET", "/index.html", &[("Host", bad)]);
        assert_eq!(page.status, 403, "host {bad}");
        assert!(!page.body.contains(TOKEN));
    }
    let none = request(
        &server,
        "POST",
        &run_target(TOUCH),
        &[("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(none.status, 403);
    assert_nothing_ran(&server);
}

#[test]
fn the_start_s_own_host_name_is_served_and_no_other_name() {
    let server = start();
    let own = own_host(&server);
    // The printed address: its cookie is the name's own (no Domain), so a
    // browser sends it to no other server.
    let admitted = open_printed_address(&server, &[("Host", &own)]);
    assert_eq!(admitted.status, 200, "{}", admitted.head);
    let set_cookie = admitted
        .head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_else(|| panic!("no cookie: {}", admitted.head))
        .to_ascii_lowercase();
    assert!(!set_cookie.contains("domain"), "{set_cookie}");
    let page = request(
        &server,
        "GET",
        "/index.html",
        &[("Host", &own), ("Cookie", &cookie(&server))],
    );
    assert_eq!(page.status, 200, "{}", page.head);
    // The stand-in's run request, with the token, from a page of `origin`.
    let run_from = |origin: &str| {
        request(
            &server,
            "POST",
            &run_target(TOUCH),
            &[
                ("Host", &own),
                ("Origin", &format!("http://{origin}")),
                ("X-Threadwork-Token", TOKEN),
            ],
        )
    };
    // Another start's name, a name that only ends like it, another site's.
    let port = server.port;
    for bad in [
        format!("tw-ffffffffffffffff.localhost:{port}"),
        format!("evil.{HOST_NAME}:{port}"),
        format!("{HOST_NAME}.evil.example:{port}"),
        format!("{HOST_NAME}:{}", port + 1),
    ] {
        let page = open_printed_address(&server, &[("Host", &bad)]);
        assert_eq!(page.status, 403, "host {bad}");
        assert!(!page.head.contains(TOKEN) && !page.body.contains(TOKEN));
        let run = request(
            &server,
            "POST",
            &run_target(TOUCH),
            &[("Host", &bad), ("X-Threadwork-Token", TOKEN)],
        );
        assert_eq!(run.status, 403, "host {bad}: {}", run.body);
        let run = run_from(&bad);
        assert_eq!(run.status, 403, "origin http://{bad}: {}", run.body);
    }
    assert_nothing_ran(&server);
    // The server's other address as Origin, with the name as Host: not the
    // page's own origin either.
    let run = run_from(&format!("127.0.0.1:{port}"));
    assert_eq!(run.status, 403, "origin of 127.0.0.1: {}", run.body);
    assert_nothing_ran(&server);
    // From a page of the name itself, a run goes ahead.
    let run = run_from(&own);
    assert_eq!(run.status, 200, "{}", run.body);
    assert!(server.marker().exists());
}

#[test]
fn the_printed_address_always_moves_on_and_head_gets_no_body() {
    let server = start();
    let own = own_host(&server);
    // Opened again, with the cookie: still the page that moves on, so that
    // the token does not stay in the address bar.
    let again = open_printed_address(&server, &[("Host", &own), ("Cookie", &cookie(&server))]);
    assert_eq!(again.status, 200, "{}", again.head);
    assert!(
        again.body.contains("http-equiv=\"refresh\""),
        "{}",
        again.body
    );
    assert!(!again.body.contains(TOKEN), "{}", again.body);
    let head = request(
        &server,
        "HEAD",
        &format!("/?token={TOKEN}"),
        &[("Host", &own)],
    );
    assert_eq!(head.status, 200, "{}", head.head);
    assert!(
        head.body.is_empty(),
        "a HEAD answer with a body: {}",
        head.body
    );
}

#[test]
fn on_port_80_the_host_without_its_port_is_the_servers_own() {
    // Browsers leave the default port out of Host and Origin. The Runs
    // believe they serve port 80; the test talks to them on another.
    let server = start_believing(Some(80), |runs| runs);
    for host in [
        HOST_NAME.to_owned(),
        format!("{HOST_NAME}:80"),
        "127.0.0.1".to_owned(),
    ] {
        let admitted = open_printed_address(&server, &[("Host", &host)]);
        assert_eq!(admitted.status, 200, "host {host}: {}", admitted.head);
    }
    let other = format!("{HOST_NAME}:8080");
    let refused = open_printed_address(&server, &[("Host", &other)]);
    assert_eq!(refused.status, 403);
    // A run from the page's own origin, port left out: past Host and
    // Origin, to the token check (no token sent).
    let origin = format!("http://{HOST_NAME}");
    let run = request(
        &server,
        "POST",
        &run_target(TOUCH),
        &[("Host", HOST_NAME), ("Origin", &origin)],
    );
    assert_eq!(run.status, 403, "{}", run.body);
    assert_eq!(run.body.trim(), "missing or wrong token");
}

#[test]
fn every_start_makes_a_new_localhost_name() {
    let a = run::new_host_name().unwrap();
    let b = run::new_host_name().unwrap();
    assert_ne!(a, b);
    for name in [&a, &b] {
        let label = name
            .strip_prefix("tw-")
            .and_then(|rest| rest.strip_suffix(".localhost"))
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(label.len(), 16, "{name}");
        assert!(label.bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
    }
}

#[test]
fn pages_are_shown_only_after_the_token_then_by_its_cookie() {
    let server = start();
    let h = host(&server);
    let refused = |target: &str, headers: &[(&str, &str)]| {
        let reply = request(&server, "GET", target, headers);
        assert_eq!(reply.status, 403, "{target}: {}", reply.head);
        assert!(!reply.body.contains(TOKEN), "{target}: the token leaked");
        assert!(!reply.head.contains(TOKEN), "{target}: the token leaked");
    };
    // No token, a wrong one, a cookie of the wrong value or for another port.
    refused("/", &[("Host", &h)]);
    refused("/index.html", &[("Host", &h)]);
    refused("/?token=0123", &[("Host", &h)]);
    refused(
        &format!("/?token={}", TOKEN.replace('0', "1")),
        &[("Host", &h)],
    );
    let wrong_value = format!("{}{}=abc", run::COOKIE_PREFIX, server.port);
    refused("/", &[("Host", &h), ("Cookie", &wrong_value)]);
    let other_port = format!("{}{}={TOKEN}", run::COOKIE_PREFIX, server.port + 1);
    refused("/", &[("Host", &h), ("Cookie", &other_port)]);

    // The printed address: a cookie, and on to the same page without the token.
    let admitted = request(
        &server,
        "GET",
        &format!("/index.html?token={TOKEN}"),
        &[("Host", &h)],
    );
    // A page that moves on by itself (a redirect would lose the cookie
    // when the navigation began elsewhere, as with `--open`).
    assert_eq!(admitted.status, 200, "{}", admitted.head);
    let head = admitted.head.to_ascii_lowercase();
    assert!(
        admitted
            .body
            .contains("<meta http-equiv=\"refresh\" content=\"0;url=/index.html\">"),
        "{}",
        admitted.body
    );
    assert!(!admitted.body.contains(TOKEN), "{}", admitted.body);
    let set = format!(
        "set-cookie: {}{}={TOKEN}; path=/; httponly; samesite=strict",
        run::COOKIE_PREFIX,
        server.port
    );
    assert!(head.contains(&set), "{}", admitted.head);
    // Never on to another site.
    let away = request(
        &server,
        "GET",
        &format!("//evil.example/?token={TOKEN}"),
        &[("Host", &h)],
    );
    assert_eq!(away.status, 200);
    assert!(
        away.body.contains("content=\"0;url=/\">") && !away.body.contains("evil"),
        "{}",
        away.body
    );
    // With the cookie, among others, the page and its token.
    let c = format!("theme=light; {}", cookie(&server));
    let page = request(
        &server,
        "GET",
        "/index.html",
        &[("Host", &h), ("Cookie", &c)],
    );
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(page.body.contains(TOKEN));
    // And no other page may frame it (a click on Run tricked through a frame).
    let head = page.head.to_ascii_lowercase();
    assert!(
        head.contains("\r\nx-frame-options: deny\r\n"),
        "{}",
        page.head
    );
    assert!(head.contains("frame-ancestors 'none'"), "{}", page.head);
    // A link followed from the book tells the other site nothing of it.
    assert!(
        head.contains("\r\nreferrer-policy: no-referrer\r\n"),
        "{}",
        page.head
    );
    assert_nothing_ran(&server);
}

#[test]
fn a_run_by_get_is_refused() {
    let server = start();
    let h = host(&server);
    let reply = request(
        &server,
        "GET",
        &run_target(TOUCH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 405, "{}", reply.body);
    assert_nothing_ran(&server);
}

#[test]
fn an_unknown_listing_is_not_found() {
    let server = start();
    let h = host(&server);
    for listing in [
        "listings/ch01-why/src/bin/no_such_listing.rs",
        "listings/ch01-why/src/lib.rs",
        "listings/ch01-why/python/cpu_jobs.py",
        "",
    ] {
        let reply = request(
            &server,
            "POST",
            &run_target(listing),
            &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
        );
        assert_eq!(reply.status, 404, "{listing}: {}", reply.body);
    }
    let no_parameter = request(
        &server,
        "POST",
        run::RUN_PATH,
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(no_parameter.status, 404);
    assert_nothing_ran(&server);
}

#[test]
fn path_tricks_are_not_found() {
    let server = start();
    let h = host(&server);
    let absolute = root().join(TOUCH).display().to_string();
    let tricks = [
        // `..` in plain and encoded forms, absolute paths, a NUL, backslashes,
        // double encoding, and a second parameter.
        "listings/stand-in/src/bin/../bin/touch.rs".to_owned(),
        format!(
            "{}?listing=listings%2Fstand-in%2Fsrc%2Fbin%2F%2E%2E%2Fbin%2Ftouch.rs",
            run::RUN_PATH
        ),
        format!("{}?listing=%252e%252e%252Fstand-in", run::RUN_PATH),
        format!("/{TOUCH}"),
        absolute,
        format!("{TOUCH}%00"),
        TOUCH.replace('/', "\\"),
        format!(
            "{}?listing={}&listing={}",
            run::RUN_PATH,
            encode(TOUCH),
            encode(TOUCH)
        ),
        format!("{}?listing=%zz", run::RUN_PATH),
        format!(
            "/__threadwork/../__threadwork/run?listing={}",
            encode(TOUCH)
        ),
    ];
    for trick in tricks {
        let target = if trick.starts_with("/__threadwork/") {
            trick.clone()
        } else {
            run_target(&trick)
        };
        let reply = request(
            &server,
            "POST",
            &target,
            &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
        );
        assert_eq!(reply.status, 404, "{target}: {}", reply.body);
    }
    assert_nothing_ran(&server);
}

#[test]
fn a_malformed_request_gets_a_clear_refusal() {
    let server = start();
    for raw in [
        "garbage\r\n\r\n".to_owned(),
        "POST /__threadwork/run HTTP/1.1\r\nno colon here\r\n\r\n".to_owned(),
        format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(20_000)),
    ] {
        let mut stream = connect(server.port);
        stream.write_all(raw.as_bytes()).unwrap();
        let reply = read_reply(stream);
        assert!(
            (400..500).contains(&reply.status),
            "{raw:.40}: {}",
            reply.head
        );
    }
    assert_nothing_ran(&server);
}

#[test]
fn served_pages_carry_the_token_and_plain_serving_does_not() {
    let server = start();
    let h = host(&server);
    let c = cookie(&server);
    let page = request(&server, "GET", "/", &[("Host", &h), ("Cookie", &c)]);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!(
            "<meta name=\"{}\" content=\"{TOKEN}\">",
            run::TOKEN_META
        )),
        "{}",
        page.body
    );
    // Under the start's own name too; not under `localhost`, which browsers
    // look up on [::1] first and whose cookie every server on it gets.
    let own = own_host(&server);
    assert_eq!(
        request(&server, "GET", "/", &[("Host", &own), ("Cookie", &c)]).status,
        200
    );
    let localhost = format!("localhost:{}", server.port);
    assert_eq!(
        request(&server, "GET", "/", &[("Host", &localhost), ("Cookie", &c)]).status,
        403
    );

    let plain = tempfile::tempdir().unwrap();
    std::fs::write(
        plain.path().join("index.html"),
        "<html><head></head></html>",
    )
    .unwrap();
    let base = workbook::util::server::serve_in_background(plain.path().to_owned()).unwrap();
    let port: u16 = base
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut stream = connect(port);
    send(&mut stream, "GET", "/", &[("Host", "127.0.0.1")]);
    let reply = read_reply(stream);
    assert_eq!(reply.status, 200);
    assert!(!reply.body.contains(run::TOKEN_META));
}

#[test]
fn a_built_book_has_the_script_but_no_token_so_no_run_buttons() {
    let dest = tempfile::tempdir().unwrap();
    let built = workbook::book::build::build(&root(), Some(dest.path())).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-why/one-at-a-time.html")).unwrap();
    assert!(
        page.contains("theme/run-"),
        "theme/run.js is not in the page"
    );
    assert!(!page.contains(run::TOKEN_META));
    let script = std::fs::read_to_string(root().join("theme/run.js")).unwrap();
    assert!(
        script.contains(run::TOKEN_META) && script.contains(run::RUN_PATH),
        "theme/run.js must look for the token and post to the run path"
    );
}

#[test]
fn a_known_listing_streams_its_output_and_exits_0() {
    let server = start();
    let h = host(&server);
    let origin = format!("http://127.0.0.1:{}", server.port);
    let reply = request(
        &server,
        "POST",
        &run_target(CORES),
        &[
            ("Host", &h),
            ("Origin", &origin),
            ("X-Threadwork-Token", TOKEN),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.head.contains("application/x-ndjson"));
    let events = reply.events();
    assert!(events[0]["run"].is_u64(), "{events:?}");
    let printed: String = events.iter().filter_map(|e| e["out"].as_str()).collect();
    let stored =
        std::fs::read_to_string(root().join("listings/ch01-why/output/cores.txt")).unwrap();
    let first_word = stored.split_whitespace().next().unwrap();
    assert!(
        printed.contains(first_word),
        "printed {printed:?}, stored {stored:?}"
    );
    let last = events.last().unwrap();
    assert_eq!(last["end"], "exit", "{events:?}");
    assert_eq!(last["code"], 0, "{events:?}");
    assert!(last["elapsed"].as_f64().unwrap() < 30.0);
}

#[test]
fn a_flood_of_output_is_cut_and_a_signal_is_reported() {
    let server = start();
    let h = host(&server);
    let reply = request(
        &server,
        "POST",
        &run_target("listings/stand-in/src/bin/flood.rs"),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 200, "{}", reply.head);
    let events = reply.events();
    let printed: usize = events
        .iter()
        .filter_map(|e| e["out"].as_str().or(e["err"].as_str()))
        .map(str::len)
        .sum();
    assert!(
        printed <= run::OUTPUT_LIMIT,
        "{printed} bytes reached the page"
    );
    assert!(printed > run::OUTPUT_LIMIT / 2, "only {printed} bytes");
    assert!(
        events
            .iter()
            .any(|e| e["note"].as_str().is_some_and(|n| n.contains("cut"))),
        "no note that the output was cut"
    );
    let last = events.last().unwrap();
    assert_eq!(last["end"], "signal", "{last}");
    assert_eq!(last["signal"], 15, "{last}");
}

/// Starts the sleeper stand-in named `listing` and returns the open
/// response and the ids of its shell and its sleeping child.
fn start_sleeper(server: &Server, listing: &str) -> (TcpStream, u64, Vec<u32>) {
    start_sleeper_with(server, listing, TOKEN, Duration::from_secs(20))
}

/// Starts `listing`, which prints process ids on its first line, and
/// returns the open response, the run's id and those process ids.
fn start_sleeper_with(
    server: &Server,
    listing: &str,
    token: &str,
    patience: Duration,
) -> (TcpStream, u64, Vec<u32>) {
    let h = host(server);
    let mut stream = connect(server.port);
    send(
        &mut stream,
        "POST",
        &run_target(listing),
        &[("Host", &h), ("X-Threadwork-Token", token)],
    );
    // Read until the line with the ids has arrived.
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    let deadline = Instant::now() + patience;
    let (run, pids) = loop {
        assert!(Instant::now() < deadline, "no ids: {seen:?}");
        stream.read_exact(&mut byte).unwrap();
        seen.push(byte[0]);
        let text = String::from_utf8_lossy(&seen);
        let Some(body) = text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()) else {
            continue;
        };
        let lines: Vec<serde_json::Value> = body
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        let run = lines.iter().find_map(|e| e["run"].as_u64());
        let out: String = lines.iter().filter_map(|e| e["out"].as_str()).collect();
        let ids = out.split_inclusive('\n').find_map(|line| {
            let ids: Vec<u32> = line
                .split_whitespace()
                .map_while(|p| p.parse().ok())
                .collect();
            let whole = ids.len() == line.split_whitespace().count();
            (line.ends_with('\n') && whole && !ids.is_empty()).then_some(ids)
        });
        if let (Some(run), Some(pids)) = (run, ids) {
            break (run, pids);
        }
    };
    (stream, run, pids)
}

fn alive(pid: u32) -> bool {
    // A zombie has ended; it waits only for its parent to collect it.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

fn assert_gone(pids: &[u32]) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while pids.iter().any(|&p| alive(p)) {
        assert!(Instant::now() < deadline, "still running: {pids:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn stop_ends_a_long_run_and_leaves_no_process_behind() {
    let server = start();
    let (stream, run, pids) = start_sleeper(&server, SLEEPER);
    assert_eq!(pids.len(), 2);
    assert!(pids.iter().all(|&p| alive(p)));
    let h = host(&server);
    let stop = request(
        &server,
        "POST",
        &format!("{}?run={run}", run::STOP_PATH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(stop.status, 200, "{}", stop.body);
    let rest = read_reply_tail(stream);
    assert!(rest.contains("\"end\":\"stopped\""), "{rest}");
    assert_gone(&pids);
    // A stop without the token is refused, and a finished run is gone.
    let again = request(
        &server,
        "POST",
        &format!("{}?run={run}", run::STOP_PATH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(again.status, 404);
    let no_token = request(
        &server,
        "POST",
        &format!("{}?run={run}", run::STOP_PATH),
        &[("Host", &h)],
    );
    assert_eq!(no_token.status, 403);
}

#[test]
fn stop_also_ends_a_process_that_left_the_group() {
    let server = start();
    let (stream, run, pids) = start_sleeper(&server, "listings/stand-in/src/bin/escaper.rs");
    let h = host(&server);
    let stop = request(
        &server,
        "POST",
        &format!("{}?run={run}", run::STOP_PATH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(stop.status, 200, "{}", stop.body);
    let rest = read_reply_tail(stream);
    assert!(rest.contains("\"end\":\"stopped\""), "{rest}");
    assert_gone(&pids);
}

#[test]
fn the_deadline_ends_a_runaway_run() {
    let server = start();
    let (stream, _, pids) = start_sleeper(&server, "listings/stand-in/src/bin/short_deadline.rs");
    let rest = read_reply_tail(stream);
    assert!(rest.contains("\"end\":\"deadline\""), "{rest}");
    assert_gone(&pids);
}

#[test]
fn closing_the_page_ends_its_run() {
    let server = start();
    let (stream, _, pids) = start_sleeper(&server, SLEEPER);
    drop(stream);
    assert_gone(&pids);
}

#[test]
fn only_two_runs_go_at_once() {
    let server = start();
    let (first, _, first_pids) = start_sleeper(&server, SLEEPER);
    let (second, _, second_pids) = start_sleeper(&server, SLEEPER);
    let h = host(&server);
    let third = request(
        &server,
        "POST",
        &run_target(TOUCH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(third.status, 429, "{}", third.body);
    drop((first, second));
    assert_gone(&first_pids);
    assert_gone(&second_pids);
    assert_nothing_ran(&server);
}

/// The rest of a streamed response, raw.
fn read_reply_tail(mut stream: TcpStream) -> String {
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).unwrap();
    String::from_utf8_lossy(&rest).into_owned()
}

#[test]
fn ctrl_c_on_the_server_ends_its_runs() {
    // The fixture book's listing, made to run long; `workbook serve` as the
    // reader starts it.
    let fixture = fixture::Fixture::new("run-exit");
    fixture.edit(
        "listings/ch01-demo/src/main.rs",
        "    println!(\"took: 0.01 s\");",
        "    println!(\"{}\", std::process::id());\n    \
         std::thread::sleep(std::time::Duration::from_secs(60));",
    );
    let port = TcpListener::bind(("127.0.0.1", 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(fixture.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The token is in the address `serve` prints, and only there.
    let printed = serve.stdout.take().unwrap();
    let (address, printed_address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(printed)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(at) = line.find("?token=") {
                let _ = address.send(line[at + "?token=".len()..].trim().to_owned());
            }
        }
    });
    let result = std::panic::catch_unwind(|| {
        let token = printed_address
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed no address with a token within 60 s");
        assert_eq!(token.len(), 64, "{token}");
        assert!(token.chars().all(|c| c.is_ascii_hexdigit()), "{token}");
        let server = Server {
            port,
            scratch: tempfile::tempdir().unwrap(),
        };
        let (_stream, _, pids) = start_sleeper_with(
            &server,
            "listings/ch01-demo/src/main.rs",
            &token,
            Duration::from_secs(120),
        );
        assert!(alive(pids[0]));
        let interrupted = std::process::Command::new("kill")
            .args(["-INT", &serve.id().to_string()])
            .status()
            .unwrap();
        assert!(interrupted.success());
        pids
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    let exited = loop {
        if let Some(status) = serve.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = serve.kill();
            let _ = serve.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let pids = result.unwrap_or_else(|e| std::panic::resume_unwind(e));
    assert!(exited.is_some(), "serve did not exit on Ctrl-C");
    assert_gone(&pids);
}

/// The port of a plain file server (no runs) serving a one-page folder.
fn plain_server() -> (u16, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<html><head></head></html>").unwrap();
    let base = workbook::util::server::serve_in_background(dir.path().to_owned()).unwrap();
    let port = base
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (port, dir)
}

#[test]
fn connections_beyond_the_cap_are_closed_and_the_server_goes_on() {
    let (port, _dir) = plain_server();
    let cap = workbook::util::server::MAX_CONNECTIONS;
    let held: Vec<TcpStream> = (0..cap).map(|_| connect(port)).collect();
    // The server takes connections in the order they came: once one more
    // has been answered by a close, all of the held ones are being served.
    std::thread::sleep(Duration::from_millis(300));
    let mut extra = connect(port);
    extra
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = extra.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let mut answer = Vec::new();
    let read = extra.read_to_end(&mut answer);
    assert!(
        read.is_ok() && answer.is_empty()
            || read.is_err_and(|e| e.kind() != std::io::ErrorKind::WouldBlock
                && e.kind() != std::io::ErrorKind::TimedOut),
        "connection {} beyond the cap of {cap} was served: {}",
        cap + 1,
        String::from_utf8_lossy(&answer)
    );
    drop(held);
    // Until the threads of the held connections have seen them close, a
    // new connection may still be one too many and be closed (a reset).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let served = (|| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .ok()?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).ok()?;
            Some(answer.starts_with(b"HTTP/1.1 200"))
        })();
        if served == Some(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not serve again after the held connections closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_request_sent_a_byte_at_a_time_gets_one_deadline_in_all() {
    let (port, _dir) = plain_server();
    let mut stream = connect(port);
    let started = Instant::now();
    // A byte every half second never lets a per-read timeout run out; the
    // deadline for the whole request must close the connection anyway.
    let closed = loop {
        if stream.write_all(b"G").is_err() {
            break started.elapsed();
        }
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(30),
            "still open after {elapsed:?}"
        );
        std::thread::sleep(Duration::from_millis(500));
    };
    assert!(
        closed >= Duration::from_secs(9),
        "closed after {closed:?}, before the deadline"
    );
}

// Edit and run: the page sends an edited listing's whole source as the body.

fn edit_target(listing: &str) -> String {
    format!("{}?listing={}", run::EDIT_PATH, encode(listing))
}

/// Sends `method target` with `headers` and `body` (its length added).
fn request_with_body(
    server: &Server,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = connect(server.port);
    let length = body.len().to_string();
    let mut all = headers.to_vec();
    all.push(("Content-Length", &length));
    send(&mut stream, method, target, &all);
    // A refusal may close the connection before the whole body is sent.
    let _ = stream.write_all(body);
    read_reply(stream)
}

fn edit(server: &Server, listing: &str, source: &str) -> Reply {
    let h = host(server);
    let origin = format!("http://127.0.0.1:{}", server.port);
    request_with_body(
        server,
        "POST",
        &edit_target(listing),
        &[
            ("Host", &h),
            ("Origin", &origin),
            ("X-Threadwork-Token", TOKEN),
            ("Content-Type", "text/plain; charset=utf-8"),
        ],
        source.as_bytes(),
    )
}

fn cores_source() -> String {
    std::fs::read_to_string(root().join(CORES)).unwrap()
}

/// `cores.rs` with one more line printed first.
fn cores_printing(line: &str) -> String {
    let source = cores_source();
    let from = "    println!(\"available parallelism: {cores}\");";
    assert!(source.contains(from), "cores.rs changed: fix this test");
    source.replace(from, &format!("    println!(\"{line}\");\n{from}"))
}

/// The repository's own file is as it was, and so is nothing under its
/// `target/edited/` that this server could have written.
fn assert_repository_file_unchanged(before: &[u8]) {
    assert_eq!(
        std::fs::read(root().join(CORES)).unwrap(),
        before,
        "the repository's listing was changed"
    );
}

#[test]
fn an_edited_listing_prints_its_new_line_and_exits_0() {
    let server = start();
    let before = std::fs::read(root().join(CORES)).unwrap();
    let started = Instant::now();
    let reply = edit(&server, CORES, &cores_printing("edited from the page"));
    let took = started.elapsed();
    assert_eq!(reply.status, 200, "{}", reply.body);
    let events = reply.events();
    let printed: String = events.iter().filter_map(|e| e["out"].as_str()).collect();
    assert!(
        printed.starts_with("edited from the page\navailable parallelism: "),
        "{events:?}"
    );
    let last = events.last().unwrap();
    assert_eq!(last["end"], "exit", "{events:?}");
    assert_eq!(last["code"], 0, "{events:?}");
    eprintln!("first edited build and run: {:.1} s", took.as_secs_f64());
    // Built in the scratch copy, never in the repository.
    assert_repository_file_unchanged(&before);
    let copy = server.edited().join("ch01/ch01-why/src/bin/cores.rs");
    let copied = std::fs::read_to_string(&copy).unwrap();
    assert!(copied.contains("edited from the page"));
    // A second edit rebuilds only what changed, and shows the new text.
    let again = edit(&server, CORES, &cores_printing("edited twice"));
    let printed: String = again
        .events()
        .iter()
        .filter_map(|e| e["out"].as_str())
        .collect();
    assert!(printed.starts_with("edited twice\n"), "{}", again.body);
    assert_repository_file_unchanged(&before);
}

#[test]
fn an_edit_that_does_not_compile_shows_rustc_s_error_and_fails_the_build() {
    let server = start();
    let before = std::fs::read(root().join(CORES)).unwrap();
    let broken = format!(
        "{}\nfn broken() -> u32 {{ \"not a number\" }}\n",
        cores_source()
    );
    let reply = edit(&server, CORES, &broken);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let events = reply.events();
    let build: String = events.iter().filter_map(|e| e["build"].as_str()).collect();
    assert!(build.contains("error[E0308]"), "{events:?}");
    assert!(build.contains("src/bin/cores.rs"), "{build}");
    assert!(events.iter().all(|e| e["out"].is_null()), "{events:?}");
    assert_eq!(events.last().unwrap()["end"], "build failed", "{events:?}");
    assert_repository_file_unchanged(&before);
}

#[test]
fn the_source_endpoint_gives_the_whole_file_with_the_token_only() {
    let server = start();
    let h = host(&server);
    let target = format!("{}?listing={}", run::SOURCE_PATH, encode(CORES));
    let reply = request(
        &server,
        "POST",
        &target,
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body, cores_source());
    for (method, headers, status) in [
        ("POST", vec![("Host", h.as_str())], 403),
        (
            "GET",
            vec![("Host", h.as_str()), ("X-Threadwork-Token", TOKEN)],
            405,
        ),
    ] {
        let reply = request(&server, method, &target, &headers);
        assert_eq!(reply.status, status, "{method}: {}", reply.body);
        assert!(!reply.body.contains("fn main"));
    }
    let unknown = format!(
        "{}?listing={}",
        run::SOURCE_PATH,
        encode("listings/ch01-why/Cargo.toml")
    );
    let reply = request(
        &server,
        "POST",
        &unknown,
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 404);
}

/// A request that must be refused: method, target, headers, body, status.
type RefusedEdit<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, Vec<u8>, u16);

#[test]
fn refused_edits_run_and_write_nothing() {
    let server = start();
    let h = host(&server);
    let before = std::fs::read(root().join(CORES)).unwrap();
    let source = cores_printing("should never run");
    let token = ("X-Threadwork-Token", TOKEN);
    let cases: Vec<RefusedEdit> = vec![
        (
            "POST",
            edit_target(CORES),
            vec![("Host", &h)],
            source.clone().into_bytes(),
            403,
        ),
        (
            "POST",
            edit_target(CORES),
            vec![("Host", &h), ("Origin", "http://evil.example"), token],
            source.clone().into_bytes(),
            403,
        ),
        (
            "POST",
            edit_target(CORES),
            vec![("Host", "evil.example"), token],
            source.clone().into_bytes(),
            403,
        ),
        (
            "POST",
            edit_target("listings/ch01-why/src/bin/no_such_listing.rs"),
            vec![("Host", &h), token],
            source.clone().into_bytes(),
            404,
        ),
        (
            "POST",
            edit_target("listings/ch01-why/src/bin/../bin/cores.rs"),
            vec![("Host", &h), token],
            source.clone().into_bytes(),
            404,
        ),
        // A stand-in is no cargo package: nothing to edit.
        (
            "POST",
            edit_target(TOUCH),
            vec![("Host", &h), token],
            source.clone().into_bytes(),
            404,
        ),
        (
            "POST",
            edit_target(CORES),
            vec![("Host", &h), token],
            vec![b'/'; run::EDIT_LIMIT + 1],
            413,
        ),
        (
            "POST",
            edit_target(CORES),
            vec![("Host", &h), token],
            b"fn main() {}\xff".to_vec(),
            400,
        ),
        (
            "GET",
            edit_target(CORES),
            vec![("Host", &h), token],
            Vec::new(),
            405,
        ),
    ];
    for (method, target, headers, body, status) in cases {
        let reply = request_with_body(&server, method, &target, &headers, &body);
        assert_eq!(
            reply.status, status,
            "{method} {target} {headers:?}: {}",
            reply.body
        );
        assert!(!reply.body.contains("should never run"));
    }
    assert_nothing_ran(&server);
    assert!(
        !server.edited().exists(),
        "a refused edit wrote its scratch copy"
    );
    assert_repository_file_unchanged(&before);
}

#[test]
fn a_second_edit_of_the_same_package_is_refused_until_the_first_ends() {
    let server = start();
    let h = host(&server);
    // An edit that prints a line, then runs until stopped.
    let long = cores_printing("edited and waiting").replace(
        "    // ANCHOR: bounds",
        "    std::thread::sleep(std::time::Duration::from_secs(60));\n    // ANCHOR: bounds",
    );
    let mut first = connect(server.port);
    let length = long.len().to_string();
    send(
        &mut first,
        "POST",
        &edit_target(CORES),
        &[
            ("Host", &h),
            ("X-Threadwork-Token", TOKEN),
            ("Content-Length", &length),
        ],
    );
    first.write_all(long.as_bytes()).unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    let deadline = Instant::now() + Duration::from_secs(240);
    while !String::from_utf8_lossy(&seen).contains("edited and waiting") {
        assert!(
            Instant::now() < deadline,
            "{}",
            String::from_utf8_lossy(&seen)
        );
        first.read_exact(&mut byte).unwrap();
        seen.push(byte[0]);
    }
    let second = edit(&server, CORES, &cores_printing("second"));
    assert_eq!(second.status, 409, "{}", second.body);
    // Stop the first (closing its page ends it); then the second may go.
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let third = edit(&server, CORES, &cores_printing("third"));
        if third.status == 200 {
            assert!(third.body.contains("third"), "{}", third.body);
            break;
        }
        assert_eq!(third.status, 409, "{}", third.body);
        assert!(Instant::now() < deadline, "the first edit never let go");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn an_edit_of_a_listing_that_uses_chapter_1_builds_against_the_repository_s_ch01() {
    // ch02's main.rs uses `ch01` (`ch01.workspace = true`): the scratch
    // workspace's path to it must lead to the repository's package.
    let server = start();
    let listing = "listings/ch02-threads/src/main.rs";
    let original = std::fs::read(root().join(listing)).unwrap();
    let source = String::from_utf8(original.clone()).unwrap();
    let edited = source.replacen(
        "fn main() -> io::Result<()> {",
        "fn main() -> io::Result<()> {\n    println!(\"edited, books: {}\", ch01::BOOKS);",
        1,
    );
    assert_ne!(edited, source, "ch02's main.rs changed: fix this test");
    let reply = edit(&server, listing, &edited);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let events = reply.events();
    let printed: String = events.iter().filter_map(|e| e["out"].as_str()).collect();
    assert!(printed.starts_with("edited, books: "), "{events:?}");
    assert_eq!(events.last().unwrap()["code"], 0, "{events:?}");
    assert_eq!(std::fs::read(root().join(listing)).unwrap(), original);
}

/// A quick Python program the book shows (chapter 5).
const TIMERS_PY: &str = "listings/ch05-timers/python/timers.py";

#[test]
fn the_books_python_programs_are_in_the_table_as_python3_runs() {
    let table = run::listings_of_book(&root());
    let timers = table.get(TIMERS_PY).expect("timers.py is not runnable");
    assert!(timers.is_python(), "{timers:?}");
    assert_eq!(timers.args, [TIMERS_PY]);
    assert!(timers.stdin.is_none());
    let pythons: Vec<_> = table.iter().filter(|(_, l)| l.is_python()).collect();
    for (key, listing) in &pythons {
        assert!(
            key.starts_with("listings/") && key.contains("/python/") && key.ends_with(".py"),
            "{key}"
        );
        assert_eq!(listing.args, [key.as_str()]);
    }
}

#[test]
fn a_python_listing_streams_its_output_and_exits_0() {
    if !listingkit::python3_installed() {
        println!("skipped: python3 is not installed");
        return;
    }
    let server = start();
    let h = host(&server);
    let reply = request(
        &server,
        "POST",
        &run_target(TIMERS_PY),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let events = reply.events();
    assert_eq!(events[0]["listing"], TIMERS_PY, "{events:?}");
    assert!(
        events.iter().all(|e| e.get("build").is_none()),
        "a Python run has no build: {events:?}"
    );
    let printed: String = events.iter().filter_map(|e| e["out"].as_str()).collect();
    assert!(printed.contains("kettle: fired"), "{printed:?}");
    let last = events.last().unwrap();
    assert_eq!(last["end"], "exit", "{events:?}");
    assert_eq!(last["code"], 0, "{events:?}");

    // Served pages tell run.js that python3 is there.
    let c = cookie(&server);
    let page = request(&server, "GET", "/", &[("Host", &h), ("Cookie", &c)]);
    assert!(
        page.body.contains(&format!(
            "<meta name=\"{}\" content=\"yes\">",
            run::PYTHON_META
        )),
        "{}",
        page.body
    );
}

#[test]
fn path_tricks_on_python_keys_are_not_found_and_python_has_no_edit() {
    let server = start();
    let h = host(&server);
    let absolute = root().join(TIMERS_PY).display().to_string();
    let tricks = [
        "listings/ch05-timers/python/../python/timers.py".to_owned(),
        "listings/ch05-timers/python/./timers.py".to_owned(),
        format!("/{TIMERS_PY}"),
        absolute,
        format!("{TIMERS_PY}%00"),
        TIMERS_PY.replace('/', "\\"),
        "listings/ch05-timers/python/timers".to_owned(),
        // A Python file that is no key (the book does not show it).
        "listings/ch05-timers/python/not_shown.py".to_owned(),
        "listings/ch05-timers/python/timers.py.txt".to_owned(),
        "listings/ch05-timers/python/../../../tools/listingkit/src/lib.rs".to_owned(),
    ];
    for trick in tricks {
        let reply = request(
            &server,
            "POST",
            &run_target(&trick),
            &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
        );
        assert_eq!(reply.status, 404, "{trick}: {}", reply.body);
    }
    for path in [run::SOURCE_PATH, run::EDIT_PATH] {
        let reply = request(
            &server,
            "POST",
            &format!("{path}?listing={}", encode(TIMERS_PY)),
            &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
        );
        assert_eq!(reply.status, 404, "{path}: {}", reply.body);
    }
    assert_nothing_ran(&server);
}

#[test]
fn without_python3_a_python_run_is_refused_and_pages_say_so() {
    let server = start_with(|runs| runs.with_python3(false));
    let h = host(&server);
    let reply = request(
        &server,
        "POST",
        &run_target(TIMERS_PY),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 404, "{}", reply.body);
    assert!(
        reply.body.contains("python3 is not installed"),
        "{}",
        reply.body
    );
    let c = cookie(&server);
    let page = request(&server, "GET", "/", &[("Host", &h), ("Cookie", &c)]);
    assert!(
        page.body.contains(&format!(
            "<meta name=\"{}\" content=\"no\">",
            run::PYTHON_META
        )),
        "{}",
        page.body
    );
    // Rust listings still run.
    let reply = request(
        &server,
        "POST",
        &run_target(TOUCH),
        &[("Host", &h), ("X-Threadwork-Token", TOKEN)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
}
