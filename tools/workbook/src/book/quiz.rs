//! "Check your understanding" quizzes: `src/chNN-slug/quiz.toml`, shown on a
//! chapter page by a `{{#quiz}}` line (or `{{#quiz chNN-slug/quiz.toml}}`,
//! relative to `src/`).
//!
//! A quiz is a list of questions of three kinds:
//!
//! - `compiles`: a Rust program (std only, with `fn main`) and whether rustc
//!   accepts it; `tests/quizzes.rs` compiles each one and checks the answer,
//!   and the error code when one is given.
//! - `prints`: a program and possible outputs, any number of them correct;
//!   the tests run it and check that what it prints is one of them.
//! - `primitive`: which tool fits a situation; exactly one answer.
//!
//! The preprocessor renders a quiz as plain HTML that works without
//! JavaScript (the answer and explanation folded in a `<details>`), with the
//! right answers in `data-answer` attributes for `theme/quiz.js`, which adds
//! the Check and Try again buttons. Everything that could make a quiz wrong
//! or unreadable is a build error naming the file and the question.

use crate::util::html::{escape, with_code_spans};
use anyhow::{Context, Result, bail};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static QUIZ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\{\{#quiz(?:\s+([\w./-]+\.toml))?\s*\}\}\s*$").unwrap());
static ERROR_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^E\d{4}$").unwrap());

/// The directive's opening, as written in a page.
const OPENING: &str = "{{#quiz";

/// The file a bare `{{#quiz}}` shows: next to the page.
pub const FILE_NAME: &str = "quiz.toml";

/// The heading the directive puts above every quiz.
pub const HEADING: &str = "Check your understanding";

/// A quiz as written in `quiz.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    #[serde(default)]
    question: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    kind: String,
    prompt: Option<String>,
    code: Option<String>,
    compiles: Option<bool>,
    error: Option<String>,
    output: Option<String>,
    choices: Option<Vec<String>>,
    answer: Option<RawAnswer>,
    explanation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawAnswer {
    One(i64),
    Many(Vec<i64>),
}

/// A checked quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub prompt: String,
    /// A Rust program shown with the question.
    pub code: Option<String>,
    pub kind: Kind,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Does `code` compile? If not, `error` is the code rustc must report;
    /// if it does, `output` is what it must print (both checked by the tests).
    Compiles {
        compiles: bool,
        error: Option<String>,
        output: Option<String>,
    },
    /// Which of `choices` can `code` print? `answer` lists every one that can.
    Prints {
        choices: Vec<String>,
        answer: Vec<usize>,
    },
    /// Which of `choices` fits? Exactly one.
    Primitive { choices: Vec<String>, answer: usize },
}

impl Question {
    /// What the reader picks from, in order.
    pub fn choices(&self) -> Vec<String> {
        match &self.kind {
            Kind::Compiles { .. } => vec![
                "Yes, it compiles".to_owned(),
                "No, the compiler rejects it".to_owned(),
            ],
            Kind::Prints { choices, .. } | Kind::Primitive { choices, .. } => choices.clone(),
        }
    }

    /// The indices of the right choices.
    pub fn answer(&self) -> Vec<usize> {
        match &self.kind {
            Kind::Compiles { compiles, .. } => vec![if *compiles { 0 } else { 1 }],
            Kind::Prints { answer, .. } => answer.clone(),
            Kind::Primitive { answer, .. } => vec![*answer],
        }
    }

    /// Whether the reader may pick more than one choice.
    pub fn multiple(&self) -> bool {
        matches!(self.kind, Kind::Prints { .. })
    }

    fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Compiles { .. } => "compiles",
            Kind::Prints { .. } => "prints",
            Kind::Primitive { .. } => "primitive",
        }
    }
}

/// Parses and checks a quiz's text; the error names the question and what is
/// wrong with it.
pub fn parse(text: &str) -> Result<Quiz> {
    let raw: RawQuiz = toml::from_str(text).map_err(|e| {
        anyhow::anyhow!(
            "malformed TOML: {}",
            e.to_string().trim_end().replace('\n', " ")
        )
    })?;
    if raw.question.is_empty() {
        bail!("no questions: write each one as a [[question]] table");
    }
    let questions = raw
        .question
        .into_iter()
        .enumerate()
        .map(|(i, q)| check_question(q).with_context(|| format!("question {}", i + 1)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Quiz { questions })
}

fn check_question(mut raw: RawQuestion) -> Result<Question> {
    let explanation = nonempty(raw.explanation.take(), "explanation")?;
    let kind_name = raw.kind.clone();
    let kind = match kind_name.as_str() {
        "compiles" => compiles_question(&mut raw)?,
        "prints" => choice_question(&mut raw, ChoiceKind::Prints)?,
        "primitive" => choice_question(&mut raw, ChoiceKind::Primitive)?,
        other => bail!("unknown kind `{other}`: use `compiles`, `prints` or `primitive`"),
    };
    let prompt = match (&kind, raw.prompt) {
        (Kind::Compiles { .. }, None) => "Does this program compile?".to_owned(),
        (Kind::Prints { .. }, None) => {
            "What can this program print? Choose every output that can appear.".to_owned()
        }
        (_, prompt) => nonempty(prompt, "prompt")?,
    };
    Ok(Question {
        prompt,
        code: raw.code,
        kind,
        explanation,
    })
}

/// The two kinds of question answered by picking choices.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ChoiceKind {
    /// Every output that can appear (one or more answers).
    Prints,
    /// The one right primitive.
    Primitive,
}

/// A `compiles` question: a whole program and whether it compiles.
fn compiles_question(raw: &mut RawQuestion) -> Result<Kind> {
    if raw.choices.is_some() || raw.answer.is_some() {
        bail!(
            "a `compiles` question has no `choices` or `answer`; say `compiles = true` or `false`"
        );
    }
    let Some(compiles) = raw.compiles else {
        bail!("no correct answer: say `compiles = true` or `compiles = false`");
    };
    if let Some(code) = &raw.error {
        if compiles {
            bail!("`error = \"{code}\"` on a program that compiles");
        }
        if !ERROR_CODE.is_match(code) {
            bail!("`error = \"{code}\"` is not an error code such as \"E0373\"");
        }
    }
    if raw.output.is_some() && !compiles {
        bail!("`output` on a program that does not compile");
    }
    if !raw.code.as_deref().unwrap_or("").contains("fn main") {
        bail!("a `compiles` question needs `code`: a whole program with `fn main`");
    }
    Ok(Kind::Compiles {
        compiles,
        error: raw.error.take(),
        output: raw.output.take(),
    })
}

/// A `prints` or `primitive` question: choices and the right ones.
fn choice_question(raw: &mut RawQuestion, kind: ChoiceKind) -> Result<Kind> {
    if raw.compiles.is_some() || raw.error.is_some() || raw.output.is_some() {
        bail!(
            "`compiles`, `error` and `output` belong to `compiles` questions, not `{}`",
            raw.kind
        );
    }
    let choices = raw.choices.take().unwrap_or_default();
    if choices.len() < 2 {
        bail!("give at least two `choices`");
    }
    if choices.iter().any(|c| c.trim().is_empty()) {
        bail!("a choice is empty");
    }
    let checked = checked_answers(raw.answer.take(), choices.len())?;
    match kind {
        ChoiceKind::Prints => {
            if raw.code.is_none() {
                bail!("a `prints` question needs the `code` that prints");
            }
            Ok(Kind::Prints {
                choices,
                answer: checked.into_iter().collect(),
            })
        }
        ChoiceKind::Primitive => {
            if checked.len() != 1 {
                bail!("a `primitive` question has exactly one answer");
            }
            Ok(Kind::Primitive {
                choices,
                answer: checked.into_iter().next().unwrap_or_default(),
            })
        }
    }
}

/// The right choices, numbered from 0: at least one, each in range, none twice.
fn checked_answers(answer: Option<RawAnswer>, choices: usize) -> Result<BTreeSet<usize>> {
    let answer = match answer {
        None => Vec::new(),
        Some(RawAnswer::One(index)) => vec![index],
        Some(RawAnswer::Many(indices)) => indices,
    };
    if answer.is_empty() {
        bail!("no correct answer: `answer` lists the right choices, numbered from 0");
    }
    let mut checked = BTreeSet::new();
    for index in answer {
        let in_range = usize::try_from(index).ok().filter(|i| *i < choices);
        let Some(index) = in_range else {
            bail!("answer {index} is out of range: there are {choices} choices, numbered from 0");
        };
        if !checked.insert(index) {
            bail!("answer {index} is listed twice");
        }
    }
    Ok(checked)
}

fn nonempty(text: Option<String>, field: &str) -> Result<String> {
    match text {
        Some(text) if !text.trim().is_empty() => Ok(text),
        _ => bail!("no `{field}`"),
    }
}

/// Reads and checks one quiz file.
pub fn load(path: &Path) -> Result<Quiz> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse(&text).with_context(|| path.display().to_string())
}

/// Every `quiz.toml` under `src/`, sorted.
pub fn quiz_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = crate::util::fs::walk(&root.join("src"))
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|n| n == FILE_NAME))
        .collect();
    files.sort();
    files
}

/// Every quiz of the book with its file, each checked.
pub fn load_all(root: &Path) -> Result<Vec<(PathBuf, Quiz)>> {
    quiz_files(root)
        .into_iter()
        .map(|path| {
            let quiz = load(&path)?;
            Ok((path, quiz))
        })
        .collect()
}

/// The quiz file a directive line names, if the line is one.
fn directive_target(line: &str, src_dir: &Path, page_dir: &Path) -> Option<PathBuf> {
    let found = QUIZ.captures(line)?;
    Some(match found.get(1) {
        Some(path) => src_dir.join(path.as_str()),
        None => page_dir.join(FILE_NAME),
    })
}

/// Replaces every `{{#quiz}}` line of a page with the rendered quiz.
/// `src_dir` is the book's `src/`, `page_dir` the folder of the page.
pub fn replace_quizzes(src_dir: &Path, page_dir: &Path, content: &str) -> Result<String> {
    if !content.contains(OPENING) {
        return Ok(content.to_owned());
    }
    let mut out = String::with_capacity(content.len() + 8192);
    let mut number = 0;
    for (in_code, line) in crate::util::markdown::lines_with_code_flag(content) {
        if in_code {
            out.push_str(line);
            continue;
        }
        let Some(path) = directive_target(line, src_dir, page_dir) else {
            if let Some(at) = line.find(OPENING)
                && line[..at].matches('`').count() % 2 == 0
            {
                bail!(
                    "`{}`: a quiz directive must stand alone on its line and read \
                     {{{{#quiz}}}} or {{{{#quiz chNN-slug/quiz.toml}}}}",
                    line.trim()
                );
            }
            out.push_str(line);
            continue;
        };
        number += 1;
        let shown = path
            .strip_prefix(src_dir)
            .map(|p| format!("src/{}", p.display()))
            .unwrap_or_else(|_| path.display().to_string());
        if !path.is_file() {
            bail!("{{{{#quiz}}}}: {shown} does not exist");
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{{{{#quiz}}}}: cannot read {shown}"))?;
        let quiz = parse(&text).with_context(|| shown.clone())?;
        // Ids and input names must be unique in the whole book, because the
        // print page puts every chapter into one document.
        let slug = page_dir
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("page");
        let id = match number {
            1 => format!("quiz-{slug}"),
            n => format!("quiz-{slug}-{n}"),
        };
        out.push_str(&render(&quiz, &id));
    }
    Ok(out)
}

/// Every quiz file a page of the book shows.
pub fn included_quizzes(root: &Path) -> BTreeSet<PathBuf> {
    let src_dir = root.join("src");
    let mut included = BTreeSet::new();
    for page in crate::book::check::markdown_pages(root) {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let page_dir = page.parent().unwrap_or(&src_dir).to_owned();
        for (_, line) in crate::util::markdown::lines_with_code_flag(&text)
            .into_iter()
            .filter(|(code, _)| !code)
        {
            if let Some(path) = directive_target(line, &src_dir, &page_dir) {
                included.insert(crate::book::listings::normalize(&path));
            }
        }
    }
    included
}

/// Every `{{#quiz}}` names a valid quiz, and every `quiz.toml` is shown by
/// some page.
pub fn check_quizzes(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let included = included_quizzes(root);
    for path in &included {
        let shown = path.strip_prefix(root).unwrap_or(path).display();
        if !path.is_file() {
            problems.push(format!(
                "{shown} is named by a {{{{#quiz}}}} but does not exist"
            ));
        } else if let Err(e) = load(path) {
            problems.push(format!("{e:#}"));
        }
    }
    problems.extend(unincluded(root, &included));
    problems
}

fn unincluded(root: &Path, included: &BTreeSet<PathBuf>) -> Vec<String> {
    quiz_files(root)
        .into_iter()
        .filter(|file| !included.contains(&crate::book::listings::normalize(file)))
        .map(|file| {
            format!(
                "{} is not shown on any page (add {{{{#quiz}}}} to the chapter or delete it)",
                file.strip_prefix(root).unwrap_or(&file).display()
            )
        })
        .collect()
}

/// Fails when a `quiz.toml` is shown on no page: the build calls this, so a
/// quiz cannot be written and forgotten.
pub fn ensure_all_included(root: &Path) -> Result<()> {
    let problems = unincluded(root, &included_quizzes(root));
    if let Some(first) = problems.first() {
        bail!("{first}");
    }
    Ok(())
}

/// Escaped text with `backticks` as code, on one line.
fn inline_html(text: &str) -> String {
    with_code_spans(text.trim()).replace('\n', " ")
}

/// Paragraphs (split at blank lines) of inline text.
fn paragraphs_html(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", inline_html(p)))
        .collect()
}

/// Text whose line breaks must survive inside one line of HTML (a blank line
/// would end the HTML block in Markdown).
fn preformatted(text: &str) -> String {
    escape(text.trim_end_matches('\n')).replace('\n', "&#10;")
}

fn letter(index: usize) -> char {
    (b'A' + (index % 26) as u8) as char
}

/// The quiz as one HTML block, with no blank lines.
pub fn render(quiz: &Quiz, id: &str) -> String {
    let mut html = format!("## {HEADING}\n\n<div class=\"quiz\" id=\"{id}\">\n");
    html.push_str(
        "<p class=\"quiz-intro\">Answer each question, then check it. Each answer comes \
         with an explanation.</p>\n",
    );
    for (n, question) in quiz.questions.iter().enumerate() {
        let number = n + 1;
        let name = format!("{id}-q{number}");
        let answer = question.answer();
        let answer_text: Vec<String> = answer.iter().map(usize::to_string).collect();
        html.push_str(&format!(
            "<div class=\"quiz-question\" id=\"{name}\" data-kind=\"{}\" data-answer=\"{}\">\n",
            question.kind_name(),
            answer_text.join(" ")
        ));
        html.push_str(&format!(
            "<p class=\"quiz-prompt\" id=\"{name}-prompt\"><span class=\"quiz-number\">{number}.</span> {}</p>\n",
            inline_html(&question.prompt)
        ));
        if let Some(code) = &question.code {
            html.push_str(&format!(
                "<pre class=\"quiz-code\"><code class=\"language-rust noplayground\">{}</code></pre>\n",
                preformatted(code)
            ));
        }
        let (input, legend) = if question.multiple() {
            ("checkbox", "Choose every one that can be printed")
        } else {
            ("radio", "Choose one")
        };
        html.push_str(&format!(
            "<fieldset class=\"quiz-choices\" aria-describedby=\"{name}-prompt\"><legend class=\"quiz-legend\">{legend}</legend>\n"
        ));
        for (i, choice) in question.choices().iter().enumerate() {
            let text = match question.kind {
                Kind::Prints { .. } => {
                    format!(
                        "<code class=\"quiz-output\">{}</code>",
                        preformatted(choice)
                    )
                }
                _ => inline_html(choice),
            };
            html.push_str(&format!(
                "<label class=\"quiz-choice\" data-choice=\"{i}\"><input type=\"{input}\" name=\"{name}\" value=\"{i}\"> \
                 <span class=\"quiz-letter\">{}</span> <span class=\"quiz-choice-text\">{text}</span></label>\n",
                letter(i)
            ));
        }
        html.push_str("</fieldset>\n");
        let key = match &question.kind {
            Kind::Compiles { compiles: true, .. } => "It compiles.".to_owned(),
            Kind::Compiles {
                compiles: false,
                error: Some(code),
                ..
            } => format!("It does not compile: rustc rejects it with error {code}."),
            Kind::Compiles { .. } => "It does not compile.".to_owned(),
            Kind::Prints { choices, answer } => {
                let can: Vec<String> = answer.iter().map(|i| letter(*i).to_string()).collect();
                let cannot: Vec<String> = (0..choices.len())
                    .filter(|i| !answer.contains(i))
                    .map(|i| letter(i).to_string())
                    .collect();
                let mut key = format!("Can be printed: {}.", can.join(", "));
                if !cannot.is_empty() {
                    key.push_str(&format!(" Cannot: {}.", cannot.join(", ")));
                }
                key
            }
            Kind::Primitive { choices, answer } => {
                format!("{}: {}", letter(*answer), inline_html(&choices[*answer]))
            }
        };
        html.push_str(&format!(
            "<details class=\"quiz-answer\"><summary>Answer and explanation</summary>\
             <div class=\"quiz-explanation\"><p class=\"quiz-key\"><strong>{key}</strong></p>{}</div></details>\n",
            paragraphs_html(&question.explanation)
        ));
        html.push_str("</div>\n");
    }
    html.push_str("</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[question]]
kind = "compiles"
code = """
fn main() {
    let v = vec![1];

    std::thread::spawn(|| println!("{v:?}"));
}
"""
compiles = false
error = "E0373"
explanation = "The closure borrows `v`.\n\nAdd `move`."

[[question]]
kind = "prints"
code = "fn main() { println!(\"a\"); }"
choices = ["a", "a\nb", "<b>"]
answer = [0]
explanation = "It prints `a` & nothing else."

[[question]]
kind = "primitive"
prompt = "Which fits?"
choices = ["`Mutex`", "`RwLock`"]
answer = 1
explanation = "Many readers."
"#;

    fn broken(from: &str, to: &str) -> String {
        let text = GOOD.replacen(from, to, 1);
        assert_ne!(text, GOOD, "{from:?} is not in the quiz");
        format!("{:#}", parse(&text).unwrap_err())
    }

    #[test]
    fn a_good_quiz_parses_with_its_answers() {
        let quiz = parse(GOOD).unwrap();
        assert_eq!(quiz.questions.len(), 3);
        assert_eq!(quiz.questions[0].answer(), vec![1]);
        assert_eq!(
            quiz.questions[0].kind,
            Kind::Compiles {
                compiles: false,
                error: Some("E0373".into()),
                output: None,
            }
        );
        assert_eq!(quiz.questions[0].prompt, "Does this program compile?");
        assert!(quiz.questions[1].multiple());
        assert_eq!(quiz.questions[2].answer(), vec![1]);
    }

    #[test]
    fn each_kind_of_mistake_is_named_with_its_question() {
        let e = broken("kind = \"prints\"", "kind = \"guess\"");
        assert!(
            e.contains("question 2") && e.contains("unknown kind `guess`"),
            "{e}"
        );
        let e = broken("answer = [0]", "answer = []");
        assert!(
            e.contains("question 2") && e.contains("no correct answer"),
            "{e}"
        );
        let e = broken("compiles = false\n", "");
        assert!(
            e.contains("question 1") && e.contains("no correct answer"),
            "{e}"
        );
        let e = broken("answer = 1", "answer = 2");
        assert!(
            e.contains("question 3") && e.contains("answer 2 is out of range"),
            "{e}"
        );
        let e = broken("answer = 1", "answer = -1");
        assert!(e.contains("answer -1 is out of range"), "{e}");
        let e = broken("answer = 1", "answer = [0, 1]");
        assert!(e.contains("exactly one answer"), "{e}");
        let e = broken("answer = [0]", "answer = [0, 0]");
        assert!(e.contains("listed twice"), "{e}");
        let e = broken("kind = \"primitive\"", "kind = \"primitive\"\nkind = 3");
        assert!(e.contains("malformed TOML"), "{e}");
        assert!(!e.contains('\n'), "one line: {e}");
        let e = broken("explanation = \"Many readers.\"", "");
        assert!(e.contains("no `explanation`"), "{e}");
        let e = broken("E0373", "borrow error");
        assert!(e.contains("not an error code"), "{e}");
        let e = broken("compiles = false", "compiles = false\nanswer = 0");
        assert!(e.contains("no `choices` or `answer`"), "{e}");
        let e = broken("fn main() {\n    let v", "fn run() {\n    let v");
        assert!(e.contains("fn main"), "{e}");
        let e = broken("choices = [\"a\", \"a\\nb\", \"<b>\"]", "choices = [\"a\"]");
        assert!(e.contains("at least two"), "{e}");
        let e = broken(
            "[[question]]\nkind = \"compiles\"",
            "[[question]]\nkind = \"compiles\"\nanswers = 1",
        );
        assert!(e.contains("malformed TOML") && e.contains("answers"), "{e}");
        assert!(format!("{:#}", parse("").unwrap_err()).contains("no questions"));
    }

    #[test]
    fn the_html_is_one_block_escaped_and_carries_the_answers() {
        let html = render(&parse(GOOD).unwrap(), "quiz-1");
        assert!(
            html.starts_with("## Check your understanding\n\n<div class=\"quiz\" id=\"quiz-1\">\n")
        );
        let block = &html[html.find("<div").unwrap()..];
        assert!(
            !block.contains("\n\n"),
            "a blank line would end the HTML block"
        );
        // The code keeps its blank line as an entity.
        assert!(block.contains("let v = vec![1];&#10;&#10;    std::thread::spawn"));
        assert!(block.contains("data-kind=\"compiles\" data-answer=\"1\""));
        assert!(block.contains("data-kind=\"prints\" data-answer=\"0\""));
        assert!(block.contains("type=\"checkbox\" name=\"quiz-1-q2\" value=\"2\""));
        assert!(block.contains("type=\"radio\" name=\"quiz-1-q3\" value=\"1\""));
        assert!(block.contains("<code class=\"quiz-output\">a&#10;b</code>"));
        assert!(block.contains("<code class=\"quiz-output\">&lt;b&gt;</code>"));
        assert!(block.contains("It prints <code>a</code> &amp; nothing else."));
        assert!(
            block.contains(
                "<p>The closure borrows <code>v</code>.</p><p>Add <code>move</code>.</p>"
            )
        );
        assert!(block.contains("rejects it with error E0373"));
        assert!(block.contains("Can be printed: A. Cannot: B, C."));
        assert!(block.contains("B: <code>RwLock</code>"));
        assert_eq!(block.matches("<details class=\"quiz-answer\">").count(), 3);
    }

    #[test]
    fn directives_find_their_file_and_a_missing_one_is_an_error() {
        let scratch = tempfile::tempdir().unwrap();
        let src = scratch.path().to_owned();
        let page_dir = src.join("ch02-threads");
        std::fs::create_dir_all(&page_dir).unwrap();
        std::fs::write(page_dir.join("quiz.toml"), GOOD).unwrap();
        let page = "Text.\n\n{{#quiz}}\n\n```markdown\n{{#quiz nowhere.toml}}\n```\n\nInline `{{#quiz}}`.\n";
        let html = replace_quizzes(&src, &page_dir, page);
        let named = replace_quizzes(&src, &page_dir, "{{#quiz ch02-threads/quiz.toml}}\n");
        let missing = replace_quizzes(&src, &page_dir, "{{#quiz ch02-threads/gone.toml}}\n");
        let loose = replace_quizzes(&src, &page_dir, "See {{#quiz}} here.\n");
        let html = html.unwrap();
        assert!(html.contains("<div class=\"quiz\" id=\"quiz-ch02-threads\">"));
        assert!(
            html.contains("{{#quiz nowhere.toml}}"),
            "code blocks are left alone"
        );
        assert!(html.contains("Inline `{{#quiz}}`."));
        assert!(named.unwrap().contains("id=\"quiz-ch02-threads-q3\""));
        let missing = format!("{:#}", missing.unwrap_err());
        assert!(
            missing.contains("src/ch02-threads/gone.toml does not exist"),
            "{missing}"
        );
        assert!(format!("{:#}", loose.unwrap_err()).contains("stand alone"));
    }
}
