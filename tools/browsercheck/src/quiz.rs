//! The chapter quizzes (`theme/quiz.js`) answer the reader: on every page
//! with a quiz, each question gets its Check button and the folded answer is
//! hidden until then. On chapter 2, Check with nothing picked asks for an
//! answer; a wrong pick says "Wrong" and shows the explanation; Try again
//! clears it; the right pick says "Right". A multiple-answer question is
//! right only with every possible output picked. One question is answered
//! from the keyboard alone (Space on a choice, Tab to Check, Enter). Then
//! screenshots of answered questions in a light and a dark theme.

use crate::cdp::Browser;
use crate::checks::console_problems;
use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

const PAGE: &str = "ch02-threads/thread-local.html";

/// Runs the quiz checks; adds a line to `summary`, or the problems.
pub fn check(
    browser: &mut Browser,
    base: &str,
    dest: &Path,
    shots: &Path,
    summary: &mut String,
    problems: &mut Vec<String>,
) {
    let checked = every_page_is_live(browser, base, dest).and_then(|pages| {
        let line = answers(browser, base)?;
        let files = screenshots(browser, base, shots)?;
        Ok((pages, line, files))
    });
    match checked {
        Ok((pages, line, files)) => {
            summary.push_str(&format!("{pages}\n{line}"));
            for file in files {
                summary.push_str(&format!("\n  quiz screenshot: {}", file.display()));
            }
            summary.push('\n');
        }
        Err(e) => problems.push(format!("quizzes: {e:#}")),
    }
}

/// Helpers defined at the top of every script the check evaluates on the
/// page. Questions are found by what they ask, not by number: `single()` is
/// the first one-answer question, `multiple()` the first with several
/// right answers.
const HELPERS: &str = r#"
  const questions = Array.from(document.querySelectorAll('.quiz .quiz-question'));
  if (questions.length === 0) throw new Error('the page has no .quiz-question');
  const answerOf = (q) => q.dataset.answer.split(' ');
  const single = () => questions.find((q) => answerOf(q).length === 1);
  const multiple = () => questions.find((q) => answerOf(q).length > 1);
  const inputs = (q) => Array.from(q.querySelectorAll('.quiz-choices input'));
  const wrongPick = (q) => inputs(q).map((i) => i.value).find((v) => !answerOf(q).includes(v));
  const pick = (q, values) => inputs(q).forEach((i) => { if (values.includes(i.value) !== i.checked) i.click(); });
  const press = (q, name) => {
    const b = q.querySelector('button.quiz-' + name);
    if (!b) throw new Error('a question has no ' + name + ' button (did quiz.js run?)');
    b.click();
  };
  const state = (q) => {
    const details = q.querySelector('details.quiz-answer');
    const box = details.getBoundingClientRect();
    const feedback = q.querySelector('.quiz-feedback');
    return {
      result: q.dataset.result || null,
      feedback: feedback ? feedback.textContent : null,
      answerShown: !details.hidden && details.open && box.height > 0,
      explanationShown: q.querySelector('.quiz-explanation').getBoundingClientRect().height > 0,
      picked: inputs(q).filter((i) => i.checked).length,
      locked: inputs(q).every((i) => i.disabled),
      focus: document.activeElement ? document.activeElement.className : null,
      marked: q.querySelectorAll('.quiz-is-answer').length,
    };
  };
"#;

/// Evaluates `body` (which may use the helpers) and returns its value.
fn on_page(browser: &mut Browser, body: &str) -> Result<Value> {
    browser.eval(&format!("(() => {{ {HELPERS}\n{body} }})()"))
}

/// Every built page that shows a quiz: a chapter's quiz is on one of its
/// section pages, in the chapter's folder.
fn quiz_pages(dest: &Path) -> Result<Vec<String>> {
    let mut pages = Vec::new();
    for entry in
        std::fs::read_dir(dest).with_context(|| format!("cannot list {}", dest.display()))?
    {
        let dir = entry?.path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for file in
            std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let page = file?.path();
            if page.extension().is_some_and(|e| e == "html")
                && std::fs::read_to_string(&page).is_ok_and(|html| html.contains("class=\"quiz\""))
            {
                let file_name = page.file_name().unwrap_or_default().to_string_lossy();
                pages.push(format!("{name}/{file_name}"));
            }
        }
    }
    pages.sort();
    ensure!(!pages.is_empty(), "no page of the built book shows a quiz");
    Ok(pages)
}

/// On each quiz page, the script has given every question its buttons and
/// hidden every folded answer.
fn every_page_is_live(browser: &mut Browser, base: &str, dest: &Path) -> Result<String> {
    let pages = quiz_pages(dest)?;
    let mut total = 0;
    for page in &pages {
        browser.open(&format!("{base}{page}"))?;
        let found = on_page(
            browser,
            "return { questions: questions.length, \
             checks: document.querySelectorAll('.quiz-question button.quiz-check').length, \
             hidden: questions.filter((q) => !state(q).answerShown).length, \
             live: document.querySelectorAll('.quiz.quiz-live').length };",
        )
        .with_context(|| page.clone())?;
        let questions = found["questions"].as_u64().unwrap_or(0);
        ensure!(
            found["checks"] == questions && found["hidden"] == questions && found["live"] != 0,
            "{page}: every question should have a Check button and a hidden answer: {found}"
        );
        total += questions;
        let problems = console_problems(&browser.take_events(), base);
        ensure!(problems.is_empty(), "{page}: {problems:?}");
    }
    Ok(format!(
        "quizzes: {total} questions on {} pages, each with a Check button",
        pages.len()
    ))
}

fn answers(browser: &mut Browser, base: &str) -> Result<String> {
    browser.open(&format!("{base}{PAGE}"))?;

    let empty = on_page(
        browser,
        "const q = single(); press(q, 'check'); return state(q);",
    )?;
    ensure!(
        empty["result"].is_null()
            && empty["feedback"] == "Pick an answer first."
            && empty["answerShown"] == false,
        "Check with nothing picked should ask for an answer and reveal nothing: {empty}"
    );

    let wrong = on_page(
        browser,
        "const q = single(); pick(q, [wrongPick(q)]); press(q, 'check'); return state(q);",
    )?;
    ensure!(
        wrong["result"] == "wrong"
            && wrong["feedback"]
                .as_str()
                .is_some_and(|f| f.starts_with("Wrong"))
            && wrong["answerShown"] == true
            && wrong["explanationShown"] == true
            && wrong["marked"] == 1
            && wrong["locked"] == true,
        "a wrong pick should say wrong, mark the right choice and show the explanation: {wrong}"
    );
    ensure!(
        wrong["focus"] == "quiz-retry",
        "after Check, the focus should be on Try again: {wrong}"
    );

    let again = on_page(
        browser,
        "const q = single(); press(q, 'retry'); return state(q);",
    )?;
    ensure!(
        again["result"].is_null()
            && again["feedback"] == ""
            && again["answerShown"] == false
            && again["picked"] == 0
            && again["locked"] == false
            && again["marked"] == 0,
        "Try again should clear the picks, the verdict and the explanation: {again}"
    );

    let right = on_page(
        browser,
        "const q = single(); pick(q, answerOf(q)); press(q, 'check'); return state(q);",
    )?;
    ensure!(
        right["result"] == "right" && right["feedback"] == "Right." && right["answerShown"] == true,
        "the right pick should say right and show the explanation: {right}"
    );

    let partly = on_page(
        browser,
        "const q = multiple(); pick(q, [answerOf(q)[0]]); press(q, 'check'); return state(q);",
    )?;
    ensure!(
        partly["result"] == "wrong",
        "a multiple-answer question with only one of its answers picked is wrong: {partly}"
    );
    let all = on_page(
        browser,
        "const q = multiple(); press(q, 'retry'); pick(q, answerOf(q)); press(q, 'check'); return state(q);",
    )?;
    ensure!(
        all["result"] == "right",
        "every possible output picked should be right: {all}"
    );

    keyboard(browser)?;

    let problems = console_problems(&browser.take_events(), base);
    ensure!(problems.is_empty(), "{problems:?}");
    Ok(format!(
        "quiz on {PAGE}: empty, wrong, try again, right, multiple answers and the keyboard all answered"
    ))
}

/// Answers the last question with the keyboard only: focus its first
/// choice, Space to pick it, Tab to Check, Enter.
fn keyboard(browser: &mut Browser) -> Result<()> {
    on_page(
        browser,
        "const q = questions[questions.length - 1]; q.scrollIntoView(); inputs(q)[0].focus(); \
         return document.activeElement === inputs(q)[0];",
    )?;
    key(browser, " ", "Space", 32)?;
    key(browser, "Tab", "Tab", 9)?;
    let focused = on_page(browser, "return document.activeElement.className;")?;
    ensure!(
        focused == "quiz-check",
        "Tab from a question's choices should reach its Check button, reached {focused}"
    );
    key(browser, "Enter", "Enter", 13)?;
    let state = on_page(
        browser,
        "const q = questions[questions.length - 1]; return state(q);",
    )?;
    ensure!(
        state["picked"] == 1
            && (state["result"] == "right" || state["result"] == "wrong")
            && state["answerShown"] == true,
        "Space, Tab and Enter should pick, reach Check and answer: {state}"
    );
    Ok(())
}

fn key(browser: &mut Browser, key: &str, code: &str, key_code: u32) -> Result<()> {
    let text = if key == " " {
        " "
    } else if key == "Enter" {
        "\r"
    } else {
        ""
    };
    for kind in ["keyDown", "keyUp"] {
        let mut params = json!({
            "type": kind,
            "key": key,
            "code": code,
            "windowsVirtualKeyCode": key_code,
            "nativeVirtualKeyCode": key_code,
        });
        if kind == "keyDown" && !text.is_empty() {
            params["text"] = json!(text);
        }
        browser.call("Input.dispatchKeyEvent", params)?;
    }
    browser.pump(Duration::from_millis(50))
}

/// A wrong answer and a right one on chapter 2's quiz, in a light and a dark
/// theme.
fn screenshots(browser: &mut Browser, base: &str, shots: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(shots).with_context(|| format!("cannot create {}", shots.display()))?;
    let mut files = Vec::new();
    for theme in crate::checks::SCREENSHOT_THEMES {
        crate::checks::use_theme(browser, base, theme)?;
        browser.open(&format!("{base}{PAGE}"))?;
        on_page(
            browser,
            "const m = multiple(); pick(m, answerOf(m)); press(m, 'check'); \
             const s = single(); pick(s, [wrongPick(s)]); press(s, 'check'); return true;",
        )?;
        for (stem, which) in [("wrong", "single"), ("right", "multiple")] {
            on_page(
                browser,
                &format!("{which}().scrollIntoView(); return true;"),
            )?;
            browser.pump(Duration::from_millis(200))?;
            let file = shots.join(format!("ch02-quiz-{stem}-{theme}.png"));
            browser.screenshot(&file)?;
            files.push(file);
        }
    }
    browser.eval("localStorage.removeItem('mdbook-theme')")?;
    browser.take_events();
    Ok(files)
}
