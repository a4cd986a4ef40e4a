//! Headless Chromium driven over the DevTools protocol on a pipe
//! (`--remote-debugging-pipe`): Chromium reads commands from its fd 3 and
//! writes answers and events to its fd 4, one JSON message per NUL byte.
//! No websocket, so no dependency beyond serde_json.

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long one protocol command may take before the check gives up.
const COMMAND_DEADLINE: Duration = Duration::from_secs(30);

/// The part of a URL that identifies a request to the Rust Playground.
pub const PLAYGROUND: &str = "play.rust-lang.org";

pub struct Browser {
    child: Child,
    writer: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
    /// Events received since the last `take_events`.
    events: Vec<Value>,
    /// Requests to the Playground that were blocked, over the whole run.
    pub blocked: Vec<String>,
}

impl Browser {
    /// Starts Chromium in its own process group (so that it and every helper
    /// process it starts can be killed together) and opens one tab.
    pub fn launch(chromium: &Path, profile: &Path, log: &Path) -> Result<Browser> {
        let log = std::fs::File::create(log)
            .with_context(|| format!("cannot create {}", log.display()))?;
        // The shell hands our stdin pipe to Chromium as fd 3 and our stdout
        // pipe as fd 4, then execs it: same process, no unsafe code here.
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--mute-audio",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log);
        let mut child = listingkit::process::spawn_in_group(&mut command)
            .with_context(|| format!("cannot start {}", chromium.display()))?;
        let writer = child.stdin.take().context("no pipe to chromium")?;
        let reader = child.stdout.take().context("no pipe from chromium")?;
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            let mut buffer = Vec::new();
            loop {
                buffer.clear();
                match reader.read_until(0, &mut buffer) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if buffer.last() == Some(&0) {
                    buffer.pop();
                }
                let Ok(message) = serde_json::from_slice::<Value>(&buffer) else {
                    continue;
                };
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut browser = Browser {
            child,
            writer,
            messages,
            next_id: 0,
            session: None,
            events: Vec::new(),
            blocked: Vec::new(),
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"]
            .as_str()
            .ok_or_else(|| anyhow!("Target.createTarget gave no targetId: {target}"))?
            .to_owned();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        browser.session = Some(
            attached["sessionId"]
                .as_str()
                .ok_or_else(|| anyhow!("Target.attachToTarget gave no sessionId: {attached}"))?
                .to_owned(),
        );
        for domain in [
            "Page.enable",
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
        ] {
            browser.call(domain, json!({}))?;
        }
        // Requests to the Playground are paused here and failed: the test
        // must not depend on the network, and counts them instead.
        browser.call(
            "Fetch.enable",
            json!({"patterns": [{"urlPattern": format!("*{PLAYGROUND}*")}]}),
        )?;
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(browser)
    }

    /// The process group to kill when done (Chromium's pid: it leads it).
    pub fn process_group(&self) -> u32 {
        self.child.id()
    }

    fn send(&mut self, method: &str, params: Value) -> Result<u64> {
        self.next_id += 1;
        let mut message = json!({"id": self.next_id, "method": method, "params": params});
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message)?;
        bytes.push(0);
        self.writer
            .write_all(&bytes)
            .and_then(|()| self.writer.flush())
            .map_err(|e| anyhow!("chromium stopped reading commands ({e}); see its log"))?;
        Ok(self.next_id)
    }

    /// Sends a command and waits for its answer, keeping the events that
    /// arrive meanwhile.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        let id = self.send(method, params)?;
        let deadline = Instant::now() + COMMAND_DEADLINE;
        loop {
            let message = self
                .next_message(deadline)
                .with_context(|| format!("no answer to {method} within {COMMAND_DEADLINE:?}"))?;
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    bail!("{method} failed: {error}");
                }
                return Ok(message["result"].clone());
            }
            self.keep(message)?;
        }
    }

    fn next_message(&mut self, deadline: Instant) -> Result<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => bail!("timed out"),
            Err(RecvTimeoutError::Disconnected) => {
                bail!("chromium closed its pipe (it exited or crashed; see its log)")
            }
        }
    }

    /// Files an event, answering the ones that hold up the page.
    fn keep(&mut self, message: Value) -> Result<()> {
        if message.get("method").is_none() {
            return Ok(()); // the answer to a command nobody waits for
        }
        if message["method"] == "Fetch.requestPaused" {
            let url = message["params"]["request"]["url"]
                .as_str()
                .unwrap_or("")
                .to_owned();
            let request = message["params"]["requestId"].clone();
            if url.contains(PLAYGROUND) {
                self.blocked.push(url);
                self.send(
                    "Fetch.failRequest",
                    json!({"requestId": request, "errorReason": "BlockedByClient"}),
                )?;
            } else {
                self.send("Fetch.continueRequest", json!({"requestId": request}))?;
            }
        }
        self.events.push(message);
        Ok(())
    }

    /// Collects events for `duration`.
    pub fn pump(&mut self, duration: Duration) -> Result<()> {
        let until = Instant::now() + duration;
        loop {
            match self.next_message(until) {
                Ok(message) => self.keep(message)?,
                Err(_) if Instant::now() >= until => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    /// Waits for an event named `method`, keeping the others.
    pub fn wait_for(&mut self, method: &str, timeout: Duration) -> Result<Value> {
        if let Some(found) = self.events.iter().find(|e| e["method"] == method) {
            return Ok(found.clone());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let message = self
                .next_message(deadline)
                .with_context(|| format!("no {method} within {timeout:?}"))?;
            let found = message["method"] == method;
            self.keep(message.clone())?;
            if found {
                return Ok(message);
            }
        }
    }

    pub fn take_events(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.events)
    }

    /// Loads `url` and waits for its load event, then for two frames to be
    /// drawn (so that what the scripts did on load has been laid out), and
    /// collects what the page reported meanwhile. The book's scripts run
    /// when the page loads and set no timers of their own then. (It waited
    /// a fixed 300 ms instead: 3 of the browser step's 6 minutes, over
    /// about 600 page loads.)
    pub fn open(&mut self, url: &str) -> Result<()> {
        self.navigate(url)?;
        self.eval(
            "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))",
        )
        .with_context(|| format!("{url} drew no frame after loading"))?;
        self.pump(Duration::from_millis(20))
    }

    /// Loads `url` and waits for its load event only: for a page that
    /// moves on by itself at once, whose document may be gone by the time
    /// anything is asked of it.
    pub fn navigate(&mut self, url: &str) -> Result<()> {
        self.events.clear();
        let answer = self.call("Page.navigate", json!({"url": url}))?;
        if let Some(error) = answer.get("errorText") {
            bail!("cannot load {url}: {error}");
        }
        self.wait_for("Page.loadEventFired", Duration::from_secs(20))
            .with_context(|| format!("{url} did not finish loading"))?;
        Ok(())
    }

    /// Evaluates a JavaScript expression (awaiting a promise) and returns its
    /// value; a thrown exception is an error.
    pub fn eval(&mut self, expression: &str) -> Result<Value> {
        let answer = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(details) = answer.get("exceptionDetails") {
            let text = details["exception"]["description"]
                .as_str()
                .or(details["text"].as_str())
                .unwrap_or("an exception");
            bail!("the page's script threw: {text}");
        }
        Ok(answer["result"]["value"].clone())
    }

    pub fn screenshot(&mut self, file: &Path) -> Result<()> {
        let answer = self.call("Page.captureScreenshot", json!({"format": "png"}))?;
        let data = answer["data"]
            .as_str()
            .ok_or_else(|| anyhow!("no screenshot data"))?;
        let png = decode_base64(data).ok_or_else(|| anyhow!("screenshot data is not base64"))?;
        std::fs::write(file, png).with_context(|| format!("cannot write {}", file.display()))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        listingkit::process::kill_group(self.child.id());
        let _ = self.child.wait();
    }
}

/// Standard base64 (with padding), as the protocol sends binary data.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut bits = 0u32;
    let mut count = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b'\n' | b'\r' => continue,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_base64;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVsbG8h").unwrap(), b"hello!");
        assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
        assert!(decode_base64("a*b").is_none());
    }
}
