//! The book on every screen: phones, print and the five themes.
//!
//! - Phones: at 390 and 360 px no page is wider than the screen (a code
//!   block, table or diagram may scroll inside its own box), and at 390 px
//!   no diagram text renders under 11 px, and each quiz choice's letter
//!   sits on the first line of its text (not beside the last line of a
//!   several-line output).
//! - Print: under print media every quiz answer and explanation shows and no
//!   quiz button does, every folded solution of Appendix C prints open
//!   without its "Show the solution" button, every exercise hint prints
//!   open, the
//!   explorer shows its static table, diagram text is
//!   dark on white whatever the theme, and every listing caption is kept on
//!   the page of its code (`break-after: avoid` on the caption,
//!   `break-before: avoid` on the code).
//! - Themes: diagram and widget text is at least 4.5:1 against what is
//!   behind it, in each of mdBook's five themes.
//! - No `// ANCHOR:` marker line reaches a page.
//!
//! It also prints each page's length in laptop screens and leaves
//! screenshots at phone width, in print media and in every theme under
//! target/browser-screenshots.

use crate::cdp::Browser;
use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// Phone widths checked for sideways scrolling; text size is checked at the
/// first.
const PHONES: [u32; 2] = [390, 360];
/// Smallest diagram text on a phone, in CSS pixels.
const MIN_TEXT_PX: f64 = 11.0;
/// Smallest contrast ratio for diagram and widget text (WCAG AA).
const MIN_CONTRAST: f64 = 4.5;
/// mdBook's themes.
const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];
/// A laptop screen, for page lengths.
const LAPTOP: (u32, u32) = (1280, 800);
/// The chapter whose screenshots are kept for review.
const SHOWCASE: &str = "ch03-races/interleaving.html";

/// Runs every check of this module over `pages`; problems go to `problems`,
/// a summary to `summary`.
pub fn check(
    browser: &mut Browser,
    base: &str,
    dest: &Path,
    pages: &[String],
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) -> Result<()> {
    anchors(dest, pages, problems)?;
    phones(browser, base, pages, shots, summary, problems)?;
    print(browser, base, pages, shots, problems)?;
    themes(browser, base, dest, pages, shots, problems)?;
    lengths(browser, base, pages, summary)?;
    set_viewport(browser, LAPTOP.0, LAPTOP.1, false)?;
    browser.take_events();
    Ok(())
}

/// No `ANCHOR:` / `ANCHOR_END:` marker line in any built page: they are for
/// the includes, never for the reader.
fn anchors(dest: &Path, pages: &[String], problems: &mut Vec<String>) -> Result<()> {
    for page in pages {
        let html = std::fs::read_to_string(dest.join(page))
            .with_context(|| format!("cannot read {page}"))?;
        for (number, line) in html.lines().enumerate() {
            if is_anchor_line(line) {
                problems.push(format!(
                    "{page}:{}: an ANCHOR marker is visible: {}",
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    Ok(())
}

/// A line of a built page that shows an mdBook anchor marker, in the page's
/// code or hidden-line (`# `) form.
pub fn is_anchor_line(line: &str) -> bool {
    let text = line.trim_start();
    let text = text.strip_prefix("<span class=\"boring\">").unwrap_or(text);
    // Any run of comment (`//`, `#`) and hidden-line (`# `) markers first.
    let mut rest = text.trim_start();
    let mut marked = false;
    while let Some(after) = rest.strip_prefix("//").or_else(|| rest.strip_prefix('#')) {
        rest = after.trim_start();
        marked = true;
    }
    marked && (rest.starts_with("ANCHOR:") || rest.starts_with("ANCHOR_END:"))
}

fn set_viewport(browser: &mut Browser, width: u32, height: u32, mobile: bool) -> Result<()> {
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
    )?;
    Ok(())
}

fn set_media(browser: &mut Browser, media: &str) -> Result<()> {
    browser.call("Emulation.setEmulatedMedia", json!({"media": media}))?;
    Ok(())
}

fn open(browser: &mut Browser, base: &str, page: &str) -> Result<()> {
    browser.open(&format!("{base}{page}"))?;
    browser.take_events();
    Ok(())
}

/// What overflows a phone screen on the current page: elements in the
/// page's content that reach past the right edge with no scrolling box of
/// their own around them, and the smallest diagram text.
pub(crate) const PHONE_STATE: &str = r#"(() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('main') || document.body;
  const wide = [];
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let up = el.parentElement, contained = false;
    while (up && up !== main) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') { contained = true; break; }
      up = up.parentElement;
    }
    if (!contained) {
      wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') +
        ' reaches ' + Math.round(box.right) + ' px: "' + (el.textContent || '').trim().slice(0, 40).replace(/\s+/g, ' ') + '"');
    }
  }
  let smallest = null, smallText = '';
  for (const text of document.querySelectorAll('figure.diagram svg text')) {
    const svg = text.ownerSVGElement;
    const view = svg.viewBox.baseVal;
    if (!view || !view.width) continue;
    const px = parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width / view.width;
    if (smallest === null || px < smallest) { smallest = px; smallText = text.textContent; }
  }
  // A quiz choice's letter (and its box) sits on the first line of the
  // choice's text, not beside the last line of a several-line output.
  const adrift = [];
  for (const choice of document.querySelectorAll('.quiz-choice')) {
    const letter = choice.querySelector('.quiz-letter'), text = choice.querySelector('.quiz-choice-text');
    if (!letter || !text) continue;
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, { acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP });
    const first = walker.nextNode();
    if (!first) continue;
    const at = first.textContent.search(/\S/);
    const range = document.createRange();
    range.setStart(first, at);
    range.setEnd(first, at + 1);
    const line = range.getClientRects()[0];
    const box = letter.getBoundingClientRect();
    const middle = box.top + box.height / 2;
    if (line && (middle < line.top || middle > line.bottom)) {
      adrift.push(letter.textContent + ' (' + (choice.querySelector('input')?.name || '?') + ')');
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 3), wideCount: wide.length, smallest, smallText, adrift };
})()"#;

fn phones(
    browser: &mut Browser,
    base: &str,
    pages: &[String],
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) -> Result<()> {
    let mut smallest = f64::MAX;
    for (index, width) in PHONES.into_iter().enumerate() {
        set_viewport(browser, width, 844, true)?;
        for page in pages {
            open(browser, base, page)?;
            let state = browser
                .eval(PHONE_STATE)
                .with_context(|| format!("{page}: cannot measure it at {width} px"))?;
            let scroll = state["scrollWidth"].as_f64().unwrap_or(0.0);
            let seen = state["width"].as_f64().unwrap_or(0.0);
            if scroll > seen + 1.0 || state["wideCount"].as_u64().unwrap_or(0) > 0 {
                problems.push(format!(
                    "{page}: wider than a {width} px phone (page {scroll} px wide): {}",
                    list(&state["wide"])
                ));
            }
            if index == 0 && !list(&state["adrift"]).is_empty() {
                problems.push(format!(
                    "{page}: a quiz choice's letter is not on the first line of its text at {width} px: {}",
                    list(&state["adrift"])
                ));
            }
            if index == 0
                && let Some(px) = state["smallest"].as_f64()
            {
                smallest = smallest.min(px);
                if px < MIN_TEXT_PX {
                    problems.push(format!(
                        "{page}: diagram text \"{}\" renders at {px:.1} px on a {width} px phone (under {MIN_TEXT_PX} px)",
                        state["smallText"].as_str().unwrap_or("?")
                    ));
                }
            }
        }
    }
    set_viewport(browser, PHONES[0], 844, true)?;
    std::fs::create_dir_all(shots)?;
    open(browser, base, SHOWCASE)?;
    browser.screenshot(&shots.join("phone-390-top.png"))?;
    browser.eval("document.querySelector('figure.diagram')?.scrollIntoView()")?;
    browser.pump(Duration::from_millis(150))?;
    browser.screenshot(&shots.join("phone-390-diagram.png"))?;
    browser.eval("document.querySelector('.quiz')?.scrollIntoView()")?;
    browser.pump(Duration::from_millis(150))?;
    browser.screenshot(&shots.join("phone-390-quiz.png"))?;
    writeln!(
        summary,
        "phones: {} pages fit {} px screens; smallest diagram text at {} px: {:.1} px",
        pages.len(),
        PHONES.map(|w| w.to_string()).join(" and "),
        PHONES[0],
        if smallest == f64::MAX { 0.0 } else { smallest }
    )?;
    Ok(())
}

/// Under print media: quiz answers open and shown, no quiz buttons, folded
/// solutions open (without their summary button), hints open, the explorer's table instead of its buttons, captions kept with their code,
/// diagram text dark.
const PRINT_STATE: &str = r#"(() => {
  const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const out = [];
  document.querySelectorAll('.quiz-explanation').forEach((el, i) => { if (!shown(el)) out.push('quiz explanation ' + (i + 1) + ' is hidden'); });
  document.querySelectorAll('.quiz-controls button').forEach((el, i) => { if (shown(el)) out.push('quiz button "' + el.textContent + '" prints'); });
  document.querySelectorAll('.interleaving-explorer.ie-live').forEach((el) => { if (shown(el)) out.push('the live explorer prints'); });
  document.querySelectorAll('.ie-static').forEach((el) => { if (!shown(el)) out.push('the explorer\'s static table does not print'); });
  document.querySelectorAll('details.solution').forEach((el) => {
    const code = el.querySelector('pre');
    if (!code || !shown(code)) out.push('solution ' + (el.id || '?') + ' prints folded (its code is hidden)');
    const summary = el.querySelector(':scope > summary');
    if (summary && shown(summary)) out.push('solution ' + (el.id || '?') + ' prints its "' + summary.textContent.trim() + '" button');
  });
  document.querySelectorAll('details.hint').forEach((el) => {
    const body = el.querySelector(':scope > :not(summary)');
    if (body && !shown(body)) out.push('"' + (el.querySelector('summary')?.textContent.trim() || 'a hint') + '" prints folded (its text is hidden)');
  });
  for (const caption of document.querySelectorAll('.listing-caption, .exercise-caption')) {
    const next = caption.nextElementSibling;
    if (getComputedStyle(caption).breakAfter !== 'avoid' || (next && next.tagName === 'PRE' && getComputedStyle(next).breakBefore !== 'avoid')) {
      out.push((caption.id || 'a caption') + ' may print on another page than its code');
    }
  }
  for (const text of document.querySelectorAll('figure.diagram text')) {
    const m = getComputedStyle(text).fill.match(/\d+(\.\d+)?/g);
    if (m && (Number(m[0]) + Number(m[1]) + Number(m[2])) / 3 > 140) { out.push('diagram text "' + text.textContent + '" prints light (' + getComputedStyle(text).fill + ')'); break; }
  }
  // Printing for real also swaps a dark theme for the light one.
  const theme = document.documentElement.className;
  window.dispatchEvent(new Event('beforeprint'));
  const ink = getComputedStyle(document.body).color.match(/\d+/g).slice(0, 3).map(Number);
  if ((ink[0] + ink[1] + ink[2]) / 3 > 100) out.push('the page text prints light (' + ink.join(',') + ') after beforeprint');
  window.dispatchEvent(new Event('afterprint'));
  if (document.documentElement.className !== theme) out.push('the theme did not come back after printing: ' + document.documentElement.className);
  return out;
})()"#;

fn print(
    browser: &mut Browser,
    base: &str,
    pages: &[String],
    shots: &Path,
    problems: &mut Vec<String>,
) -> Result<()> {
    set_viewport(browser, 794, 1123, false)?;
    // A dark theme on screen must not reach the paper.
    crate::checks::use_theme(browser, base, "coal")?;
    set_media(browser, "print")?;
    for page in pages {
        open(browser, base, page)?;
        let found = browser
            .eval(PRINT_STATE)
            .with_context(|| format!("{page}: cannot inspect it in print media"))?;
        for problem in found.as_array().into_iter().flatten() {
            problems.push(format!(
                "{page} (print): {}",
                problem.as_str().unwrap_or("?")
            ));
        }
    }
    open(browser, base, SHOWCASE)?;
    browser.eval("document.querySelector('.quiz')?.scrollIntoView()")?;
    browser.pump(Duration::from_millis(150))?;
    browser.screenshot(&shots.join("print-coal-quiz.png"))?;
    browser.eval("document.querySelector('figure.diagram')?.scrollIntoView()")?;
    browser.pump(Duration::from_millis(150))?;
    browser.screenshot(&shots.join("print-coal-diagram.png"))?;
    set_media(browser, "")?;
    browser.eval("localStorage.removeItem('mdbook-theme')")?;
    Ok(())
}

/// Contrast of diagram text against the shape behind it (or the page), and
/// of the widgets' text (quizzes, with both verdicts shown; the explorer;
/// captions) against their nearest opaque background.
const CONTRAST_STATE: &str = r#"(() => {
  const rgb = (c) => { const m = c && c.match(/rgba?\(([^)]+)\)/); if (!m) return null; return m[1].split(',').map(Number); };
  const lum = (v) => { const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }; return 0.2126 * f(v[0]) + 0.7152 * f(v[1]) + 0.0722 * f(v[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const opaque = (c) => c && (c.length < 4 || c[3] > 0.5);
  const pageBg = rgb(getComputedStyle(document.body).backgroundColor);
  const behindHtml = (el) => { for (let up = el; up; up = up.parentElement) { const c = rgb(getComputedStyle(up).backgroundColor); if (opaque(c)) return c; } return pageBg; };
  const out = [];
  // Both quiz verdicts, as after a Check.
  document.querySelectorAll('.quiz-question').forEach((q, i) => {
    const fb = q.querySelector('.quiz-feedback');
    if (fb && !fb.textContent) fb.textContent = 'Right.';
    q.setAttribute('data-result', i % 2 ? 'wrong' : 'right');
    q.querySelectorAll('.quiz-choice').forEach((c, j) => c.classList.add(j % 2 ? 'quiz-was-picked' : 'quiz-is-answer'));
  });
  for (const text of document.querySelectorAll('figure.diagram text')) {
    const box = text.getBoundingClientRect();
    if (!box.width) continue;
    const style = getComputedStyle(text);
    const fg = rgb(style.fill);
    if (!fg) continue;
    let bg = null;
    text.scrollIntoView({ block: 'center', inline: 'center' });
    const b2 = text.getBoundingClientRect();
    for (const el of document.elementsFromPoint(b2.x + b2.width / 2, b2.y + b2.height / 2)) {
      if (el.tagName === 'text' || el.tagName === 'tspan') continue;
      if (el instanceof SVGGeometryElement) {
        const s = getComputedStyle(el);
        if (s.fill !== 'none' && parseFloat(s.fillOpacity) > 0.5 && parseFloat(s.opacity) > 0.5 && opaque(rgb(s.fill))) { bg = rgb(s.fill); break; }
        continue;
      }
      bg = behindHtml(el); break;
    }
    bg = bg || pageBg;
    const alpha = parseFloat(style.opacity);
    const seen = fg.slice(0, 3).map((c, i) => c * alpha + bg[i] * (1 - alpha));
    const k = ratio(seen, bg);
    if (k < 4.5) out.push('diagram text "' + text.textContent.trim().slice(0, 30) + '" ' + k.toFixed(2) + ':1');
  }
  const widgets = document.querySelectorAll('.quiz-feedback, .quiz-legend, .quiz-choice-text, .quiz-letter, .quiz-prompt, .interleaving-explorer *, .listing-caption *, .does-not-compile');
  for (const el of widgets) {
    if (!el.checkVisibility() || !Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    const fg = rgb(style.color);
    const bg = behindHtml(el);
    const alpha = parseFloat(style.opacity) * (fg.length > 3 ? fg[3] : 1);
    const seen = fg.slice(0, 3).map((c, i) => c * alpha + bg[i] * (1 - alpha));
    const k = ratio(seen, bg);
    if (k < 4.5) out.push((el.className || el.tagName.toLowerCase()) + ' "' + el.textContent.trim().slice(0, 30) + '" ' + k.toFixed(2) + ':1');
  }
  for (const el of document.querySelectorAll('.quiz-choice')) {
    const after = getComputedStyle(el, '::after');
    if (after.content === 'none' || after.content === 'normal') continue;
    const fg = rgb(after.color), bg = behindHtml(el);
    const k = ratio(fg, bg);
    if (k < 4.5) out.push('quiz label ' + after.content + ' ' + k.toFixed(2) + ':1');
  }
  return Array.from(new Set(out));
})()"#;

fn themes(
    browser: &mut Browser,
    base: &str,
    dest: &Path,
    pages: &[String],
    shots: &Path,
    problems: &mut Vec<String>,
) -> Result<()> {
    set_viewport(browser, LAPTOP.0, LAPTOP.1, false)?;
    // Pages with something coloured: figures, quizzes, the explorer, a
    // listing that does not compile (captions look alike on every page).
    let coloured: Vec<&String> = pages
        .iter()
        .filter(|p| {
            std::fs::read_to_string(dest.join(p)).is_ok_and(|html| {
                [
                    "class=\"diagram\"",
                    "class=\"quiz\"",
                    "interleaving-explorer",
                    "does-not-compile",
                ]
                .iter()
                .any(|mark| html.contains(mark))
            })
        })
        .collect();
    for theme in THEMES {
        crate::checks::use_theme(browser, base, theme)?;
        for page in &coloured {
            open(browser, base, page)?;
            let found = browser
                .eval(CONTRAST_STATE)
                .with_context(|| format!("{page}: cannot measure contrast in {theme}"))?;
            for problem in found.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{page} ({theme}): contrast under {MIN_CONTRAST}:1: {}",
                    problem.as_str().unwrap_or("?")
                ));
            }
        }
        open(browser, base, SHOWCASE)?;
        browser.eval("document.querySelector('figure.diagram')?.scrollIntoView()")?;
        browser.pump(Duration::from_millis(150))?;
        browser.screenshot(&shots.join(format!("theme-{theme}-diagram.png")))?;
    }
    browser.eval("localStorage.removeItem('mdbook-theme')")?;
    Ok(())
}

/// Each page's length in laptop screens, longest first.
fn lengths(
    browser: &mut Browser,
    base: &str,
    pages: &[String],
    summary: &mut String,
) -> Result<()> {
    set_viewport(browser, LAPTOP.0, LAPTOP.1, false)?;
    let mut lengths = Vec::new();
    for page in pages {
        if page == "print.html" || page == "404.html" || page == "toc.html" {
            continue;
        }
        open(browser, base, page)?;
        let height = browser
            .eval("document.documentElement.scrollHeight")?
            .as_f64()
            .unwrap_or(0.0);
        lengths.push((height / f64::from(LAPTOP.1), page.clone()));
    }
    lengths.sort_by(|a, b| b.0.total_cmp(&a.0));
    writeln!(
        summary,
        "page lengths in {}x{} screens: {}",
        LAPTOP.0,
        LAPTOP.1,
        lengths
            .iter()
            .map(|(screens, page)| format!("{page} {screens:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    Ok(())
}

fn list(value: &Value) -> String {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::is_anchor_line;

    #[test]
    fn anchor_markers_are_found_in_code_and_hidden_lines() {
        for line in [
            "    // ANCHOR: halves",
            "// ANCHOR_END: halves",
            "<span class=\"boring\">// ANCHOR: x",
            "# // ANCHOR: x",
            "    # ANCHOR: py_anchor",
        ] {
            assert!(is_anchor_line(line), "{line}");
        }
        for line in [
            "let anchor = 1; // ANCHOR: not at the start",
            "<p>An ANCHOR: line in prose</p>",
            "    // anchors are where includes start",
        ] {
            assert!(!is_anchor_line(line), "{line}");
        }
    }
}
