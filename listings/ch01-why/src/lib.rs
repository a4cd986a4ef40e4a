//! The two workloads of chapter 1, waiting and computing.
//!
//! Shared by the chapter's listings and by later chapters that make the
//! same jobs faster.
//!
//! - Waiting work: a small HTTP server on 127.0.0.1 that answers
//!   `GET /books/<id>` after a chosen latency, and a client that downloads
//!   one book from it.
//! - Computing work: a sum of squares and counting primes by trial division.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How many books the listings download unless told otherwise.
pub const BOOKS: usize = 10;
/// How long the server waits before answering each request.
pub const LATENCY: Duration = Duration::from_millis(100);
/// The CPU job: count the primes below this. Sized to take a few tenths of a
/// second in the debug build that `cargo run` makes.
pub const PRIMES_BELOW: u64 = 2_000_000;
/// The other CPU job: 1² + 2² + … + this².
pub const SQUARES_UP_TO: u64 = 50_000_000;

/// Longest the client waits to connect or for the next bytes of an answer.
/// A download may be slow; it may never hang.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

// ANCHOR: server
/// The waiting job's server: every answer comes after `latency`.
/// It listens on 127.0.0.1 and waits before each answer the way a server
/// far away would.
pub struct BookServer {
    addr: SocketAddr,
    latency: Duration,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl BookServer {
    /// Binds 127.0.0.1 on a free port and serves `GET /books/<id>`.
    pub fn start(latency: Duration) -> io::Result<BookServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let stop_requested = Arc::clone(&stopping);
        let acceptor = thread::Builder::new()
            .name("book-server".into())
            .spawn(move || {
                for connection in listener.incoming() {
                    if stop_requested.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(connection) = connection else { continue };
                    // One thread per connection, so that a client waiting out
                    // the latency never delays the next one.
                    let _ = thread::Builder::new()
                        .name("book-request".into())
                        .spawn(move || answer(connection, latency));
                }
            })?;
        Ok(BookServer {
            addr,
            latency,
            stopping,
            acceptor: Some(acceptor),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn latency(&self) -> Duration {
        self.latency
    }
}

impl Drop for BookServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // `accept` only returns when someone connects, so connect once to
        // wake the acceptor up; it then sees the flag and stops. If even that
        // fails, leave the thread behind rather than hang here.
        let woken = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).is_ok();
        if let Some(acceptor) = self.acceptor.take()
            && woken
        {
            let _ = acceptor.join();
        }
    }
}

/// Reads one request, waits out the latency, sends the book or a 404.
fn answer(connection: TcpStream, latency: Duration) {
    // A client that connects and says nothing must not keep this thread.
    let _ = connection.set_read_timeout(Some(CLIENT_TIMEOUT));
    let mut reader = BufReader::new(&connection);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers up to the blank line; this server needs none of them.
    let mut header = String::new();
    while matches!(reader.read_line(&mut header), Ok(n) if n > 2) {
        header.clear();
    }

    thread::sleep(latency);

    let book = request_line
        .strip_prefix("GET /books/")
        .and_then(|rest| rest.split_once(' '))
        .and_then(|(id, _version)| id.parse::<usize>().ok());
    let (status, body) = match book {
        Some(id) => ("200 OK", book_text(id)),
        None => ("404 Not Found", "no such book\n".to_string()),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // The client may have given up already; that is its business.
    let _ = (&connection).write_all(response.as_bytes());
}
// ANCHOR_END: server

// ANCHOR: client
/// Downloads book `id` over a fresh connection and returns its text.
pub fn download_book(server: SocketAddr, id: usize) -> io::Result<String> {
    let mut connection = TcpStream::connect_timeout(&server, CLIENT_TIMEOUT)?;
    connection.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    connection.set_write_timeout(Some(CLIENT_TIMEOUT))?;
    // One write, so the request leaves as one piece rather than one per
    // formatted fragment.
    let request =
        format!("GET /books/{id} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
    connection.write_all(request.as_bytes())?;

    // `Connection: close` means the answer ends where the stream ends.
    let mut response = Vec::new();
    connection.read_to_end(&mut response)?;
    let response = String::from_utf8(response).map_err(|e| invalid(e.to_string()))?;

    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or_else(|| invalid("no end of headers".into()))?;
    let status_line = head.lines().next().unwrap_or_default();
    if status_line.split(' ').nth(1) != Some("200") {
        return Err(invalid(format!("book {id}: server said `{status_line}`")));
    }
    let promised = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        // Header names are case-insensitive in HTTP.
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    if promised != Some(body.len()) {
        return Err(invalid(format!("book {id}: body cut short")));
    }
    Ok(body.to_string())
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}
// ANCHOR_END: client

// ANCHOR: book_text
/// The words every book is written in.
/// There are few enough that counting them is interesting, the common ones
/// first.
const VOCABULARY: [&str; 24] = [
    "the", "thread", "and", "a", "lock", "waits", "for", "queue", "worker", "of", "data", "runs",
    "python", "rust", "core", "join", "message", "shared", "time", "owner", "channel", "pool",
    "signal", "deadline",
];
const WORDS_PER_BOOK: usize = 600;
const WORDS_PER_LINE: usize = 12;

/// The text of book `id`: the same every time, about 3 KB.
pub fn book_text(id: usize) -> String {
    // A tiny pseudo-random generator (xorshift) seeded by the id: every book
    // differs, and no book ever changes.
    let mut state = (id as u64)
        .wrapping_add(1)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut text = String::new();
    for position in 0..WORDS_PER_BOOK {
        // The smaller of two picks favours the front of the vocabulary, so
        // some words are much more common than others, as in real text.
        let words = VOCABULARY.len() as u64;
        let pick = (next() % words).min(next() % words) as usize;
        text.push_str(VOCABULARY[pick]);
        let end_of_line = (position + 1).is_multiple_of(WORDS_PER_LINE);
        text.push(if end_of_line { '\n' } else { ' ' });
    }
    text
}
// ANCHOR_END: book_text

// ANCHOR: cpu
/// The computing job: 1² + 2² + … + n², wrapping around on overflow.
/// The answer is exact modulo 2⁶⁴; past n ≈ 3.8 million the true sum no
/// longer fits in a u64.
pub fn sum_of_squares(n: u64) -> u64 {
    sum_of_squares_in(1..n + 1)
}

/// The sum of the squares of the numbers in `range`, so that the job can be
/// cut into parts.
pub fn sum_of_squares_in(range: Range<u64>) -> u64 {
    let mut sum: u64 = 0;
    for k in range {
        // `black_box` hides `k` from the optimiser, which would otherwise
        // replace the whole loop by the formula n(n+1)(2n+1)/6. The point
        // here is to do the work, not to skip it.
        let k = std::hint::black_box(k);
        sum = sum.wrapping_add(k.wrapping_mul(k));
    }
    sum
}

/// Trial division: try every divisor up to the square root.
pub fn is_prime(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    let mut divisor = 2;
    while divisor * divisor <= n {
        if n.is_multiple_of(divisor) {
            return false;
        }
        divisor += 1;
    }
    true
}

/// How many numbers in `range` are prime. Taking a range, not just an upper
/// bound, lets later chapters split the work.
pub fn count_primes(range: Range<u64>) -> usize {
    range.filter(|&n| is_prime(n)).count()
}
// ANCHOR_END: cpu

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn books_are_deterministic_distinct_and_a_few_kilobytes() {
        assert_eq!(book_text(3), book_text(3));
        assert_ne!(book_text(3), book_text(4));
        for id in 0..BOOKS {
            let text = book_text(id);
            assert!((2_000..8_000).contains(&text.len()), "{} bytes", text.len());
            assert_eq!(text.split_whitespace().count(), WORDS_PER_BOOK);
            assert!(text.split_whitespace().all(|w| VOCABULARY.contains(&w)));
        }
    }

    #[test]
    fn the_server_serves_the_right_book() {
        let server = BookServer::start(Duration::ZERO).unwrap();
        assert_eq!(server.latency(), Duration::ZERO);
        for id in [0, 7, 123] {
            assert_eq!(download_book(server.addr(), id).unwrap(), book_text(id));
        }
    }

    #[test]
    fn unknown_paths_get_404() {
        let server = BookServer::start(Duration::ZERO).unwrap();
        let mut connection = TcpStream::connect(server.addr()).unwrap();
        connection.set_read_timeout(Some(CLIENT_TIMEOUT)).unwrap();
        connection
            .write_all(b"GET /films/1 HTTP/1.1\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut response = String::new();
        connection.read_to_string(&mut response).unwrap();
        assert!(response.starts_with("HTTP/1.1 404 "), "{response}");
    }

    #[test]
    fn a_non_200_answer_is_an_error() {
        // Something that is not our server at all: it answers 404 to everything.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let impostor = thread::spawn(move || {
            let (mut connection, _) = listener.accept().unwrap();
            // Read the whole request: closing a socket with unread data
            // makes the client see a reset instead of the answer.
            let mut request = BufReader::new(&connection);
            let mut line = String::new();
            while request.read_line(&mut line).unwrap() > 2 {
                line.clear();
            }
            connection
                .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                .unwrap();
        });
        let err = download_book(addr, 1).unwrap_err();
        assert!(err.to_string().contains("404"), "{err}");
        impostor.join().unwrap();
    }

    #[test]
    fn each_request_waits_out_the_latency() {
        let server = BookServer::start(Duration::from_millis(100)).unwrap();
        let start = Instant::now();
        download_book(server.addr(), 1).unwrap();
        assert!(start.elapsed() >= Duration::from_millis(100));
    }

    #[test]
    fn concurrent_downloads_overlap() {
        let server = BookServer::start(Duration::from_millis(100)).unwrap();
        let addr = server.addr();
        let start = Instant::now();
        let downloads: Vec<_> = (0..8)
            .map(|id| thread::spawn(move || download_book(addr, id)))
            .collect();
        for download in downloads {
            download.join().unwrap().unwrap();
        }
        let elapsed = start.elapsed();
        // Sequentially this would take 800 ms.
        assert!(elapsed < Duration::from_millis(400), "took {elapsed:?}");
    }

    #[test]
    fn dropping_the_server_is_prompt_and_closes_the_port() {
        let server = BookServer::start(Duration::from_millis(100)).unwrap();
        let addr = server.addr();
        let start = Instant::now();
        drop(server);
        assert!(start.elapsed() < Duration::from_secs(1));
        assert!(download_book(addr, 1).is_err());
    }

    #[test]
    fn primes_and_squares_of_small_numbers() {
        assert_eq!(count_primes(0..100), 25);
        assert_eq!(count_primes(0..10) + count_primes(10..100), 25);
        assert!(is_prime(2) && is_prime(97) && !is_prime(1) && !is_prime(91));
        assert_eq!(sum_of_squares(0), 0);
        assert_eq!(sum_of_squares(3), 14);
        assert_eq!(sum_of_squares(100), 338_350);
        assert_eq!(
            sum_of_squares_in(1..51) + sum_of_squares_in(51..101),
            338_350
        );
    }
}
