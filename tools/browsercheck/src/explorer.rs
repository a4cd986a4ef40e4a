//! The interleaving explorer of chapter 3 (`theme/explorer.js`) answers
//! clicks: load-then-store in the order A, B, A, B, A, B loses an update; the
//! same clicks with `fetch_add` count both; under the `Mutex` the second
//! thread is blocked while the first holds the lock. Then screenshots of it
//! mid-play, in a light and a dark theme.

use crate::cdp::Browser;
use crate::checks::console_problems;
use anyhow::{Context, Result, bail, ensure};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

const PAGE: &str = "ch03-races/interleaving.html";

/// The losing order: both loads before either store.
const LOSING_ORDER: &str = "ABABAB";

/// Runs the explorer's checks; adds a line to `summary`, or the problems.
pub fn check(
    browser: &mut Browser,
    base: &str,
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) {
    let checked = run(browser, base).and_then(|line| {
        let files = screenshots(browser, base, shots)?;
        Ok((line, files))
    });
    match checked {
        Ok((line, files)) => {
            summary.push_str(&line);
            for file in files {
                summary.push_str(&format!("\n  explorer screenshot: {}", file.display()));
            }
            summary.push('\n');
        }
        Err(e) => problems.push(format!("{PAGE}: interleaving explorer: {e:#}")),
    }
}

/// Helpers defined at the top of every script the check evaluates on the
/// page: `play(version, order)` resets the explorer, picks a version and
/// clicks the thread buttons in `order` ("ABAB"), like a reader would;
/// `state()` reads what the explorer shows.
const HELPERS: &str = r#"
  const root = document.querySelector('.interleaving-explorer');
  if (!root) throw new Error('the page has no .interleaving-explorer');
  const button = (selector) => {
    const found = root.querySelector(selector);
    if (!found) throw new Error('the explorer has no ' + selector + ' (did explorer.js run?)');
    return found;
  };
  const click = (thread) => button('button.ie-step[data-thread="' + thread + '"]').click();
  const play = (version, order) => {
    button('input[type="radio"][value="' + version + '"]').click();
    button('button.ie-reset').click();
    for (const thread of order) click(thread);
  };
  const thread = (name) => {
    const column = button('.ie-thread[data-thread="' + name + '"]');
    const next = column.querySelector('.ie-program li[aria-current="step"]');
    const steps = Array.from(column.querySelectorAll('.ie-program li'));
    return {
      blocked: column.dataset.blocked === 'true',
      state: column.querySelector('.ie-thread-state').textContent,
      register: column.querySelector('.ie-register').textContent,
      next: next ? steps.indexOf(next) + 1 : null,
      disabled: column.querySelector('button.ie-step').disabled,
    };
  };
  const state = () => ({
    outcome: root.dataset.outcome,
    counter: button('.ie-counter').textContent,
    lock: button('.ie-lock').textContent,
    status: button('.ie-status').textContent,
    verdict: button('.ie-verdict').textContent,
    rows: root.querySelectorAll('.ie-log tbody tr').length,
    buttons: Array.from(root.querySelectorAll('button')).length,
    fallback: root.querySelectorAll('.ie-fallback-result').length,
    A: thread('A'),
    B: thread('B'),
  });
"#;

/// Evaluates `body` (which may use the helpers) and returns its value.
fn on_page(browser: &mut Browser, body: &str) -> Result<Value> {
    browser.eval(&format!("(() => {{ {HELPERS}\n{body} }})()"))
}

fn text<'a>(state: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .fold(state, |value, key| &value[*key])
        .as_str()
        .unwrap_or("")
}

fn run(browser: &mut Browser, base: &str) -> Result<String> {
    browser.open(&format!("{base}{PAGE}"))?;

    let fresh = on_page(browser, "return state();")?;
    ensure!(
        fresh["fallback"] == 0,
        "the no-JavaScript table is still there: {fresh}"
    );
    ensure!(
        fresh["buttons"].as_u64() >= Some(4),
        "expected real <button>s for A, B, replay and reset: {fresh}"
    );
    ensure!(
        fresh["outcome"] == "running" && text(&fresh, &["counter"]) == "0",
        "a fresh explorer should be running with the counter at 0: {fresh}"
    );

    // load, then store: both loads before either store loses B's or A's add.
    let almost = on_page(
        browser,
        &format!("play('race', {:?}); return state();", &LOSING_ORDER[..5]),
    )?;
    ensure!(
        almost["outcome"] == "running" && text(&almost, &["verdict"]).is_empty(),
        "no verdict is due before B's last step: {almost}"
    );
    let lost = on_page(browser, "click('B'); return state();")?;
    ensure!(
        lost["outcome"] == "lost" && text(&lost, &["counter"]) == "1",
        "load-then-store in the order {LOSING_ORDER} should lose an update (counter 1): {lost}"
    );
    ensure!(
        text(&lost, &["verdict"]).contains("lost"),
        "the verdict should say an update was lost: {lost}"
    );
    ensure!(
        lost["rows"] == 6 && text(&lost, &["A", "register"]) == "1",
        "six steps should be logged and A's register hold 1: {lost}"
    );

    // fetch_add: the same clicks count both; each thread has one step.
    let atomic = on_page(
        browser,
        &format!("play('atomic', {LOSING_ORDER:?}); return state();"),
    )?;
    ensure!(
        atomic["outcome"] == "counted" && text(&atomic, &["counter"]) == "2",
        "fetch_add in the order {LOSING_ORDER} should count both adds (counter 2): {atomic}"
    );
    ensure!(
        !text(&atomic, &["verdict"]).contains("lost") && atomic["rows"] == 2,
        "two steps and no loss expected with fetch_add: {atomic}"
    );

    // Mutex: while A holds the lock, B's lock step does not happen.
    let blocked = on_page(browser, "play('locked', 'AB'); return state();")?;
    ensure!(
        blocked["B"]["blocked"] == true
            && blocked["B"]["next"] == 1
            && text(&blocked, &["B", "state"]).contains("blocked")
            && text(&blocked, &["lock"]).contains("held by A")
            && text(&blocked, &["status"]).contains("blocked"),
        "with A holding the lock, B should be blocked at its first step: {blocked}"
    );
    let still = on_page(browser, "click('A'); click('B'); return state();")?;
    ensure!(
        still["B"]["blocked"] == true && still["B"]["next"] == 1 && still["A"]["next"] == 3,
        "B should stay blocked while A loads: {still}"
    );
    // A adds, stores and unlocks; then B runs its five steps.
    let unlocked = on_page(
        browser,
        "click('A'); click('A'); click('A'); return state();",
    )?;
    ensure!(
        unlocked["B"]["blocked"] == false
            && text(&unlocked, &["lock"]).contains("free")
            && text(&unlocked, &["counter"]) == "1",
        "after A unlocks, B should no longer be blocked: {unlocked}"
    );
    let locked = on_page(
        browser,
        "for (let i = 0; i < 5; i++) click('B'); return state();",
    )?;
    ensure!(
        locked["outcome"] == "counted" && text(&locked, &["counter"]) == "2",
        "the locked version should count both adds (counter 2): {locked}"
    );

    // The replay button takes turns on a timer; wait for it to finish.
    let replayed = on_page(
        browser,
        "play('race', ''); button('button.ie-replay').click();
         return new Promise((done) => {
           const started = Date.now();
           const poll = () => {
             if (root.dataset.outcome !== 'running' || Date.now() - started > 10000) done(state());
             else setTimeout(poll, 100);
           };
           poll();
         });",
    )?;
    ensure!(
        replayed["outcome"] == "lost" && text(&replayed, &["counter"]) == "1",
        "replaying A, B, A, B, … with load-then-store should lose an update: {replayed}"
    );

    let problems = console_problems(&browser.take_events(), base);
    if let Some(problem) = problems.first() {
        bail!("{problem}");
    }
    Ok(format!(
        "interleaving explorer: {LOSING_ORDER} lost an update with load-then-store (counter 1), counted both with fetch_add (counter 2); \
         under the Mutex B was blocked while A held the lock, then counted 2; replay lost an update"
    ))
}

/// The explorer after a lost update, and with B blocked on the lock, in a
/// light and a dark theme.
fn screenshots(browser: &mut Browser, base: &str, shots: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(shots).with_context(|| format!("cannot create {}", shots.display()))?;
    let mut files = Vec::new();
    for theme in crate::checks::SCREENSHOT_THEMES {
        crate::checks::use_theme(browser, base, theme)?;
        for (stem, version, order) in [("lost", "race", LOSING_ORDER), ("blocked", "locked", "AB")]
        {
            browser.open(&format!("{base}{PAGE}"))?;
            on_page(
                browser,
                &format!("play({version:?}, {order:?}); root.scrollIntoView(); return true;"),
            )?;
            browser.pump(Duration::from_millis(200))?;
            let file = shots.join(format!("ch03-explorer-{stem}-{theme}.png"));
            browser.screenshot(&file)?;
            files.push(file);
        }
    }
    browser.eval("localStorage.removeItem('mdbook-theme')")?;
    browser.take_events();
    Ok(files)
}
