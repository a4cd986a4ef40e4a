//! The one static file server: `workbook serve` shows the book with it and
//! browsercheck points Chromium at it. std's TcpListener with a thread per
//! connection: the book has a few hundred files and one reader.
//!
//! `workbook serve` adds an [`Extension`] (the runs of "Run from the page",
//! `book/run.rs`), which sees every request first and may rewrite pages.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The longest request line plus headers a request may have.
const HEAD_LIMIT: u64 = 16 * 1024;
/// The largest request body read; larger ones are refused (413).
pub const BODY_LIMIT: u64 = 64 * 1024;

/// A request as the server read it, body included (at most
/// [`BODY_LIMIT`] bytes: only the edited source of "Run from the page"
/// uses it).
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/ch02/index.html?x=1`), not decoded.
    pub target: String,
    /// Header names in lower case, values trimmed, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body as sent (empty when there is none).
    pub body: Vec<u8>,
}

impl Request {
    /// Every value of header `name` (lower case).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The path part of the target, before `?`.
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("")
    }

    /// The query part of the target, after `?` (empty when there is none).
    pub fn query(&self) -> &str {
        let before_fragment = self.target.split('#').next().unwrap_or("");
        before_fragment.split_once('?').map_or("", |(_, q)| q)
    }
}

/// What a server adds to the static files.
pub trait Extension: Send + Sync + 'static {
    /// Sees every request before the files do; `Some` when it has answered.
    fn answer(&self, request: &Request, stream: &mut TcpStream) -> Option<std::io::Result<()>>;
    /// Rewrites an HTML page on its way out.
    fn page(&self, html: Vec<u8>) -> Vec<u8> {
        html
    }
}

/// Answers every connection to `listener` with the files under `dest`,
/// until the listener fails; runs on the calling thread.
pub fn serve_files(listener: TcpListener, dest: &Path) {
    serve_site(listener, dest, None);
}

/// [`serve_files`], with `extension` seeing every request first.
///
/// At most [`MAX_CONNECTIONS`] connections are served at once; one more is
/// closed at once, so that a program holding many connections open cannot
/// make the server run out of threads or file descriptors. A failed
/// `accept` (no descriptor left) waits a little instead of spinning.
pub fn serve_site(listener: TcpListener, dest: &Path, extension: Option<Arc<dyn Extension>>) {
    serve_sites(vec![listener], dest, extension);
}

/// [`serve_site`] on several listeners at once (the IPv4 and IPv6
/// loopback addresses of one port, see [`bind_loopback`]), which share
/// the cap on connections; returns when every listener has failed.
pub fn serve_sites(
    listeners: Vec<TcpListener>,
    dest: &Path,
    extension: Option<Arc<dyn Extension>>,
) {
    let live = Arc::new(AtomicUsize::new(0));
    std::thread::scope(|scope| {
        for listener in listeners {
            let (live, extension) = (Arc::clone(&live), extension.clone());
            scope.spawn(move || accept_all(listener, dest, extension, live));
        }
    });
}

fn accept_all(
    listener: TcpListener,
    dest: &Path,
    extension: Option<Arc<dyn Extension>>,
    live: Arc<AtomicUsize>,
) {
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            Err(_) => {
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        if live.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            live.fetch_sub(1, Ordering::SeqCst);
            drop(stream);
            continue;
        }
        let counted = Counted(Arc::clone(&live));
        let dest = dest.to_owned();
        let extension = extension.clone();
        // When no thread can be started, the connection (moved into the
        // closure) is dropped and so closed; the server goes on.
        let _ = std::thread::Builder::new().spawn(move || {
            let _counted = counted;
            // A reader closing the tab mid-response is not an error worth reporting.
            let _ = answer(stream, &dest, extension.as_deref());
        });
    }
}

/// Listens on `port` of the machine's loopback addresses: 127.0.0.1 and,
/// when the machine has IPv6, `[::1]` on the same port (`port` 0: one
/// the system picks). A browser may try `[::1]` first for a `*.localhost`
/// name (and for `localhost`) on a machine with IPv6: were it left free,
/// another local user could listen there and receive the address with the
/// token. A port taken on
/// either address is an error of kind `AddrInUse` (whose message names the
/// address); a machine without IPv6 loopback gets 127.0.0.1 alone.
pub fn bind_loopback(port: u16) -> std::io::Result<Vec<TcpListener>> {
    use std::io::{Error, ErrorKind};
    // With port 0, the port the system picked for 127.0.0.1 may be taken
    // on [::1] by chance: pick again a few times.
    for _ in 0..if port == 0 { 8 } else { 1 } {
        let v4 = TcpListener::bind(("127.0.0.1", port))?;
        let chosen = v4.local_addr()?.port();
        match TcpListener::bind(("::1", chosen)) {
            Ok(v6) => return Ok(vec![v4, v6]),
            Err(e) if e.kind() == ErrorKind::AddrInUse => {
                if port != 0 {
                    return Err(Error::new(
                        ErrorKind::AddrInUse,
                        format!("[::1]:{chosen} (the IPv6 loopback) is taken by another program"),
                    ));
                }
            }
            // No IPv6 loopback here (none configured, or no IPv6 at all):
            // nobody can listen on it either. Any other failure (a policy
            // refusing the bind, no descriptor left) says nothing of that,
            // so the server does not start.
            Err(e)
                if e.kind() == ErrorKind::AddrNotAvailable
                    || e.raw_os_error() == Some(rustix::io::Errno::AFNOSUPPORT.raw_os_error()) =>
            {
                return Ok(vec![v4]);
            }
            Err(e) => {
                return Err(Error::new(
                    e.kind(),
                    format!("cannot listen on [::1]:{chosen} (the IPv6 loopback): {e}"),
                ));
            }
        }
    }
    Err(Error::new(
        ErrorKind::AddrInUse,
        "no port was free on both 127.0.0.1 and [::1]",
    ))
}

/// How many connections are served at once, at most.
pub const MAX_CONNECTIONS: usize = 64;
/// How long a client has to send a whole request (line, headers, body).
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

/// One live connection, counted until its thread ends.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads from a connection until one deadline for the whole request, not
/// a timeout per read: a client that sends a byte now and then cannot
/// hold a connection for longer.
struct UntilDeadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for UntilDeadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Serves `dest` on an ephemeral port of 127.0.0.1 from a background
/// thread; returns the base URL (`http://127.0.0.1:PORT/`).
pub fn serve_in_background(dest: PathBuf) -> std::io::Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let base = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    std::thread::spawn(move || serve_files(listener, &dest));
    Ok(base)
}

/// Reads a request's line, headers and body (at most [`BODY_LIMIT`]
/// bytes); `Err` holds the status line of the refusal.
fn read_request(stream: &TcpStream) -> std::io::Result<Result<Request, &'static str>> {
    let until = Instant::now() + REQUEST_DEADLINE;
    let mut reader = BufReader::new(UntilDeadline { stream, until }).take(HEAD_LIMIT);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return Ok(Err("400 Bad Request"));
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(Err("400 Bad Request"));
    };
    if !version.starts_with("HTTP/1.") {
        return Ok(Err("400 Bad Request"));
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => return Ok(Err("400 Bad Request")),
            Ok(_) if !line.ends_with('\n') => {
                return Ok(Err("431 Request Header Fields Too Large"));
            }
            Ok(_) => {}
            Err(_) => return Ok(Err("400 Bad Request")),
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Ok(Err("400 Bad Request"));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let mut request = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body: Vec::new(),
    };
    if !request.all("transfer-encoding").is_empty() {
        return Ok(Err("411 Length Required"));
    }
    let length = match request.all("content-length").as_slice() {
        [] => 0,
        [one] => match one.parse::<u64>() {
            Ok(n) => n,
            Err(_) => return Ok(Err("400 Bad Request")),
        },
        _ => return Ok(Err("400 Bad Request")),
    };
    if length > BODY_LIMIT {
        return Ok(Err("413 Content Too Large"));
    }
    let mut body = reader.into_inner().take(length);
    if body.read_to_end(&mut request.body)? as u64 != length {
        return Ok(Err("400 Bad Request"));
    }
    Ok(Ok(request))
}

fn answer(
    stream: TcpStream,
    dest: &Path,
    extension: Option<&dyn Extension>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut stream = stream;
    let request = read_request(&stream)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let request = match request {
        Ok(request) => request,
        Err(status) => {
            respond(&mut stream, status, "text/plain", b"bad request\n", true)?;
            // Closing with unread input would reset the connection and could
            // lose the answer: read what is left, for one second in all.
            stream.shutdown(std::net::Shutdown::Write)?;
            let until = Instant::now() + Duration::from_secs(1);
            let mut rest = UntilDeadline {
                stream: &stream,
                until,
            }
            .take(1 << 20);
            let _ = std::io::copy(&mut rest, &mut std::io::sink());
            return Ok(());
        }
    };
    if let Some(answered) = extension.and_then(|e| e.answer(&request, &mut stream)) {
        return answered;
    }
    let (method, target) = (request.method.as_str(), request.target.as_str());
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
            let mut body = std::fs::read(&file)?;
            if let Some(extension) = extension
                && file.extension().is_some_and(|e| e == "html")
            {
                body = extension.page(body);
            }
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
    let decoded = super::url::percent_decode(path)?;
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

/// Sends a whole response with `Connection: close`.
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    // No page may be framed by another (a click on Run tricked through a
    // frame); plain-text refusals and other files may. No Referer leaves
    // with a link followed from the book: it would name the server's
    // host name and port to the site linked to.
    let no_framing = if kind.starts_with("text/html") {
        "X-Frame-Options: DENY\r\nContent-Security-Policy: frame-ancestors 'none'\r\n"
    } else {
        ""
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n\
         {no_framing}X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}
