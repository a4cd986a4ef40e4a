//! Chapter 11's shared code: an async book client and two `select!` loops.
//!
//! Code shared by chapter 11's listings and tests: chapter 1's book client,
//! written with tokio's TCP instead of std's, and the two `select!` loops of
//! the cancellation-safety listing.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::{interval, sleep, timeout};

// ANCHOR: download
/// Downloads book `id` from chapter 1's server without blocking the thread:
/// each `.await` below is a point where the task may wait and let another
/// task run.
pub async fn download_book(server: SocketAddr, id: usize) -> io::Result<String> {
    let exchange = async {
        let mut connection = TcpStream::connect(server).await?;
        let request =
            format!("GET /books/{id} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
        connection.write_all(request.as_bytes()).await?;
        let mut response = Vec::new();
        connection.read_to_end(&mut response).await?;
        Ok::<_, io::Error>(response)
    };
    // A download may be slow; it may never hang (chapter 1's rule).
    let response = timeout(ch01::CLIENT_TIMEOUT, exchange)
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, format!("book {id}: no answer")))??;
    body_of(id, &response)
}
// ANCHOR_END: download

/// The body of a `200 OK` answer whose length matches its Content-Length.
fn body_of(id: usize, response: &[u8]) -> io::Result<String> {
    let invalid =
        |why: &str| io::Error::new(io::ErrorKind::InvalidData, format!("book {id}: {why}"));
    let response = std::str::from_utf8(response).map_err(|_| invalid("not UTF-8"))?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or_else(|| invalid("no end of headers"))?;
    if !head.starts_with("HTTP/1.1 200 ") {
        return Err(invalid("the server did not answer 200 OK"));
    }
    let promised = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    if promised != Some(body.len()) {
        return Err(invalid("body cut short"));
    }
    Ok(body.to_owned())
}

/// Sends the numbers `1..=count` down a channel, one every `every`, from a
/// task of its own; the channel closes after the last.
pub fn send_halves(count: u32, every: Duration) -> mpsc::Receiver<u32> {
    let (halves, received) = mpsc::channel(64);
    tokio::spawn(async move {
        for half in 1..=count {
            sleep(every).await;
            if halves.send(half).await.is_err() {
                break;
            }
        }
    });
    received
}

// ANCHOR: lossy
/// Receives the two halves of one message. Not cancel safe: dropped between
/// its two `.await`s, it takes the first half with it.
async fn next_pair(halves: &mut mpsc::Receiver<u32>) -> Option<(u32, u32)> {
    let first = halves.recv().await?;
    let second = halves.recv().await?;
    Some((first, second))
}

/// Pairs up halves while a ticker ticks. Every tick drops the `next_pair`
/// future of that round, and a half it had already received is lost.
pub async fn pairs_lossy(mut halves: mpsc::Receiver<u32>, tick: Duration) -> Vec<(u32, u32)> {
    let mut ticker = interval(tick);
    let mut pairs = Vec::new();
    loop {
        tokio::select! {
            pair = next_pair(&mut halves) => match pair {
                Some(pair) => pairs.push(pair),
                None => return pairs,
            },
            _ = ticker.tick() => {} // the clock shows, say, a progress line
        }
    }
}
// ANCHOR_END: lossy

// ANCHOR: kept
/// The same loop, cancel safe: each round awaits only `recv`, which loses
/// nothing when dropped, and a first half waits in a variable that lives
/// outside the loop instead of inside a future that a tick may drop.
pub async fn pairs_kept(mut halves: mpsc::Receiver<u32>, tick: Duration) -> Vec<(u32, u32)> {
    let mut ticker = interval(tick);
    let mut pairs = Vec::new();
    let mut first_half = None;
    loop {
        tokio::select! {
            half = halves.recv() => match (first_half.take(), half) {
                (_, None) => return pairs,
                (None, Some(first)) => first_half = Some(first),
                (Some(first), Some(second)) => pairs.push((first, second)),
            },
            _ = ticker.tick() => {}
        }
    }
}
// ANCHOR_END: kept
