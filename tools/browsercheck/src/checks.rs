//! What the browser check looks at, page by page and widget by widget.

use crate::cdp::Browser;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs every check; returns a summary, or an error listing every problem.
pub fn all(
    browser: &mut Browser,
    base: &str,
    root: &Path,
    dest: &Path,
    shots: &Path,
) -> Result<String> {
    let mut summary = String::new();
    let mut problems = Vec::new();
    let mut pages = html_pages(dest)?;
    // BROWSERCHECK_ONLY=solutions/,ch04-locks/exercises checks only the pages
    // whose path contains one of the parts: a quick look while editing, never
    // a pass (CI leaves it unset).
    if let Some(only) = std::env::var_os("BROWSERCHECK_ONLY") {
        let only = only.to_string_lossy().into_owned();
        let parts: Vec<&str> = only.split(',').filter(|p| !p.is_empty()).collect();
        pages.retain(|page| parts.iter().any(|part| page.contains(part)));
        writeln!(
            summary,
            "BROWSERCHECK_ONLY={only}: {} page(s) checked, not the whole book",
            pages.len()
        )?;
        problems.push(format!(
            "only part of the book was checked (BROWSERCHECK_ONLY={only})"
        ));
    }
    let mut figures = 0;
    let mut figure_page = None;
    for page in &pages {
        let url = format!("{base}{page}");
        if let Err(e) = browser.open(&url) {
            problems.push(format!("{page}: {e:#}"));
            browser.take_events();
            continue;
        }
        let state = browser
            .eval(PAGE_STATE)
            .with_context(|| format!("{page}: cannot inspect the page"))?;
        for failure in state["pageProblems"].as_array().into_iter().flatten() {
            problems.push(format!("{page}: {}", failure.as_str().unwrap_or("?")));
        }
        let count = state["figures"].as_u64().unwrap_or(0);
        figures += count;
        if count > 0 && figure_page.is_none() {
            figure_page = Some(page.clone());
        }
        for problem in console_problems(&browser.take_events(), base) {
            problems.push(format!("{page}: {problem}"));
        }
    }
    if !browser.blocked.is_empty() {
        problems.push(format!(
            "pages asked the Playground on their own: {}",
            browser.blocked.join(", ")
        ));
    }
    writeln!(
        summary,
        "{} pages loaded without console errors, failed requests or Playground requests; {} figure(s) rendered",
        pages.len(),
        figures,
    )?;

    match search(browser, base, "Mutex") {
        Ok(hits) => writeln!(summary, "search for \"Mutex\" listed {hits} result(s)")?,
        Err(e) => problems.push(format!("search: {e:#}")),
    }
    crate::explorer::check(browser, base, shots, &mut summary, &mut problems);
    crate::quiz::check(browser, base, dest, shots, &mut summary, &mut problems);
    let screen_pages: Vec<String> = pages
        .iter()
        .filter(|p| !matches!(p.as_str(), "print.html" | "404.html" | "toc.html"))
        .cloned()
        .collect();
    if let Err(e) = crate::screens::check(
        browser,
        base,
        dest,
        &screen_pages,
        shots,
        &mut summary,
        &mut problems,
    ) {
        problems.push(format!("screens: {e:#}"));
    }

    crate::run_button::check(browser, root, dest, shots, &mut summary, &mut problems);

    if !problems.is_empty() {
        // What was measured (page lengths among it) helps a partial run too.
        println!("{}", summary.trim_end());
        let mut text = format!("{} problem(s):", problems.len());
        for problem in &problems {
            write!(text, "\n  - {problem}")?;
        }
        bail!(text);
    }

    let files = screenshots(browser, base, shots, figure_page.as_deref())?;
    writeln!(summary, "screenshots in {}:", shots.display())?;
    for file in files {
        writeln!(summary, "  {}", file.display())?;
    }
    Ok(summary.trim_end().to_owned())
}

/// `cargo run -p browsercheck -- run-button`: only the "Run from the page"
/// check, a quick look while working on it; never a pass.
pub fn run_button_only(
    browser: &mut Browser,
    root: &Path,
    dest: &Path,
    shots: &Path,
) -> Result<String> {
    let mut summary = String::new();
    let mut problems = Vec::new();
    crate::run_button::check(browser, root, dest, shots, &mut summary, &mut problems);
    println!("{}", summary.trim_end());
    problems
        .push("only the Run-from-the-page check ran (`-- run-button`), not the whole book".into());
    let mut text = format!("{} problem(s):", problems.len());
    for problem in &problems {
        write!(text, "\n  - {problem}")?;
    }
    bail!(text)
}

/// Every HTML file of the built book, relative to it, sorted.
fn html_pages(dest: &Path) -> Result<Vec<String>> {
    let mut pages = Vec::new();
    let mut pending = vec![dest.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let relative = path
                    .strip_prefix(dest)?
                    .to_string_lossy()
                    .replace('\\', "/");
                pages.push(relative);
            }
        }
    }
    pages.sort();
    if pages.is_empty() {
        bail!("the built book in {} has no HTML pages", dest.display());
    }
    Ok(pages)
}

/// Figures: every `<figure class="diagram">` holds an `<svg>` with a size;
/// solutions (`<details class="solution">`) are folded on screen.
const PAGE_STATE: &str = r#"(() => {
  const figures = Array.from(document.querySelectorAll('figure.diagram'));
  const pageProblems = [];
  figures.forEach((figure, i) => {
    const svg = figure.querySelector('svg');
    if (!svg) { pageProblems.push('figure ' + (i + 1) + ' has no <svg>'); return; }
    const box = svg.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) {
      pageProblems.push('figure ' + (i + 1) + ' has an empty <svg> (' + box.width + 'x' + box.height + ')');
    }
  });
  // Appendix C's solutions are folded on screen until the reader opens one.
  document.querySelectorAll('details.solution').forEach((d) => {
    const code = d.querySelector('pre');
    if (d.open || (code && code.checkVisibility())) pageProblems.push('solution ' + (d.id || '?') + ' is not folded on screen');
  });
  return { figures: figures.length, pageProblems };
})()"#;

/// The console errors, exceptions and failed requests among a page's events.
/// None is expected: a page makes no request to the Playground on its own
/// (theme/head.hbs answers mdBook's crate-list question in the page), so
/// the book shows a clean console offline too.
pub fn console_problems(events: &[Value], base: &str) -> Vec<String> {
    let mut urls: HashMap<&str, &str> = HashMap::new();
    for event in events {
        let params = &event["params"];
        if event["method"] == "Network.requestWillBeSent" {
            urls.insert(
                params["requestId"].as_str().unwrap_or(""),
                params["request"]["url"].as_str().unwrap_or(""),
            );
        }
    }
    let mut problems = Vec::new();
    for event in events {
        let params = &event["params"];
        match event["method"].as_str().unwrap_or("") {
            "Network.loadingFailed" => {
                let url = urls
                    .get(params["requestId"].as_str().unwrap_or(""))
                    .copied()
                    .unwrap_or("?");
                problems.push(format!(
                    "request failed: {url} ({})",
                    params["errorText"].as_str().unwrap_or("?")
                ));
            }
            "Network.responseReceived" => {
                let response = &params["response"];
                let url = response["url"].as_str().unwrap_or("");
                let status = response["status"].as_u64().unwrap_or(0);
                // Chromium asks for /favicon.ico itself on pages that name no
                // icon (mdBook's toc.html); that is not the book's request.
                if url.starts_with(base) && status >= 400 && !url.ends_with("/favicon.ico") {
                    problems.push(format!("HTTP {status} for {url}"));
                }
            }
            "Runtime.exceptionThrown" => {
                let details = &params["exceptionDetails"];
                let text = details["exception"]["description"]
                    .as_str()
                    .or(details["text"].as_str())
                    .unwrap_or("?");
                problems.push(format!("uncaught exception: {}", first_line(text)));
            }
            "Runtime.consoleAPICalled" => {
                let kind = params["type"].as_str().unwrap_or("");
                if kind == "error" || kind == "assert" {
                    let words: Vec<String> = params["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            a["value"]
                                .as_str()
                                .map(str::to_owned)
                                .or_else(|| a["description"].as_str().map(str::to_owned))
                                .unwrap_or_else(|| a["value"].to_string())
                        })
                        .collect();
                    problems.push(format!("console.{kind}: {}", words.join(" ")));
                }
            }
            "Log.entryAdded" => {
                let entry = &params["entry"];
                let text = entry["text"].as_str().unwrap_or("");
                let url = entry["url"].as_str().unwrap_or("");
                if entry["level"] == "error" && !url.ends_with("/favicon.ico") {
                    problems.push(format!("console error: {} {url}", first_line(text)));
                }
            }
            _ => {}
        }
    }
    problems
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// Opens the search bar, types `term` and waits for results; returns how many.
fn search(browser: &mut Browser, base: &str, term: &str) -> Result<u64> {
    browser.open(&format!("{base}index.html"))?;
    browser.eval("document.getElementById('mdbook-search-toggle').click()")?;
    let script = format!(
        "(() => {{ const bar = document.getElementById('mdbook-searchbar'); bar.focus(); bar.value = {term:?}; \
         bar.dispatchEvent(new KeyboardEvent('keyup', {{ key: 'x', bubbles: true }})); \
         return document.querySelectorAll('#mdbook-searchresults li').length; }})()"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        // The search index loads when the bar opens; repeat the keystroke until it has.
        let hits = browser.eval(&script)?.as_u64().unwrap_or(0);
        if hits > 0 {
            let problems = console_problems(&browser.take_events(), base);
            if let Some(problem) = problems.first() {
                bail!("{problem}");
            }
            return Ok(hits);
        }
        if Instant::now() > deadline {
            bail!("no results for {term:?} within 10 s");
        }
        browser.pump(Duration::from_millis(200))?;
    }
}

/// The themes screenshots are taken in: one light, one dark.
pub(crate) const SCREENSHOT_THEMES: [&str; 2] = ["light", "navy"];

/// Makes `theme` the book's theme for the pages opened next (mdBook keeps
/// the reader's choice in localStorage).
pub(crate) fn use_theme(browser: &mut Browser, base: &str, theme: &str) -> Result<()> {
    browser.open(&format!("{base}index.html"))?;
    browser.eval(&format!("localStorage.setItem('mdbook-theme', '{theme}')"))?;
    Ok(())
}

/// Screenshots of a few pages in a light and a dark theme.
fn screenshots(
    browser: &mut Browser,
    base: &str,
    shots: &Path,
    figure_page: Option<&str>,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(shots).with_context(|| format!("cannot create {}", shots.display()))?;
    // (file stem, page, element to scroll to)
    let mut views = vec![
        ("introduction", "index.html".to_owned(), None),
        (
            "ch03-explorer",
            "ch03-races/interleaving.html".to_owned(),
            Some(".interleaving-explorer"),
        ),
        (
            "ch02-quiz",
            "ch02-threads/thread-local.html".to_owned(),
            Some(".quiz"),
        ),
    ];
    if let Some(page) = figure_page {
        views.push(("diagram", page.to_owned(), Some("figure.diagram")));
    }
    let mut files = Vec::new();
    for theme in SCREENSHOT_THEMES {
        use_theme(browser, base, theme)?;
        for (stem, page, element) in &views {
            browser.open(&format!("{base}{page}"))?;
            if let Some(selector) = element {
                browser.eval(&format!(
                    "(() => {{ const e = document.querySelector('{selector}'); if (e) e.scrollIntoView(); }})()"
                ))?;
                browser.pump(Duration::from_millis(200))?;
            }
            let file = shots.join(format!("{stem}-{theme}.png"));
            browser.screenshot(&file)?;
            files.push(file);
        }
        browser.take_events();
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::console_problems;
    use serde_json::json;

    const BASE: &str = "http://127.0.0.1:1/";

    #[test]
    fn a_playground_request_on_load_and_its_rejection_are_problems() {
        let events = vec![
            json!({"method": "Network.requestWillBeSent", "params": {"requestId": "7", "request": {"url": "https://play.rust-lang.org/meta/crates"}}}),
            json!({"method": "Fetch.requestPaused", "params": {"requestId": "f1", "request": {"url": "https://play.rust-lang.org/meta/crates"}}}),
            json!({"method": "Network.loadingFailed", "params": {"requestId": "7", "errorText": "net::ERR_BLOCKED_BY_CLIENT"}}),
            json!({"method": "Log.entryAdded", "params": {"entry": {"level": "error", "text": "Failed to load resource", "url": "https://play.rust-lang.org/meta/crates"}}}),
            json!({"method": "Runtime.exceptionThrown", "params": {"exceptionDetails": {"text": "Uncaught (in promise)", "exception": {"description": "TypeError: Failed to fetch"}}}}),
        ];
        let problems = console_problems(&events, BASE);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("play.rust-lang.org/meta/crates"));
    }

    #[test]
    fn local_failures_and_errors_are_problems() {
        let events = vec![
            json!({"method": "Network.requestWillBeSent", "params": {"requestId": "1", "request": {"url": "http://127.0.0.1:1/theme/quiz.js"}}}),
            json!({"method": "Network.loadingFailed", "params": {"requestId": "1", "errorText": "net::ERR_CONNECTION_RESET"}}),
            json!({"method": "Network.responseReceived", "params": {"response": {"url": "http://127.0.0.1:1/missing.css", "status": 404}}}),
            json!({"method": "Runtime.exceptionThrown", "params": {"exceptionDetails": {"text": "Uncaught", "exception": {"description": "TypeError: Failed to fetch"}}}}),
            json!({"method": "Runtime.consoleAPICalled", "params": {"type": "error", "args": [{"value": "boom"}]}}),
            json!({"method": "Runtime.consoleAPICalled", "params": {"type": "log", "args": [{"value": "fine"}]}}),
        ];
        let problems = console_problems(&events, BASE);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("quiz.js"));
        assert!(problems[1].contains("404"));
        assert!(problems[2].contains("Failed to fetch"));
        assert!(problems[3].contains("boom"));
    }
}
