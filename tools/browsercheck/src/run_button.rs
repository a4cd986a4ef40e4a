//! "Run from the page" in a real browser: a server with Runs, as
//! `workbook serve` starts it (`workbook::book::run::serve_in_background`),
//! and Chromium as its reader.
//!
//! - Admission: the printed address `/?token=…` sets an `HttpOnly`,
//!   `SameSite=Strict` cookie through the real redirect and lands on `/`.
//! - Run, on a 390 px phone: chapter 2's `spawn_join` is built and run
//!   from its Run button; the box shows each line of its recorded output
//!   and `exit 0 · N s`, and the page with that box is no wider than the
//!   screen (measured as `screens.rs` measures every page).
//! - Edit with a compile error: on the same page, Edit opens the whole
//!   file in a text area; a line that does not compile
//!   (`let x: u32 = "text";`) is added at the start of `main` and Run
//!   sends it; within 120 s the box shows rustc's `error[E0308]` and the
//!   status `build failed`; then Reset removes the text area and shows the
//!   listing exactly as before.
//! - Python: chapter 5's `timers.py` caption has a Run button and no Edit;
//!   Run shows its first line and `exit 0` (skipped, and said, when
//!   python3 is not installed).
//! - Stop: chapter 8's `pool_sizes` (about 4 s of downloads and prime
//!   counting) is stopped from its Stop button once its first line shows;
//!   the box says `stopped`, and no process carrying the run's marker is
//!   left (it had at least one, the listing's binary, before the click).
//! - Refusals, each checked by a stand-in listing that leaves a file behind
//!   if it runs: a `fetch` POST from the book's own page without the token
//!   header gets 403; a page of another origin (`127.0.0.1` on another
//!   port: same site, so the `SameSite=Strict` cookie does not stop it)
//!   that knows the token tries a `no-cors` fetch, a CORS fetch with the
//!   token header and a form POST, and the file is still absent; then the
//!   same stand-in run from the book's page with the token does leave its
//!   file (the control).
//! - Without the cookie (deleted over CDP) a book page is the 403 "Token
//!   needed" page.

use crate::cdp::Browser;
use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use workbook::book::run::{self, How, Listing};

/// The quick listing, its page and the file of its recorded output.
const QUICK: &str = "listings/ch02-threads/src/bin/spawn_join.rs";
const QUICK_PAGE: &str = "ch02-threads/starting-threads.html";
const QUICK_OUTPUT: &str = "listings/ch02-threads/output/spawn_join.txt";
/// The long listing (about 4 s), its page and its first line.
const LONG: &str = "listings/ch08-pools/src/bin/pool_sizes.rs";
const LONG_PAGE: &str = "ch08-pools/pool-size.html";
const LONG_BINARY: &str = "pool_sizes";
const LONG_FIRST: &str = "cores:";
/// The stand-in that leaves a file behind when it runs; no page shows it.
const TOUCH: &str = "listings/stand-in/src/bin/touch.rs";
/// The first run builds the listing (and its dependencies).
const RUN_DEADLINE: Duration = Duration::from_secs(180);
const PHONE: u32 = 390;

/// Runs every step; problems go to `problems`, a line per step to `summary`.
pub fn check(
    browser: &mut Browser,
    root: &Path,
    dest: &Path,
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) {
    let start = Instant::now();
    let outcome = steps(browser, root, dest, shots, summary, problems);
    if let Err(e) = outcome {
        problems.push(format!("run from the page: {e:#}"));
    }
    let _ = browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
    );
    browser.take_events();
    let _ = writeln!(
        summary,
        "run from the page: checked in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

fn steps(
    browser: &mut Browser,
    root: &Path,
    dest: &Path,
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) -> Result<()> {
    let scratch = tempfile::Builder::new()
        .prefix("browsercheck-run-")
        .tempdir()?;
    let ran = scratch.path().join("ran");
    let mut listings = run::listings_of_book(root);
    for needed in [QUICK, LONG] {
        if !listings.contains_key(needed) {
            bail!("the book's table of runnable listings has no {needed}");
        }
    }
    listings.insert(
        TOUCH.into(),
        Listing {
            how: How::Program("/bin/sh".into()),
            args: vec!["-c".into(), format!("touch '{}'", ran.display())],
            stdin: None,
            deadline: run::RUN_DEADLINE,
        },
    );
    let server = run::serve_in_background(root, dest.to_owned(), listings)?;
    let outcome = (|| -> Result<()> {
        admit(browser, &server, summary)?;
        if let Err(e) = quick_run(browser, root, &server.base, shots, summary, problems) {
            problems.push(format!("run from the page: {e:#}"));
        }
        if let Err(e) = edit_compile_error(browser, &server.base, summary) {
            problems.push(format!(
                "run from the page, Edit with a compile error: {e:#}"
            ));
        }
        if let Err(e) = python_run(browser, &server.base, summary) {
            problems.push(format!("run from the page, Python: {e:#}"));
        }
        if let Err(e) = stop(browser, &server, summary) {
            problems.push(format!("run from the page, Stop: {e:#}"));
        }
        if let Err(e) = refusals(browser, &server, &ran, summary) {
            problems.push(format!("run from the page, refusals: {e:#}"));
        }
        no_cookie(browser, &server, summary)
    })();
    server.runs.stop_all();
    outcome
}

fn port_of(base: &str) -> &str {
    base.trim_end_matches('/').rsplit(':').next().unwrap_or("")
}

/// Opens the printed address as `serve --open` does, from a local file
/// that sends the browser on (so the navigation begins outside the book,
/// where a redirect would lose a `SameSite=Strict` cookie): the answer
/// sets the cookie and moves on to `/`.
fn admit(browser: &mut Browser, server: &run::Background, summary: &mut String) -> Result<()> {
    let (_folder, page) = workbook::book::serve::write_open_page(&server.admit)?;
    browser.navigate(&format!("file://{}", page.display()))?;
    // The pages move on by themselves: while one is replaced, asking it
    // anything may fail ("target navigated"), so ask again until the book
    // is there, then let it settle as `open` would.
    let deadline = Instant::now() + Duration::from_secs(10);
    let landed = loop {
        let landed = browser
            .eval(
                "location.href + ' ' + document.title + ' ' + \
                 !!document.querySelector('meta[name=\"threadwork-run-token\"]')",
            )
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let there = landed.starts_with(&format!("{} ", server.base)) && landed.ends_with(" true");
        if there || Instant::now() > deadline {
            break landed;
        }
        browser.pump(Duration::from_millis(100))?;
    };
    browser.pump(Duration::from_millis(300))?;
    if !landed.starts_with(&format!("{} ", server.base)) {
        bail!(
            "the printed address, opened as --open does, did not land on {}: {landed}",
            server.base
        );
    }
    let meta = browser
        .eval("document.querySelector('meta[name=\"threadwork-run-token\"]')?.content || ''")?;
    if meta.as_str() != Some(server.runs.token()) {
        bail!("the page after the redirect does not carry the run token in its <meta>");
    }
    let name = format!("{}{}", run::COOKIE_PREFIX, port_of(&server.base));
    let cookies = browser.call("Network.getCookies", json!({"urls": [server.base]}))?;
    let cookie = cookies["cookies"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["name"] == name.as_str())
        .ok_or_else(|| anyhow!("the redirect set no cookie {name}: {cookies}"))?;
    if cookie["httpOnly"] != true || cookie["sameSite"] != "Strict" {
        bail!("the cookie {name} is not HttpOnly and SameSite=Strict: {cookie}");
    }
    if browser
        .eval("document.cookie")?
        .as_str()
        .unwrap_or("")
        .contains(&name)
    {
        bail!("the page's script can read the cookie {name}");
    }
    writeln!(
        summary,
        "run from the page: the printed address set an HttpOnly, SameSite=Strict cookie and landed on /"
    )?;
    browser.take_events();
    Ok(())
}

/// The box under the listing whose caption shows `listing`: its output (all,
/// and the listing's stdout alone), status and status class.
fn box_state(browser: &mut Browser, listing: &str) -> Result<Value> {
    browser.eval(&format!(
        r#"(() => {{
  const caption = Array.from(document.querySelectorAll('.listing-caption[data-shows]'))
    .find((c) => c.getAttribute('data-shows').split(':')[0] === {listing:?});
  if (!caption) return {{ missing: 'caption' }};
  let el = caption.nextElementSibling;
  while (el && !el.classList.contains('run-box')) el = el.nextElementSibling;
  if (!el) return {{ missing: 'output box' }};
  const status = el.querySelector('.run-status');
  const stop = caption.querySelector('.run-stop');
  return {{
    output: el.querySelector('.run-output').textContent,
    out: Array.from(el.querySelectorAll('.run-out')).map((s) => s.textContent).join(''),
    status: status.textContent,
    done: /run-(good|bad)/.test(status.className),
    stopReady: !!stop && !stop.hidden && !stop.disabled,
  }};
}})()"#
    ))
}

/// Clicks the Run button of the first caption that shows `listing`.
fn click(browser: &mut Browser, listing: &str, button: &str) -> Result<()> {
    let clicked = browser.eval(&format!(
        r#"(() => {{
  const caption = Array.from(document.querySelectorAll('.listing-caption[data-shows]'))
    .find((c) => c.getAttribute('data-shows').split(':')[0] === {listing:?});
  const button = caption && caption.querySelector({button:?});
  if (!button || !button.checkVisibility() || button.disabled) return false;
  button.click();
  return true;
}})()"#
    ))?;
    if clicked != true {
        bail!("{listing}: no visible, enabled {button} button in its caption");
    }
    Ok(())
}

/// Polls the box of `listing` until `until` says yes or the deadline passes.
fn wait_box(
    browser: &mut Browser,
    listing: &str,
    what: &str,
    until: impl Fn(&Value) -> bool,
) -> Result<Value> {
    let deadline = Instant::now() + RUN_DEADLINE;
    loop {
        let state = box_state(browser, listing)?;
        if let Some(missing) = state["missing"].as_str() {
            bail!("{listing}: no {missing}");
        }
        if until(&state) {
            return Ok(state);
        }
        if Instant::now() > deadline {
            bail!(
                "{listing}: no {what} within {RUN_DEADLINE:?}; the box shows {:?}, status {:?}",
                state["output"].as_str().unwrap_or(""),
                state["status"].as_str().unwrap_or("")
            );
        }
        browser.pump(Duration::from_millis(100))?;
    }
}

fn quick_run(
    browser: &mut Browser,
    root: &Path,
    base: &str,
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) -> Result<()> {
    // On a phone, so that the page with its output box is measured as
    // `screens.rs` measures every page (opened at that width).
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": PHONE, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    )?;
    browser.open(&format!("{base}{QUICK_PAGE}"))?;
    let started = Instant::now();
    click(browser, QUICK, ".run-start")?;
    let state = wait_box(browser, QUICK, "end", |s| s["done"] == true)?;
    let status = state["status"].as_str().unwrap_or("");
    let out = state["out"].as_str().unwrap_or("");
    let expected = std::fs::read_to_string(root.join(QUICK_OUTPUT))
        .with_context(|| format!("cannot read {QUICK_OUTPUT}"))?;
    let missing: Vec<&str> = expected
        .lines()
        .filter(|l| !l.trim().is_empty() && !out.lines().any(|o| o == *l))
        .collect();
    if !status.starts_with("exit 0 · ") || !missing.is_empty() {
        bail!(
            "{QUICK}: the box should show its output and `exit 0`; it shows {:?} (of that, as the listing's output: {out:?}; lines missing: {missing:?}), status {status:?}",
            state["output"].as_str().unwrap_or("")
        );
    }
    // The box says `exit 0` on the last line of the answer; the answer
    // itself ends a moment later.
    let mut events = browser.take_events();
    let request = events
        .iter()
        .find(|e| {
            e["method"] == "Network.requestWillBeSent"
                && e["params"]["request"]["url"]
                    .as_str()
                    .is_some_and(|u| u.contains(run::RUN_PATH))
        })
        .map(|e| e["params"]["requestId"].clone());
    let until = Instant::now() + Duration::from_secs(5);
    while let Some(request) = &request {
        let ended = events.iter().any(|e| {
            (e["method"] == "Network.loadingFinished" || e["method"] == "Network.loadingFailed")
                && e["params"]["requestId"] == *request
        });
        if ended || Instant::now() > until {
            break;
        }
        browser.pump(Duration::from_millis(100))?;
        events.extend(browser.take_events());
    }
    // Now and then Chromium reports the run's
    // streamed answer as `net::ERR_ABORTED` although the page read all of
    // it (the box shows every line and `exit 0`, checked above) and
    // run.js saw no error: not counted, but said.
    let aborted = |e: &Value| {
        e["method"] == "Network.loadingFailed"
            && request.as_ref() == Some(&e["params"]["requestId"])
            && e["params"]["errorText"] == "net::ERR_ABORTED"
    };
    if events.iter().any(aborted) {
        writeln!(
            summary,
            "run from the page: (Chromium reported the finished run's answer as net::ERR_ABORTED; the page had all of it)"
        )?;
    }
    events.retain(|e| !aborted(e));
    for problem in crate::checks::console_problems(&events, base) {
        problems.push(format!("{QUICK_PAGE} (with Runs): {problem}"));
    }
    writeln!(
        summary,
        "run from the page: {QUICK} built and ran from its Run button in {:.1} s: {} line(s) of output, {status:?}",
        started.elapsed().as_secs_f64(),
        expected.lines().count()
    )?;

    let phone = browser.eval(crate::screens::PHONE_STATE)?;
    let placed = browser.eval(
        "(() => { const b = document.querySelector('.run-box'); if (!b) return null; b.scrollIntoView({ block: 'center' }); \
         const r = b.getBoundingClientRect(); return { width: r.width, right: r.right }; })()",
    )?;
    std::fs::create_dir_all(shots)?;
    browser.pump(Duration::from_millis(150))?;
    browser.screenshot(&shots.join("run-box-390.png"))?;
    let scroll = phone["scrollWidth"].as_f64().unwrap_or(0.0);
    let seen = phone["width"].as_f64().unwrap_or(0.0);
    let right = placed["right"].as_f64().unwrap_or(f64::MAX);
    if scroll > seen + 1.0
        || phone["wideCount"].as_u64().unwrap_or(0) > 0
        || right > seen + 1.0
        || placed["width"].as_f64().unwrap_or(0.0) <= 0.0
    {
        bail!(
            "{QUICK_PAGE} with its output box is wider than a {PHONE} px phone (page {scroll} px, box {placed}): {}",
            phone["wide"]
        );
    }
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
    )?;
    writeln!(
        summary,
        "run from the page: {QUICK_PAGE} with its output box fits a {PHONE} px phone"
    )?;
    Ok(())
}

/// A quick Python program, its page and a line it prints.
const PYTHON_LISTING: &str = "listings/ch05-timers/python/timers.py";
const PYTHON_PAGE: &str = "ch05-timers/index.html";
const PYTHON_LINE: &str = "kettle: fired";

fn python_run(browser: &mut Browser, base: &str, summary: &mut String) -> Result<()> {
    if !listingkit::python3_installed() {
        writeln!(
            summary,
            "run from the page: python3 is not installed, so the Python Run button was not checked"
        )?;
        return Ok(());
    }
    browser.open(&format!("{base}{PYTHON_PAGE}"))?;
    let edit = browser.eval(&format!(
        r#"(() => {{
  const caption = Array.from(document.querySelectorAll('.listing-caption[data-shows]'))
    .find((c) => c.getAttribute('data-shows').split(':')[0] === {PYTHON_LISTING:?});
  return !!caption && !!caption.querySelector('.run-edit');
}})()"#
    ))?;
    if edit != false {
        bail!("{PYTHON_LISTING}: a Python caption should have no Edit button");
    }
    let started = Instant::now();
    click(browser, PYTHON_LISTING, ".run-start")?;
    let state = wait_box(browser, PYTHON_LISTING, "end", |s| s["done"] == true)?;
    let status = state["status"].as_str().unwrap_or("");
    let out = state["out"].as_str().unwrap_or("");
    if !status.starts_with("exit 0 · ") || !out.contains(PYTHON_LINE) {
        bail!(
            "{PYTHON_LISTING}: the box should show {PYTHON_LINE:?} and `exit 0`; it shows {:?}, status {status:?}",
            state["output"].as_str().unwrap_or("")
        );
    }
    writeln!(
        summary,
        "run from the page: {PYTHON_LISTING} ran with python3 from its Run button in {:.1} s ({status:?}); its caption has no Edit",
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// How long the edited copy may take to fail its build (its own target
/// folder: the first edit builds the dependencies there).
const EDIT_DEADLINE: Duration = Duration::from_secs(120);
/// What the edit adds at the start of `main`, and what rustc must say.
const BAD_LINE: &str = "let x: u32 = \"text\";";
const RUSTC_ERROR: &str = "error[E0308]";

fn edit_compile_error(browser: &mut Browser, base: &str, summary: &mut String) -> Result<()> {
    browser.open(&format!("{base}{QUICK_PAGE}"))?;
    // The listing as the page shows it, to compare after Reset.
    let shown_js = format!(
        r#"(() => {{
  const caption = Array.from(document.querySelectorAll('.listing-caption[data-shows]'))
    .find((c) => c.getAttribute('data-shows').split(':')[0] === {QUICK:?});
  let code = caption && caption.nextElementSibling;
  while (code && code.tagName !== 'PRE') code = code.nextElementSibling;
  const editor = document.querySelector('textarea.run-editor');
  return {{
    code: code ? code.textContent : null,
    codeVisible: !!code && code.checkVisibility(),
    editor: editor ? editor.value : null,
    editVisible: !!caption && !!caption.querySelector('.run-edit') && caption.querySelector('.run-edit').checkVisibility(),
    resetVisible: !!caption && !!caption.querySelector('.run-reset') && caption.querySelector('.run-reset').checkVisibility(),
  }};
}})()"#
    );
    let before = browser.eval(&shown_js)?;
    if before["code"].is_null() {
        bail!("{QUICK}: no code block under its caption");
    }
    let started = Instant::now();
    click(browser, QUICK, ".run-edit")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let source = loop {
        let state = browser.eval(&shown_js)?;
        if let Some(text) = state["editor"].as_str() {
            break text.to_owned();
        }
        if Instant::now() > deadline {
            bail!("{QUICK}: Edit showed no text area within 10 s");
        }
        browser.pump(Duration::from_millis(100))?;
    };
    let Some(at) = source.find("fn main() {") else {
        bail!("{QUICK}: the edited file has no `fn main() {{`");
    };
    let at = at + "fn main() {".len();
    let broken = format!("{}\n    {BAD_LINE}{}", &source[..at], &source[at..]);
    let set = browser.eval(&format!(
        r#"(() => {{
  const editor = document.querySelector('textarea.run-editor');
  if (!editor) return false;
  editor.value = {broken:?};
  editor.dispatchEvent(new Event('input', {{ bubbles: true }}));
  return true;
}})()"#,
        broken = broken
    ))?;
    if set != true {
        bail!("{QUICK}: the text area went away");
    }
    click(browser, QUICK, ".run-start")?;
    let until = Instant::now() + EDIT_DEADLINE;
    let state = loop {
        let state = box_state(browser, QUICK)?;
        if let Some(missing) = state["missing"].as_str() {
            bail!("{QUICK}: no {missing}");
        }
        if state["done"] == true {
            break state;
        }
        if Instant::now() > until {
            bail!(
                "{QUICK}: the edit's run did not end within {EDIT_DEADLINE:?}; the box shows {:?}, status {:?}",
                state["output"].as_str().unwrap_or(""),
                state["status"].as_str().unwrap_or("")
            );
        }
        browser.pump(Duration::from_millis(200))?;
    };
    let output = state["output"].as_str().unwrap_or("");
    let status = state["status"].as_str().unwrap_or("");
    if !output.contains(RUSTC_ERROR) || !status.starts_with("build failed") {
        bail!(
            "{QUICK}: an edit with `{BAD_LINE}` should show rustc's {RUSTC_ERROR} and end as `build failed`; the box shows {output:?}, status {status:?}"
        );
    }
    writeln!(
        summary,
        "run from the page: Edit of {QUICK} with `{BAD_LINE}` showed rustc's {RUSTC_ERROR} and {status:?} in {:.1} s",
        started.elapsed().as_secs_f64()
    )?;
    click(browser, QUICK, ".run-reset")?;
    browser.pump(Duration::from_millis(100))?;
    let after = browser.eval(&shown_js)?;
    if !after["editor"].is_null()
        || after["code"] != before["code"]
        || after["codeVisible"] != true
        || after["editVisible"] != true
        || after["resetVisible"] == true
    {
        bail!(
            "{QUICK}: Reset should remove the text area and show the listing as before; now {}",
            json!({
                "editor present": !after["editor"].is_null(),
                "code unchanged": after["code"] == before["code"],
                "code visible": after["codeVisible"],
                "Edit visible": after["editVisible"],
                "Reset visible": after["resetVisible"],
            })
        );
    }
    writeln!(
        summary,
        "run from the page: Reset put {QUICK} back as the book shows it"
    )?;
    Ok(())
}

/// The processes whose environment carries `prefix` (a server's marker
/// followed by `-`), with the name of their binary.
fn marked_processes(prefix: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
            continue;
        };
        if environ
            .split(|b| *b == 0)
            .any(|var| var.starts_with(prefix.as_bytes()))
        {
            let exe = std::fs::read_link(entry.path().join("exe"))
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            found.push((pid, exe));
        }
    }
    found
}

fn stop(browser: &mut Browser, server: &run::Background, summary: &mut String) -> Result<()> {
    browser.open(&format!("{}{LONG_PAGE}", server.base))?;
    click(browser, LONG, ".run-start")?;
    let state = wait_box(browser, LONG, "first line", |s| {
        s["done"] == true || s["out"].as_str().unwrap_or("").contains(LONG_FIRST)
    })?;
    if state["done"] == true || state["stopReady"] != true {
        bail!(
            "{LONG} ended (or had no Stop button) before Stop could be pressed: status {:?}",
            state["status"].as_str().unwrap_or("")
        );
    }
    let prefix = format!("{}-", server.runs.marker());
    let before = marked_processes(&prefix);
    if !before.iter().any(|(_, exe)| exe == LONG_BINARY) {
        bail!("while {LONG} runs, no process {LONG_BINARY} carries the run's marker: {before:?}");
    }
    click(browser, LONG, ".run-stop")?;
    let state = wait_box(browser, LONG, "end", |s| s["done"] == true)?;
    let status = state["status"].as_str().unwrap_or("");
    if !status.starts_with("stopped · ") {
        bail!("after Stop the box says {status:?}, not `stopped · N s`");
    }
    // The server has killed and reaped the listing's process before it
    // says so: it must be gone now. Anything else of the run was killed
    // too; allow it a moment to die.
    let listing_left: Vec<&(u32, String)> = before
        .iter()
        .filter(|(pid, exe)| exe == LONG_BINARY && alive(*pid))
        .collect();
    if !listing_left.is_empty() {
        bail!("the box says {status:?} but the listing's process is still there: {listing_left:?}");
    }
    let deadline = Instant::now() + Duration::from_millis(500);
    let left = loop {
        let left: Vec<(u32, String)> = marked_processes(&prefix)
            .into_iter()
            .chain(before.iter().filter(|(pid, _)| alive(*pid)).cloned())
            .collect();
        if left.is_empty() || Instant::now() > deadline {
            break left;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    if !left.is_empty() {
        bail!("after Stop, processes of the run are left: {left:?}");
    }
    writeln!(
        summary,
        "run from the page: Stop ended {LONG} ({status:?}); none of its {} process(es) is left",
        before.len()
    )?;
    Ok(())
}

/// Whether `pid` is a process that has not ended (a zombie has).
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            !state.starts_with('Z') && !state.starts_with('X')
        }
        Err(_) => false,
    }
}

fn refusals(
    browser: &mut Browser,
    server: &run::Background,
    ran: &Path,
    summary: &mut String,
) -> Result<()> {
    let base = &server.base;
    let run_url = format!(
        "{}{}?listing={}",
        base.trim_end_matches('/'),
        run::RUN_PATH,
        TOUCH.replace('/', "%2F")
    );
    // From the book's own page, without the token header.
    browser.open(&format!("{base}index.html"))?;
    let answer = browser.eval(&format!(
        "fetch({run_url:?}, {{ method: 'POST', cache: 'no-store' }}).then(async (r) => ({{ status: r.status, body: await r.text() }}))"
    ))?;
    std::thread::sleep(Duration::from_millis(500));
    if answer["status"] != 403
        || answer["body"].as_str().map(str::trim) != Some("missing or wrong token")
        || ran.exists()
    {
        bail!(
            "a fetch POST from the book's page without the token header should get 403 and run nothing; it got {answer} (stand-in ran: {})",
            ran.exists()
        );
    }
    browser.take_events();

    // From a page of another origin that knows the token.
    let foreign_dir = tempfile::Builder::new()
        .prefix("browsercheck-foreign-")
        .tempdir()?;
    std::fs::write(
        foreign_dir.path().join("index.html"),
        "<!DOCTYPE html><html><head><title>elsewhere</title></head><body><p>another site</p>\
         <iframe name=\"sink\"></iframe></body></html>\n",
    )?;
    // Served under the book's own host name on another port: another
    // origin of the same site, so the book's `SameSite=Strict` cookie goes
    // along and only the Origin check stands between it and a run (the
    // hardest case for that check; a page of another site is kept further
    // off by the browser itself).
    let foreign = workbook::util::server::serve_in_background(PathBuf::from(foreign_dir.path()))?;
    let own_name = base
        .trim_start_matches("http://")
        .split(':')
        .next()
        .unwrap_or("127.0.0.1");
    let foreign = foreign.replacen("127.0.0.1", own_name, 1);
    browser.open(&format!("{foreign}index.html"))?;
    let token = server.runs.token();
    let tries = browser.eval(&format!(
        r#"(async () => {{
  const url = {run_url:?}, token = {token:?}, seen = {{}};
  const outcome = (p) => p.then((r) => 'answered (type ' + r.type + ', status ' + r.status + ')', (e) => 'rejected: ' + e.message);
  seen.noCors = await outcome(fetch(url, {{ method: 'POST', mode: 'no-cors', credentials: 'include', headers: {{ 'X-Threadwork-Token': token }} }}));
  seen.cors = await outcome(fetch(url, {{ method: 'POST', mode: 'cors', credentials: 'include', headers: {{ 'X-Threadwork-Token': token }} }}));
  const frame = document.querySelector('iframe');
  seen.form = await new Promise((done) => {{
    const timer = setTimeout(() => done('no load within 10 s'), 10000);
    frame.addEventListener('load', () => {{ clearTimeout(timer); done('loaded'); }}, {{ once: true }});
    const form = document.createElement('form');
    form.method = 'post'; form.action = url; form.target = 'sink';
    const field = document.createElement('input');
    field.name = 'x-threadwork-token'; field.value = token;
    form.appendChild(field); document.body.appendChild(form); form.submit();
  }});
  return seen;
}})()"#
    ))?;
    std::thread::sleep(Duration::from_millis(1000));
    // What the server answered each request of the foreign page, as the
    // browser saw it (the page itself cannot read an opaque answer).
    let answered: Vec<(String, u64)> = browser
        .take_events()
        .iter()
        .filter(|e| e["method"] == "Network.responseReceived")
        .filter_map(|e| {
            let response = &e["params"]["response"];
            let url = response["url"].as_str()?;
            url.contains(run::RUN_PATH).then(|| {
                (
                    e["params"]["requestId"].as_str().unwrap_or("").to_owned(),
                    response["status"].as_u64().unwrap_or(0),
                )
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for (request, status) in &answered {
        let body = browser
            .call("Network.getResponseBody", json!({"requestId": request}))
            .ok()
            .and_then(|b| b["body"].as_str().map(|t| t.trim().to_owned()))
            .unwrap_or_default();
        statuses.push(format!("{status} {body}").trim().to_owned());
    }
    if ran.exists() {
        bail!("a page of another origin ran the stand-in ({tries})");
    }
    if tries["cors"]
        .as_str()
        .is_none_or(|t| !t.starts_with("rejected"))
    {
        bail!("a CORS fetch with the token header from another origin was not rejected: {tries}");
    }
    if statuses.iter().any(|s| s.starts_with('2')) {
        bail!("the server accepted a request of another origin ({statuses:?}): {tries}");
    }
    // The no-cors fetch and the form POST reach the server (the CORS fetch
    // stops at its preflight) and are refused: the form's answer, a page
    // of its own, says why (its origin); the no-cors fetch's answer is a
    // 403 whose body the browser keeps from the foreign page (opaque
    // response blocking: it is `nosniff` plain text).
    let for_origin = statuses
        .iter()
        .filter(|s| s.starts_with("403 requests from other sites are refused"))
        .count();
    let refused = statuses.iter().filter(|s| s.starts_with("403")).count();
    if for_origin < 1 || refused < 2 {
        bail!(
            "the server should refuse the no-cors fetch and the form POST of another origin (the form for its origin); it answered {statuses:?} ({tries})"
        );
    }

    // The control: the same stand-in, from the book's page with the token.
    browser.open(&format!("{base}index.html"))?;
    let control = browser.eval(&format!(
        "fetch({run_url:?}, {{ method: 'POST', cache: 'no-store', headers: {{ 'X-Threadwork-Token': document.querySelector('meta[name=\"threadwork-run-token\"]').content }} }}).then(async (r) => ({{ status: r.status, body: await r.text() }}))"
    ))?;
    let until = Instant::now() + Duration::from_secs(10);
    while !ran.exists() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(100));
    }
    if control["status"] != 200 || !ran.exists() {
        bail!(
            "the control failed: the stand-in run from the book's page with the token should leave its file; it got {control}"
        );
    }
    browser.take_events();
    writeln!(
        summary,
        "run from the page: refused, and the stand-in did not run: a fetch POST without the token header (403) from the book's page; from another origin that knows the token: a no-cors fetch ({}), a CORS fetch ({}), a form POST ({}), answered {statuses:?}; the stand-in ran from the book's page with the token",
        tries["noCors"].as_str().unwrap_or("?"),
        tries["cors"].as_str().unwrap_or("?"),
        tries["form"].as_str().unwrap_or("?"),
    )?;
    Ok(())
}

/// Without its cookie the browser gets the 403 "Token needed" page.
fn no_cookie(browser: &mut Browser, server: &run::Background, summary: &mut String) -> Result<()> {
    let name = format!("{}{}", run::COOKIE_PREFIX, port_of(&server.base));
    browser.call(
        "Network.deleteCookies",
        json!({"name": name, "url": server.base}),
    )?;
    let url = format!("{}{QUICK_PAGE}", server.base);
    browser.open(&url)?;
    let statuses: Vec<u64> = browser
        .take_events()
        .iter()
        .filter(|e| {
            e["method"] == "Network.responseReceived"
                && e["params"]["response"]["url"] == url.as_str()
        })
        .filter_map(|e| e["params"]["response"]["status"].as_u64())
        .collect();
    let seen = browser.eval(
        "document.title + ' | ' + !!document.querySelector('meta[name=\"threadwork-run-token\"], .run-start')",
    )?;
    if statuses != [403] || seen.as_str() != Some("Token needed | false") {
        bail!(
            "without the cookie {url} should be the 403 \"Token needed\" page; got status {statuses:?}, page {seen}"
        );
    }
    writeln!(
        summary,
        "run from the page: without the cookie a page is the 403 \"Token needed\" page"
    )?;
    Ok(())
}
