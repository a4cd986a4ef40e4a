//! Code shared by chapter 11's listings: chapter 1's book client, written
//! with tokio's TCP instead of std's.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

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
