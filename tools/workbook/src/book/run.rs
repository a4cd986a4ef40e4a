//! "Run from the page": `workbook serve` (and only it) lets the reader run a
//! listing from its caption and watch its output arrive, Jupyter-style.
//!
//! What runs is decided here, never by the request: the page names a
//! listing by the file its caption shows
//! (`listings/ch02-threads/src/bin/scoped_threads.rs`), and that name must
//! be a key of the table built from the book's own include directives, the
//! same ones the captions come from. The server then builds the listing with
//! cargo and runs its binary with the arguments and input its
//! `outputs.toml` gives, as the caption's `cargo run` command would. A
//! Python program the book shows (`listings/…/python/NAME.py`) is run as
//! `python3 listings/…/python/NAME.py` from the repository root, when python3 is installed
//! (else refused with 404), and cannot be edited.
//!
//! Every request is checked the way Jupyter checks its own:
//! - the server listens on the loopback addresses only, 127.0.0.1 and
//!   `[::1]` (`serve.rs`, `util::server::bind_loopback`): a browser may
//!   try `[::1]` first for a `.localhost` name, so another user must not
//!   be able to listen there on the same port;
//! - the `Host` header must be this server's own, on every request, pages
//!   included, so that a site that rebinds its DNS name to 127.0.0.1 can
//!   neither read the pages (and the token in them) nor run: the name made
//!   at this start (`tw-<16 hex digits>.localhost:PORT`, see
//!   [`new_host_name`]; browsers send every `*.localhost` name to the
//!   machine itself), or `127.0.0.1:PORT` for a browser that cannot open
//!   such a name (not `localhost`, whose cookie any server on it gets);
//! - a page (any file of the book) is served only to a browser that showed
//!   the token: in the address `serve` prints (`/?token=…`), which sets a
//!   cookie (`HttpOnly`, `SameSite=Strict`, one per port), then by that
//!   cookie; another user or program on the machine that did not see the
//!   printed address can read no page, so not the token in it either.
//!   Browsers keep cookies per host name, not per port: a cookie of
//!   `127.0.0.1` also goes to another server on `127.0.0.1`, while the
//!   printed address's name is this start's own, so its cookie goes to no
//!   other server (another local user's included), as Jupyter's does not;
//! - run and stop are `POST` only, must carry the token made at this start
//!   (in the `X-Threadwork-Token` header, which also makes a browser ask
//!   before a cross-site request: it is not a "simple" header) and, when an
//!   `Origin` header is sent, it must be the origin of the `Host` asked for.
//!
//! A refusal is a 403 (token, Host, Origin), 404 (an unknown listing or
//! run, any path trick) or 405, and nothing is started.
//!
//! Edit and run: the page may ask for a listing's whole source file
//! ([`SOURCE_PATH`]) and send an edited version of it as the body of a
//! request to [`EDIT_PATH`], with the same checks. The edit is written into
//! a scratch copy of the listing's package under `target/edited/PACKAGE/`
//! (a workspace of its own, see `Runs::prepare_edit`), never into the
//! repository's files, and built there offline, then run by the same steps
//! as any run. A lock per package keeps a second edit of it out (409) until
//! the first ends.
//!
//! Each run's process group is killed on Stop, at its deadline, when the
//! page goes away and when the server exits ([`Runs::stop_all`]); at most
//! [`MAX_RUNS`] run at once, and at most [`OUTPUT_LIMIT`] bytes of each
//! run's output reach the page.

use crate::book::listings::{Include, IncludedFile};
use crate::util::server::{Extension, Request, respond};
use listingkit::outputs::Outputs;
use listingkit::process::{kill_group, kill_marked_processes, spawn_in_group};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where run and stop requests go.
pub const RUN_PATH: &str = "/__threadwork/run";
pub const STOP_PATH: &str = "/__threadwork/stop";
/// Where the page asks for a listing's whole source file, to edit it.
pub const SOURCE_PATH: &str = "/__threadwork/source";
/// Where an edited listing is sent (its source is the body) to be run.
pub const EDIT_PATH: &str = "/__threadwork/edit";
/// The largest edited source accepted (the server refuses a larger body
/// with 413 before any check).
pub const EDIT_LIMIT: usize = crate::util::server::BODY_LIMIT as usize;
/// The header that carries the token.
pub const TOKEN_HEADER: &str = "x-threadwork-token";
/// The cookie that admits a browser to the pages, followed by the port.
pub const COOKIE_PREFIX: &str = "threadwork_token_";
/// The `<meta name=…>` that carries the token in every served page.
pub const TOKEN_META: &str = "threadwork-run-token";
/// How many runs (builds included) may go on at once.
pub const MAX_RUNS: usize = 2;
/// How much of a run's output (build messages included) reaches the page.
pub const OUTPUT_LIMIT: usize = 256 * 1024;
/// How long a listing may run unless its `outputs.toml` says `run_deadline`.
pub const RUN_DEADLINE: Duration = Duration::from_secs(30);
/// How long cargo may take to build a listing before its run.
pub const BUILD_DEADLINE: Duration = Duration::from_secs(300);

/// How a listing is started.
#[derive(Debug, Clone)]
pub enum How {
    /// Built with `cargo build -p PACKAGE --bin BIN`, then its binary run.
    Cargo {
        package: String,
        bin: String,
        /// The source file, to pick the binary out of cargo's messages.
        source: PathBuf,
        /// The package's folder (`listings/ch01-why`), copied for an edit.
        package_dir: PathBuf,
        release: bool,
    },
    /// A program given by the caller's code (the tests' stand-in for a long
    /// listing, and [`PYTHON`] for the book's Python programs); never
    /// anything a request says.
    Program(PathBuf),
}

/// The program that runs the book's Python listings, as their captions
/// say: `python3 listings/chNN-…/python/NAME.py`, from the repository root.
pub const PYTHON: &str = "python3";
/// How long a Python listing may run (the same as `check`'s run of them).
pub const PYTHON_DEADLINE: Duration = Duration::from_secs(60);
/// The `<meta name=…>` that tells the page whether python3 is installed
/// (`content="yes"` or `"no"`): with "no", Python captions get no Run button.
pub const PYTHON_META: &str = "threadwork-run-python";

impl Listing {
    /// Whether this is one of the book's Python programs.
    pub fn is_python(&self) -> bool {
        matches!(&self.how, How::Program(program) if program == Path::new(PYTHON))
    }
}

/// One listing the page may run.
#[derive(Debug, Clone)]
pub struct Listing {
    pub how: How,
    pub args: Vec<String>,
    pub stdin: Option<String>,
    pub deadline: Duration,
}

/// Every listing the book shows with a `cargo run` or `python3` caption,
/// keyed by the file the caption names (`listings/ch02-threads/src/main.rs`,
/// `listings/ch03-sharing/python/counter.py`). A Python program is run as
/// `python3 KEY` from the repository root, with no arguments or input (the
/// book gives none to them); the table holds them even when python3 is not
/// installed, and the server then refuses them (see [`Runs`]).
pub fn listings_of_book(root: &Path) -> HashMap<String, Listing> {
    let mut table = HashMap::new();
    // Include paths are resolved without touching the file system, so the
    // root must be in the form they resolve to.
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let src = root.join("src");
    for page in crate::book::check::markdown_pages(root) {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let page_dir = page.parent().unwrap_or(&src);
        for include in Include::find_all(&text) {
            let Ok(file) = include.resolve(root, page_dir) else {
                continue;
            };
            if let IncludedFile::Python { .. } = &file {
                let key = file.shown_path();
                let listing = Listing {
                    how: How::Program(PathBuf::from(PYTHON)),
                    args: vec![key.clone()],
                    stdin: None,
                    deadline: PYTHON_DEADLINE,
                };
                table.insert(key, listing);
                continue;
            }
            let IncludedFile::Listing {
                path,
                package_dir,
                package,
                bin,
            } = &file
            else {
                continue;
            };
            let spec = Outputs::load(package_dir)
                .ok()
                .and_then(|o| o.specs.get(bin).cloned())
                .unwrap_or_default();
            let listing = Listing {
                how: How::Cargo {
                    package: package.clone(),
                    bin: bin.clone(),
                    source: path.clone(),
                    package_dir: package_dir.clone(),
                    release: spec.release,
                },
                args: spec.args.clone(),
                stdin: spec.stdin.clone(),
                deadline: spec.run_deadline.map_or(RUN_DEADLINE, Duration::from_secs),
            };
            table.insert(file.shown_path(), listing);
        }
    }
    table
}

/// What [`serve_in_background`] started.
pub struct Background {
    /// `http://tw-….localhost:PORT/`, the name made for this start.
    pub base: String,
    /// The address `serve` would print: `BASE?token=…`.
    pub admit: String,
    pub runs: Arc<Runs>,
}

/// The server of `workbook serve`, with its Runs, on an ephemeral port of
/// 127.0.0.1 from a background thread, without the rebuilds and the Ctrl-C
/// handler: for browsercheck, which runs listings from a real browser.
/// `listings` is usually [`listings_of_book`]`(root)`; call
/// [`Runs::stop_all`] when done.
pub fn serve_in_background(
    root: &Path,
    dest: PathBuf,
    listings: HashMap<String, Listing>,
) -> std::io::Result<Background> {
    let listeners = crate::util::server::bind_loopback(0)?;
    let port = listeners[0].local_addr()?.port();
    let token = new_token()?;
    let host_name = new_host_name()?;
    let base = format!("http://{host_name}:{port}/");
    let admit = format!("{base}?token={token}");
    let runs = Arc::new(Runs::new(root, port, token, listings).with_host_name(&host_name));
    let extension: Arc<dyn Extension> = runs.clone();
    std::thread::spawn(move || {
        crate::util::server::serve_sites(listeners, &dest, Some(extension));
    });
    Ok(Background { base, admit, runs })
}

/// A fresh host name for one start of the server: `tw-` and 8 random bytes
/// as hex, under `.localhost`, which browsers resolve to the machine itself
/// (RFC 6761). The printed address uses it, so the cookie it sets is kept
/// for this name alone, which no other server knows.
pub fn new_host_name() -> std::io::Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("tw-{hex}.localhost"))
}

/// A fresh random token: 32 bytes from the operating system, as hex.
pub fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A run going on: how to stop it, and the leader of its current process
/// group (0 between steps).
struct Active {
    events: Sender<Event>,
    leader: Arc<AtomicU32>,
}

/// The runs of one server: its table of listings, its token, what is running.
pub struct Runs {
    root: PathBuf,
    port: u16,
    token: String,
    /// This start's own host name (`tw-….localhost`), if it has one.
    host_name: Option<String>,
    listings: HashMap<String, Listing>,
    active: Mutex<HashMap<u64, Active>>,
    next_id: AtomicU64,
    /// `NAME=value`, with `-ID` after it put in the environment of every
    /// process of run ID, for the sweep of what leaves its process group.
    marker: String,
    /// Where edited listings are built: `target/edited/` of the repository.
    edit_dir: PathBuf,
    /// Whether python3 could be started when the server started; without
    /// it a Python listing's run is refused (404, "python3 is not
    /// installed") and the pages say so to run.js ([`PYTHON_META`]).
    python3: bool,
}

impl Runs {
    /// `root` is where cargo runs (the repository); `port` the server's own.
    pub fn new(root: &Path, port: u16, token: String, listings: HashMap<String, Listing>) -> Runs {
        // Not the token: a listing may print its environment.
        let marker = format!(
            "THREADWORK_PAGE_RUN={}-{port}",
            listingkit::process::this_process_marker()
        );
        Runs {
            root: root.to_owned(),
            port,
            token,
            host_name: None,
            listings,
            active: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            marker,
            edit_dir: root.join("target").join("edited"),
            python3: listingkit::python3_installed(),
        }
    }

    /// The same runs, building edited listings under `dir` instead of the
    /// repository's `target/edited/` (for tests).
    pub fn with_edit_dir(mut self, dir: &Path) -> Runs {
        self.edit_dir = dir.to_owned();
        self
    }

    /// The same runs, also answering to `name:PORT` (the name
    /// [`new_host_name`] made for this start).
    pub fn with_host_name(mut self, name: &str) -> Runs {
        self.host_name = Some(name.to_ascii_lowercase());
        self
    }

    /// The same runs, acting as if python3 were installed or not (for
    /// tests of the refusal without python3).
    pub fn with_python3(mut self, installed: bool) -> Runs {
        self.python3 = installed;
        self
    }

    /// Whether the book's Python programs can run (python3 was found).
    pub fn python3(&self) -> bool {
        self.python3
    }

    /// The token this server's pages carry and its run and stop requests
    /// must send.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The `NAME=value` every process of this server's runs carries in its
    /// environment, followed by `-` and the run's number: what a check looks
    /// for to see that no process of a run is left.
    pub fn marker(&self) -> &str {
        &self.marker
    }

    /// Kills every run's process group, and anything that left its group
    /// but still carries its run's marker: for the server's exit.
    pub fn stop_all(&self) {
        let active = self.active.lock().unwrap_or_else(|e| e.into_inner());
        for (id, run) in active.iter() {
            let leader = run.leader.load(Ordering::SeqCst);
            if leader != 0 {
                kill_group(leader);
            }
            kill_marked_processes(&self.marker_of(*id));
            let _ = run.events.send(Event::Stop(Ended::ServerExit));
        }
    }

    fn marker_of(&self, run: u64) -> String {
        format!("{}-{run}", self.marker)
    }

    /// The `host:port` values this server answers to.
    fn own_hosts(&self) -> Vec<String> {
        // Not `localhost`: browsers look it up on [::1] first, and its
        // cookie would go to every server on it.
        let mut names = vec!["127.0.0.1"];
        names.extend(self.host_name.as_deref());
        let mut hosts: Vec<String> = names
            .iter()
            .map(|name| format!("{name}:{}", self.port))
            .collect();
        // Browsers leave out port 80, the default, in Host and Origin.
        if self.port == 80 {
            hosts.extend(names.iter().map(|name| name.to_string()));
        }
        hosts
    }

    fn host_ok(&self, request: &Request) -> bool {
        let hosts = request.all("host");
        let [host] = hosts.as_slice() else {
            return false;
        };
        self.own_hosts().contains(&host.to_ascii_lowercase())
    }

    /// No `Origin`, or exactly the origin of the `Host` asked for (which
    /// [`Runs::host_ok`] has checked is this server's own).
    fn origin_ok(&self, request: &Request) -> bool {
        match (
            request.all("origin").as_slice(),
            request.all("host").as_slice(),
        ) {
            ([], _) => true,
            ([origin], [host]) => {
                origin.to_ascii_lowercase() == format!("http://{}", host.to_ascii_lowercase())
            }
            _ => false,
        }
    }

    fn token_ok(&self, request: &Request) -> bool {
        let tokens = request.all(TOKEN_HEADER);
        let [given] = tokens.as_slice() else {
            return false;
        };
        self.is_token(given)
    }

    /// Compared in time that does not depend on where they differ.
    fn is_token(&self, given: &str) -> bool {
        let (given, ours) = (given.as_bytes(), self.token.as_bytes());
        given.len() == ours.len()
            && given
                .iter()
                .zip(ours)
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
    }

    /// The cookie that admits a browser to the pages: one per port, since
    /// browsers do not tell cookies of two local servers apart by port.
    fn cookie_name(&self) -> String {
        format!("{COOKIE_PREFIX}{}", self.port)
    }

    /// Pages (and everything else that is not a run or a stop) are served
    /// only to a browser that showed the token: once in the address that
    /// `serve` prints (`/?token=…`), which sets a cookie and sends the
    /// browser on to the same page without it (a page that moves on by
    /// itself); then by that cookie. Another
    /// user or program on this machine that did not see the printed address
    /// can then read no page, so not the token the pages carry either.
    /// `None` lets the request through to the files.
    fn admit(&self, request: &Request, stream: &mut TcpStream) -> Option<std::io::Result<()>> {
        let cookie = self.cookie_name();
        let has_cookie = request
            .all("cookie")
            .iter()
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == cookie && self.is_token(value));
        // The printed address always gets the page that moves on, cookie or
        // not, so that the token does not stay in the address bar (and so
        // in bookmarks and screenshots) when it is opened a second time.
        if single_param(request.query(), "token").is_some_and(|given| self.is_token(&given)) {
            // Back to the page asked for, if its path is plainly one of
            // ours (never `//elsewhere`, which a browser reads as a site).
            let path = request.path();
            let plain = path.starts_with('/')
                && !path.starts_with("//")
                && path
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"/._~%-".contains(&b));
            let location = if plain { path } else { "/" };
            // A page that moves on by itself, not a 303: a browser sends a
            // `SameSite=Strict` cookie only on a navigation this site
            // started, and a redirect answering a navigation that began
            // elsewhere (the page `--open` hands the browser, a link in a
            // terminal) is not one, so it would land on "Token needed".
            let body = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
                 <meta http-equiv=\"refresh\" content=\"0;url={location}\">\
                 <title>Opening the book</title></head>\
                 <body><p><a href=\"{location}\">Open the book</a></p></body></html>\n"
            );
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                 Set-Cookie: {cookie}={}; Path=/; HttpOnly; SameSite=Strict\r\n\
                 Content-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n\
                 X-Frame-Options: DENY\r\nContent-Security-Policy: frame-ancestors 'none'\r\n\
                 Connection: close\r\n\r\n{}",
                self.token,
                body.len(),
                if request.method == "HEAD" { "" } else { &body }
            );
            return Some(
                stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.flush()),
            );
        }
        if has_cookie {
            return None;
        }
        Some(respond(
            stream,
            "403 Forbidden",
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><title>Token needed</title>\n<p>This book is served with a token, \
              so that only you can read it and run its listings. Open the address that \
              <code>workbook serve</code> printed in your terminal (it ends in \
              <code>?token=</code>\xe2\x80\xa6).</p>\n",
            request.method != "HEAD",
        ))
    }

    /// The listing a run request names, by exact key; `None` for anything
    /// else, path tricks included.
    fn listing_for(&self, query: &str) -> Option<(&str, &Listing)> {
        let name = single_param(query, "listing")?;
        if name.contains("..") || name.starts_with('/') || name.contains(['\\', '\0', '%']) {
            return None;
        }
        self.listings
            .get_key_value(name.as_str())
            .map(|(k, v)| (k.as_str(), v))
    }

    /// A new run, registered, or `None` when [`MAX_RUNS`] are going.
    fn start(&self) -> Option<Running> {
        let mut active = self.active.lock().unwrap_or_else(|e| e.into_inner());
        if active.len() >= MAX_RUNS {
            return None;
        }
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (sender, events) = mpsc::channel();
        let leader = Arc::new(AtomicU32::new(0));
        active.insert(
            id,
            Active {
                events: sender.clone(),
                leader: Arc::clone(&leader),
            },
        );
        Some(Running {
            id,
            events,
            sender,
            leader,
        })
    }

    fn finish(&self, id: u64) {
        self.active
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
    }

    fn stop(&self, query: &str) -> bool {
        let Some(id) = single_param(query, "run").and_then(|id| id.parse::<u64>().ok()) else {
            return false;
        };
        let active = self.active.lock().unwrap_or_else(|e| e.into_inner());
        match active.get(&id) {
            Some(run) => {
                let _ = run.events.send(Event::Stop(Ended::Stopped));
                true
            }
            None => false,
        }
    }
}

impl Extension for Runs {
    fn answer(&self, request: &Request, stream: &mut TcpStream) -> Option<std::io::Result<()>> {
        let refuse = |stream: &mut TcpStream, status: &str, why: &str| {
            Some(respond(
                stream,
                status,
                "text/plain; charset=utf-8",
                format!("{why}\n").as_bytes(),
                request.method != "HEAD",
            ))
        };
        if !self.host_ok(request) {
            return refuse(
                stream,
                "403 Forbidden",
                "the Host header must name this server (its tw-….localhost name or 127.0.0.1, and its port)",
            );
        }
        let path = request.path();
        if !path.starts_with("/__threadwork/") {
            return self.admit(request, stream);
        }
        if ![RUN_PATH, STOP_PATH, SOURCE_PATH, EDIT_PATH].contains(&path) {
            return refuse(stream, "404 Not Found", "no such endpoint");
        }
        if request.method != "POST" {
            return refuse(stream, "405 Method Not Allowed", "only POST");
        }
        if !self.origin_ok(request) {
            return refuse(
                stream,
                "403 Forbidden",
                "requests from other sites are refused",
            );
        }
        if !self.token_ok(request) {
            return refuse(stream, "403 Forbidden", "missing or wrong token");
        }
        if path == STOP_PATH {
            return if self.stop(request.query()) {
                refuse(stream, "200 OK", "stopping")
            } else {
                refuse(stream, "404 Not Found", "no such run")
            };
        }
        let Some((name, listing)) = self.listing_for(request.query()) else {
            return refuse(stream, "404 Not Found", "no such listing");
        };
        if listing.is_python() && !self.python3 {
            return refuse(
                stream,
                "404 Not Found",
                "python3 is not installed on the machine that serves the book",
            );
        }
        let cargo = match &listing.how {
            How::Cargo {
                package,
                source,
                package_dir,
                ..
            } => Some((package.as_str(), source.as_path(), package_dir.as_path())),
            How::Program(_) => None,
        };
        if path == SOURCE_PATH {
            let Some(text) = cargo.and_then(|(_, source, _)| std::fs::read(source).ok()) else {
                return refuse(stream, "404 Not Found", "no source for this listing");
            };
            return Some(respond(
                stream,
                "200 OK",
                "text/plain; charset=utf-8",
                &text,
                true,
            ));
        }
        let edited = if path == EDIT_PATH {
            let Some(cargo) = cargo else {
                return refuse(stream, "404 Not Found", "this listing cannot be edited");
            };
            let Ok(text) = std::str::from_utf8(&request.body) else {
                return refuse(stream, "400 Bad Request", "the source must be UTF-8");
            };
            if text.len() > EDIT_LIMIT {
                return refuse(stream, "413 Content Too Large", "the source is too large");
            }
            Some((cargo, text))
        } else {
            None
        };
        let Some(running) = self.start() else {
            return refuse(
                stream,
                "429 Too Many Requests",
                "two listings are running already; stop one first",
            );
        };
        let result = match edited {
            None => self.stream_run(stream, name, listing, None, &running),
            Some(((package, source, package_dir), text)) => {
                match self.prepare_edit(package, package_dir, source, text) {
                    Ok(Prepared::Ready(edit)) => {
                        self.stream_run(stream, name, listing, Some(&edit), &running)
                    }
                    Ok(Prepared::Busy) => refuse(
                        stream,
                        "409 Conflict",
                        "an edit of this listing's package is running already; stop it first",
                    )
                    .unwrap_or(Ok(())),
                    Err(e) => refuse(
                        stream,
                        "500 Internal Server Error",
                        &format!("could not set up the edited copy: {e}"),
                    )
                    .unwrap_or(Ok(())),
                }
            }
        };
        self.finish(running.id);
        let _ = stream.shutdown(std::net::Shutdown::Both);
        Some(result)
    }

    fn page(&self, html: Vec<u8>) -> Vec<u8> {
        let Ok(text) = String::from_utf8(html.clone()) else {
            return html;
        };
        let Some(at) = text.find("</head>") else {
            return html;
        };
        let meta = format!(
            "<meta name=\"{TOKEN_META}\" content=\"{}\">\n<meta name=\"{PYTHON_META}\" content=\"{}\">\n",
            self.token,
            if self.python3 { "yes" } else { "no" }
        );
        let mut out = String::with_capacity(text.len() + meta.len());
        out.push_str(&text[..at]);
        out.push_str(&meta);
        out.push_str(&text[at..]);
        out.into_bytes()
    }
}

/// The one value of `name` in a query, percent-decoded once; `None` when it
/// is missing, repeated or badly encoded.
fn single_param(query: &str, name: &str) -> Option<String> {
    let mut values = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| *key == name)
        .map(|(_, value)| value);
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    crate::util::url::percent_decode(value)
}

/// One run, as its connection's thread sees it.
struct Running {
    id: u64,
    /// What its pipes, Stop, the page's connection and the exit tell it.
    events: Receiver<Event>,
    sender: Sender<Event>,
    /// The leader of its current process group (0 between steps).
    leader: Arc<AtomicU32>,
}

/// What the threads of a run tell its loop.
enum Event {
    /// Bytes from step `.0`'s stdout (`true`) or stderr (`false`).
    Bytes(u32, bool, Vec<u8>),
    /// Step `.0`'s stdout or stderr closed.
    Closed(u32),
    Stop(Ended),
}

/// Why a step ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ended {
    Exited(Option<i32>),
    Deadline,
    Stopped,
    PageGone,
    ServerExit,
}

/// Turns bytes that may split a UTF-8 character into text, keeping an
/// incomplete character for the next call.
#[derive(Default)]
struct Utf8Carry {
    pending: Vec<u8>,
}

impl Utf8Carry {
    fn text(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let keep = match std::str::from_utf8(&self.pending) {
            Ok(_) => 0,
            Err(e) if e.error_len().is_none() => self.pending.len() - e.valid_up_to(),
            Err(_) => 0,
        };
        let rest = self.pending.split_off(self.pending.len() - keep);
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending = rest;
        text
    }
}

/// The response of one run: chunked, one JSON object per line.
struct Sink<'a> {
    stream: &'a mut TcpStream,
    sent: usize,
    cut: bool,
    carry: [Utf8Carry; 3],
}

impl Sink<'_> {
    fn event(&mut self, event: serde_json::Value) -> std::io::Result<()> {
        let mut line = event.to_string();
        line.push('\n');
        write!(self.stream, "{:x}\r\n{line}\r\n", line.len())?;
        self.stream.flush()
    }

    /// Output of kind `kind` ("build", "out" or "err"), within the cap.
    fn output(&mut self, kind: usize, bytes: &[u8]) -> std::io::Result<()> {
        if self.cut {
            return Ok(());
        }
        let room = OUTPUT_LIMIT - self.sent;
        let bytes = &bytes[..bytes.len().min(room)];
        self.sent += bytes.len();
        let text = self.carry[kind].text(bytes);
        if !text.is_empty() {
            let name = ["build", "out", "err"][kind];
            self.event(serde_json::json!({ name: text }))?;
        }
        if self.sent >= OUTPUT_LIMIT {
            self.cut = true;
            self.event(serde_json::json!({
                "note": format!("output cut after {} KiB", OUTPUT_LIMIT / 1024)
            }))?;
        }
        Ok(())
    }

    fn end(self) -> std::io::Result<()> {
        self.stream.write_all(b"0\r\n\r\n")?;
        self.stream.flush()
    }
}

impl Runs {
    fn stream_run(
        &self,
        stream: &mut TcpStream,
        name: &str,
        listing: &Listing,
        edit: Option<&Edit>,
        running: &Running,
    ) -> std::io::Result<()> {
        let id = running.id;
        // The page going away shows as the end of its side of the connection.
        stream.set_read_timeout(None)?;
        stream.set_write_timeout(Some(Duration::from_secs(5)))?;
        {
            let mut watch = stream.try_clone()?;
            let gone = running.sender.clone();
            std::thread::spawn(move || {
                let mut byte = [0u8; 64];
                loop {
                    match watch.read(&mut byte) {
                        Ok(0) => break,
                        Ok(_) => continue,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(_) => break,
                    }
                }
                let _ = gone.send(Event::Stop(Ended::PageGone));
            });
        }
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
             Connection: close\r\n\r\n"
        )?;
        let mut sink = Sink {
            stream,
            sent: 0,
            cut: false,
            carry: Default::default(),
        };
        sink.event(serde_json::json!({ "run": id, "listing": name }))?;

        let program = match &listing.how {
            How::Program(program) => program.clone(),
            How::Cargo {
                package,
                bin,
                source,
                release,
                ..
            } => {
                let mut build = Command::new(std::env::var("CARGO").unwrap_or("cargo".into()));
                build.current_dir(&self.root);
                // An edit builds its scratch workspace, offline, into its
                // own target folder; the same build otherwise.
                let source = match edit {
                    Some(edit) => {
                        build
                            .arg("build")
                            .arg("--offline")
                            .arg("--manifest-path")
                            .arg(&edit.manifest)
                            .env("CARGO_TARGET_DIR", &edit.target_dir);
                        &edit.source
                    }
                    None => {
                        build.arg("build");
                        source
                    }
                };
                build.args([
                    "--quiet",
                    "--message-format=json-render-diagnostics",
                    "-p",
                    package,
                    "--bin",
                    if bin == "main" { package } else { bin },
                ]);
                if *release {
                    build.arg("--release");
                }
                let mut messages = Vec::new();
                let (ended, _) = self.step(
                    build,
                    None,
                    BUILD_DEADLINE,
                    running,
                    1,
                    &mut |is_out, bytes| {
                        if is_out {
                            if messages.len() < (8 << 20) {
                                messages.extend_from_slice(bytes);
                            }
                            Ok(())
                        } else {
                            sink.output(0, bytes)
                        }
                    },
                )?;
                let built = executable_of(&messages, source);
                match (ended, built) {
                    (Ended::Exited(Some(0)), Some(program)) => program,
                    (Ended::Exited(_), _) => {
                        sink.event(serde_json::json!({ "end": "build failed" }))?;
                        return sink.end();
                    }
                    (other, _) => {
                        sink.event(end_event(other, None, "while building"))?;
                        return sink.end();
                    }
                }
            }
        };
        let mut run = Command::new(&program);
        run.current_dir(&self.root).args(&listing.args);
        let (ended, elapsed) = self.step(
            run,
            listing.stdin.as_deref(),
            listing.deadline,
            running,
            2,
            &mut |is_out, bytes| sink.output(if is_out { 1 } else { 2 }, bytes),
        )?;
        sink.event(end_event(ended, Some(elapsed), ""))?;
        sink.end()
    }

    /// Runs one step (the build, then the listing) in a process group of
    /// its own, handing its output to `output` as it arrives, until it ends,
    /// its deadline passes or a stop comes; the group is killed in every
    /// case.
    fn step(
        &self,
        mut command: Command,
        stdin: Option<&str>,
        deadline: Duration,
        running: &Running,
        step: u32,
        output: &mut dyn FnMut(bool, &[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<(Ended, Duration)> {
        let marker = self.marker_of(running.id);
        let (events, leader) = (&running.events, &running.leader);
        let (name, value) = marker.split_once('=').unwrap_or((&marker, ""));
        command
            .env(name, value)
            .env_remove("RUST_BACKTRACE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            });
        // A stop that came between two steps (while the build's last output
        // was read, say) ends the run before the next step starts.
        loop {
            match events.try_recv() {
                Ok(Event::Stop(why)) => return Ok((why, Duration::ZERO)),
                Ok(_) => {}
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    return Ok((Ended::ServerExit, Duration::ZERO));
                }
            }
        }
        let start = Instant::now();
        let mut child = spawn_in_group(&mut command)?;
        leader.store(child.id(), Ordering::SeqCst);
        if let (Some(mut pipe), Some(text)) = (child.stdin.take(), stdin) {
            let text = text.to_owned();
            std::thread::spawn(move || {
                // The listing may end without reading its input.
                let _ = pipe.write_all(text.as_bytes());
            });
        }
        let pipes: [(bool, Option<Box<dyn Read + Send>>); 2] = [
            (
                true,
                child
                    .stdout
                    .take()
                    .map(|p| Box::new(p) as Box<dyn Read + Send>),
            ),
            (
                false,
                child
                    .stderr
                    .take()
                    .map(|p| Box::new(p) as Box<dyn Read + Send>),
            ),
        ];
        let mut open = 0;
        for (is_out, pipe) in pipes {
            let Some(mut pipe) = pipe else { continue };
            open += 1;
            let sender = running.sender.clone();
            std::thread::spawn(move || {
                let mut chunk = vec![0u8; 8192];
                loop {
                    match pipe.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if sender
                                .send(Event::Bytes(step, is_out, chunk[..n].to_vec()))
                                .is_err()
                            {
                                break;
                            }
                        }
                    }
                }
                let _ = sender.send(Event::Closed(step));
            });
        }
        let ended = loop {
            if let Some(status) = child.try_wait()? {
                break Ended::Exited(code_of(status));
            }
            let left = deadline.saturating_sub(start.elapsed());
            if left.is_zero() {
                break Ended::Deadline;
            }
            match events.recv_timeout(left.min(Duration::from_millis(50))) {
                Ok(Event::Bytes(s, is_out, bytes)) if s == step => {
                    if output(is_out, &bytes).is_err() {
                        break Ended::PageGone;
                    }
                }
                Ok(Event::Closed(s)) if s == step => open -= 1,
                Ok(Event::Stop(why)) => break why,
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break Ended::ServerExit,
            }
        };
        let elapsed = start.elapsed();
        // Whatever ended the step, nothing it started may outlive it, not
        // even what left its process group.
        kill_group(child.id());
        kill_marked_processes(&marker);
        let status = child.wait()?;
        leader.store(0, Ordering::SeqCst);
        let ended = match ended {
            // It may have ended by itself just before a stop arrived.
            Ended::Exited(_) => Ended::Exited(code_of(status)),
            other => other,
        };
        // What it printed before it ended; a process that left the group
        // and keeps a pipe open is not waited for long.
        let until = Instant::now() + Duration::from_secs(1);
        let mut late_stop = None;
        while open > 0 {
            let left = until.saturating_duration_since(Instant::now());
            match events.recv_timeout(left) {
                Ok(Event::Bytes(s, is_out, bytes)) if s == step => {
                    let _ = output(is_out, &bytes);
                }
                Ok(Event::Closed(s)) if s == step => open -= 1,
                // Kept for the next step, which then does not start.
                Ok(Event::Stop(why)) => late_stop = Some(why),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        if let Some(why) = late_stop {
            let _ = running.sender.send(Event::Stop(why));
        }
        Ok((ended, elapsed))
    }
}

/// An edited listing, ready to build: its scratch workspace's manifest,
/// its target folder, the edited file in the copy, and the lock that keeps
/// another edit of the same package out until this run ends.
struct Edit {
    manifest: PathBuf,
    target_dir: PathBuf,
    source: PathBuf,
    _lock: std::fs::File,
}

enum Prepared {
    Ready(Edit),
    /// Another edit of the same package holds its copy.
    Busy,
}

impl Runs {
    /// Writes the edited `text` of `source` into a scratch copy of its
    /// package under `target/edited/PACKAGE/` (never into the repository's
    /// own files): a workspace of its own whose `Cargo.toml` carries the
    /// root's `[workspace.package]`, `[workspace.dependencies]` (paths made
    /// absolute, to the repository's packages) and profiles, with the
    /// root's `Cargo.lock`, so that it builds offline with the same
    /// versions. Every path comes from the table, none from the request.
    /// Files are rewritten only when they changed, so cargo rebuilds only
    /// what the edit touched.
    fn prepare_edit(
        &self,
        package: &str,
        package_dir: &Path,
        source: &Path,
        text: &str,
    ) -> std::io::Result<Prepared> {
        let relative = source
            .strip_prefix(package_dir)
            .map_err(|_| std::io::Error::other("the listing is outside its package"))?;
        let folder = package_dir
            .file_name()
            .ok_or_else(|| std::io::Error::other("the package has no folder name"))?;
        std::fs::create_dir_all(&self.edit_dir)?;
        let edit_dir = self.edit_dir.canonicalize()?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(edit_dir.join(format!("{package}.lock")))?;
        match rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {}
            Err(e) if e == rustix::io::Errno::WOULDBLOCK => return Ok(Prepared::Busy),
            Err(e) => return Err(e.into()),
        }
        let workspace = edit_dir.join(package);
        let copy = workspace.join(folder);
        sync_tree(package_dir, &copy)?;
        let edited = copy.join(relative);
        write_if_changed(&edited, text.as_bytes())?;
        let manifest = workspace.join("Cargo.toml");
        write_if_changed(
            &manifest,
            scratch_manifest(&self.root, &folder.to_string_lossy())?.as_bytes(),
        )?;
        // Cargo prunes the copy to what the package uses: copied each time.
        std::fs::copy(self.root.join("Cargo.lock"), workspace.join("Cargo.lock"))?;
        Ok(Prepared::Ready(Edit {
            manifest,
            target_dir: edit_dir.join("target"),
            source: edited,
            _lock: lock,
        }))
    }
}

/// The scratch workspace's `Cargo.toml`: the root's `[workspace]` keys but
/// its members, with `member` the one member, every `path` of
/// `[workspace.dependencies]` made absolute, and the root's profiles.
fn scratch_manifest(root: &Path, member: &str) -> std::io::Result<String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml"))?;
    let manifest: toml::Table = text
        .parse()
        .map_err(|e| std::io::Error::other(format!("the root Cargo.toml: {e}")))?;
    let mut workspace = manifest
        .get("workspace")
        .and_then(|w| w.as_table())
        .cloned()
        .unwrap_or_default();
    for key in ["members", "exclude", "default-members"] {
        workspace.remove(key);
    }
    workspace.insert("members".into(), toml::Value::Array(vec![member.into()]));
    if let Some(dependencies) = workspace
        .get_mut("dependencies")
        .and_then(|d| d.as_table_mut())
    {
        for (_, spec) in dependencies.iter_mut() {
            if let Some(path) = spec.get_mut("path")
                && let Some(relative) = path.as_str()
            {
                *path = root.join(relative).display().to_string().into();
            }
        }
    }
    let mut scratch = toml::Table::new();
    scratch.insert("workspace".into(), toml::Value::Table(workspace));
    if let Some(profile) = manifest.get("profile") {
        scratch.insert("profile".into(), profile.clone());
    }
    Ok(format!(
        "# Written by `workbook serve` for an edited listing; rewritten at each edit.\n{}",
        toml::to_string(&scratch).map_err(std::io::Error::other)?
    ))
}

/// Copies the files of `from` into `to`, leaving alone (and so not newer)
/// those that are the same already; skips `target` folders and symbolic
/// links.
fn sync_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        if kind.is_dir() && name != "target" {
            sync_tree(&entry.path(), &to.join(&name))?;
        } else if kind.is_file() {
            write_if_changed(&to.join(&name), &std::fs::read(entry.path())?)?;
        }
    }
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

/// The exit code, or minus the signal that ended the process (as a shell's
/// `$?` says 128 + N).
fn code_of(status: ExitStatus) -> Option<i32> {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return Some(-signal);
    }
    status.code()
}

/// The last event of a run: how it ended, its exit code and how long it ran.
fn end_event(ended: Ended, elapsed: Option<Duration>, during: &str) -> serde_json::Value {
    let mut event = match ended {
        Ended::Exited(Some(code)) if code < 0 => {
            serde_json::json!({ "end": "signal", "signal": -code })
        }
        Ended::Exited(code) => serde_json::json!({ "end": "exit", "code": code }),
        Ended::Deadline => serde_json::json!({ "end": "deadline" }),
        Ended::Stopped => serde_json::json!({ "end": "stopped" }),
        Ended::PageGone => serde_json::json!({ "end": "page gone" }),
        Ended::ServerExit => serde_json::json!({ "end": "server exit" }),
    };
    if let Some(elapsed) = elapsed {
        event["elapsed"] = serde_json::json!(elapsed.as_secs_f64());
    }
    if !during.is_empty() {
        event["during"] = serde_json::json!(during);
    }
    event
}

/// The binary built from `source`, from cargo's JSON messages.
fn executable_of(messages: &[u8], source: &Path) -> Option<PathBuf> {
    let text = String::from_utf8_lossy(messages);
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .find(|m| m["target"]["src_path"].as_str().map(Path::new) == Some(source))
        .and_then(|m| m["executable"].as_str().map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scratch_workspace_has_one_member_absolute_paths_and_the_profiles() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .unwrap();
        let text = scratch_manifest(&root, "ch02-threads").unwrap();
        let manifest: toml::Table = text.parse().unwrap();
        let workspace = manifest["workspace"].as_table().unwrap();
        assert_eq!(
            workspace["members"].as_array().unwrap(),
            &vec![toml::Value::from("ch02-threads")]
        );
        let ch01 = workspace["dependencies"]["ch01"]["path"].as_str().unwrap();
        assert_eq!(Path::new(ch01), root.join("listings/ch01-why"));
        assert!(workspace["package"]["edition"].is_str());
        assert!(manifest["profile"]["dev"].is_table());
        let runs = Runs::new(&root, 1, "t".into(), HashMap::new());
        assert_eq!(runs.edit_dir, root.join("target/edited"));
    }

    #[test]
    fn a_split_character_waits_for_its_other_half() {
        let mut carry = Utf8Carry::default();
        let bytes = "é!".as_bytes();
        assert_eq!(carry.text(&bytes[..1]), "");
        assert_eq!(carry.text(&bytes[1..]), "é!");
        assert_eq!(carry.text(b"\xff"), "\u{fffd}");
    }

    #[test]
    fn a_parameter_is_decoded_once_and_must_be_alone() {
        assert_eq!(
            single_param("listing=a%2Fb&x=1", "listing").as_deref(),
            Some("a/b")
        );
        assert_eq!(single_param("listing=a&listing=b", "listing"), None);
        assert_eq!(single_param("x=1", "listing"), None);
        assert_eq!(
            single_param("listing=%252e%252e", "listing").as_deref(),
            Some("%2e%2e")
        );
    }
}
