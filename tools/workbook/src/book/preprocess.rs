//! The book's one preprocessor: captions for included listings and outputs,
//! `noplayground` for listings the Playground cannot run, and `{{#measured}}`
//! numbers taken from stored outputs.
//!
//! It runs before mdBook's `links` preprocessor, so it still sees the
//! `{{#include}}` / `{{#rustdoc_include}}` directives as the author wrote them:
//!
//! ````markdown
//! ```rust
//! {{#rustdoc_include ../../listings/ch02-threads/src/bin/scoped_threads.rs}}
//! ```
//! ````
//!
//! A fenced block whose only line is such a directive gets a caption above it
//! naming the file and the exact command that runs it. Commands are derived
//! from the path, never typed by hand, so they cannot drift from the files.

use crate::book::listings::{Include, IncludedFile, is_anchor_marker};
use crate::book::references;
use crate::exercises::{Exercise, find};
use crate::util::html::escape;
use crate::util::markdown::{fence_open, fenced_blocks};
use anyhow::{Context, Result, bail};
use listingkit::outputs::Outputs;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

pub const NAME: &str = "threadwork";

pub struct Threadwork;

/// How many listings and figures a chapter has numbered so far: a chapter's
/// section pages continue its numbers (Listing 4-12 on its third page).
#[derive(Debug, Default, Clone, Copy)]
pub struct Numbering {
    pub listings: u32,
    pub figures: u32,
}

impl Preprocessor for Threadwork {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src_dir = ctx.root.join(&ctx.config.book.src);
        let exercises = crate::exercises::load_all(&ctx.root)?;
        let mut failure = None;
        let mut shown = HashMap::new();
        let mut numbering: HashMap<u32, Numbering> = HashMap::new();
        // Pre-order (a chapter's index page before its section pages), unlike
        // `Book::for_each_mut`, so that numbers follow the reading order.
        pre_order_mut(&mut book.items, &mut |item| {
            if failure.is_some() {
                return;
            }
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let Some(path) = &chapter.source_path else {
                return;
            };
            let page_dir = src_dir
                .join(path)
                .parent()
                .map(Path::to_owned)
                .unwrap_or_default();
            let mut own = Numbering::default();
            let counters = match chapter_number_of(&page_dir) {
                Some(number) => numbering.entry(number).or_default(),
                None => &mut own,
            };
            match process_page(&ctx.root, &page_dir, &chapter.content, &exercises, counters) {
                Ok(content) => {
                    references::record(&mut shown, &page_name(path), &content);
                    chapter.content = content
                }
                Err(e) => {
                    failure =
                        Some(e.context(format!("in {}", Path::new("src").join(path).display())))
                }
            }
        });
        // Every page's quizzes were checked above; now a quiz no page shows.
        if failure.is_none()
            && let Err(e) = crate::book::quiz::ensure_all_included(&ctx.root)
        {
            failure = Some(e);
        }
        // Listing numbers are known only once every page is captioned, so
        // `{{#listing FILE}}` references are replaced in a second pass.
        book.for_each_mut(|item| {
            if failure.is_some() {
                return;
            }
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let Some(path) = &chapter.source_path else {
                return;
            };
            match references::replace(&shown, &page_name(path), &chapter.content) {
                Ok(content) => chapter.content = content,
                Err(e) => {
                    failure =
                        Some(e.context(format!("in {}", Path::new("src").join(path).display())))
                }
            }
        });
        match failure {
            Some(e) => Err(e),
            None => Ok(book),
        }
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(renderer == "html")
    }
}

/// `workbook preprocessor [supports RENDERER]`, for the stock `mdbook` CLI:
/// mdBook runs `<command> supports <renderer>`, then `<command>` with the
/// book as JSON on stdin, expecting the processed book on stdout.
pub fn run_for_mdbook(supports: Option<&str>) -> Result<std::process::ExitCode> {
    use std::process::ExitCode;
    let threadwork = Threadwork;
    if let Some(renderer) = supports {
        let yes = threadwork.supports_renderer(renderer)?;
        return Ok(if yes {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin())?;
    let processed = threadwork.run(&ctx, book)?;
    serde_json::to_writer(std::io::stdout(), &processed)?;
    Ok(ExitCode::SUCCESS)
}

fn pre_order_mut(items: &mut [BookItem], visit: &mut impl FnMut(&mut BookItem)) {
    for item in items {
        visit(item);
        if let BookItem::Chapter(chapter) = item {
            pre_order_mut(&mut chapter.sub_items, visit);
        }
    }
}

/// A page's source path relative to `src/`, with `/` separators.
fn page_name(path: &Path) -> String {
    path.iter()
        .filter_map(|part| part.to_str())
        .collect::<Vec<_>>()
        .join("/")
}

static EXERCISE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{#(exercise|solution)\s+([\w-]+)\s*\}\}").unwrap());

static MEASURED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{\{#measured\s+([\w.-]+)/([\w.-]+)\s+"([^"]+)"\s*\}\}"#).unwrap()
});

/// Rewrites one page. `page_dir` is the folder of the Markdown file, against
/// which include paths are resolved; `root` is the repository root.
/// `numbering` holds how many listings and figures the chapter's earlier
/// section pages numbered (zero for a chapter's first page and for pages
/// outside the chapters); it is advanced past this page's.
pub fn process_page(
    root: &Path,
    page_dir: &Path,
    content: &str,
    exercises: &[Exercise],
    numbering: &mut Numbering,
) -> Result<String> {
    let content = replace_measured(root, content)?;
    let content = crate::book::figures::replace_figures(
        &root.join("src"),
        chapter_number_of(page_dir),
        &content,
        &mut numbering.figures,
    )?;
    let content = crate::book::quiz::replace_quizzes(&root.join("src"), page_dir, &content)?;
    let content = replace_exercises(root, page_dir, &content, exercises)?;
    // The course plan is generated from the exercises' metadata, so the
    // minutes in the instructor guide are the ones `workbook plan` prints.
    let content = content.replace(
        "{{#course-plan}}",
        &crate::exercises::plan_markdown(exercises),
    );
    let mut out = String::with_capacity(content.len() + 1024);
    let lines: Vec<&str> = content.split_inclusive('\n').collect();
    let mut blocks = fenced_blocks(&content).into_iter().peekable();
    let listing_number = &mut numbering.listings;
    let chapter_number = chapter_number_of(page_dir);
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        // The next fenced block that opens on this line, at its start.
        while blocks.next_if(|block| block.open < index).is_some() {}
        let opened = blocks
            .next_if(|block| block.open == index)
            .and_then(|block| Some((fence_open(line)?, block)));
        let Some(((fence, info), block)) = opened else {
            out.push_str(line);
            index += 1;
            continue;
        };
        let body: Vec<&str> = lines[block.body(lines.len())].to_vec();
        let closing = block.close.map(|close| lines[close]);
        index = block.close.map_or(lines.len(), |close| close + 1);
        let directive: Vec<&str> = body
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let include = match directive.as_slice() {
            [only] => Include::parse(only),
            _ => None,
        };
        let mut info = info.to_owned();
        // A whole file with anchor markers in it (for other, anchored
        // includes) is put in here without them: mdBook drops the markers
        // only from anchored includes.
        let whole = match &include {
            Some(found) if found.selector.is_none() => without_anchor_lines(page_dir, &found.path)?,
            _ => None,
        };
        if let Some(include) = include {
            let file = include.resolve(root, page_dir)?;
            let caption = match &file {
                IncludedFile::Listing { .. }
                | IncludedFile::Library { .. }
                | IncludedFile::Python { .. }
                | IncludedFile::CompileFail { .. } => {
                    *listing_number += 1;
                    let label = match chapter_number {
                        Some(n) => format!("Listing {n}-{listing_number}"),
                        None => format!("Listing {listing_number}"),
                    };
                    if info
                        .split(',')
                        .next()
                        .is_some_and(|lang| lang.trim() == "rust")
                        && !file.runs_on_playground()
                        && !info.contains("noplayground")
                    {
                        info = format!("{},noplayground", info.trim_end());
                    }
                    let selector = include.selector.as_deref();
                    let title = match file.title(selector) {
                        Some(Ok(title)) => title,
                        Some(Err(why)) => bail!("{} {why}", shown_with(&file, selector)),
                        None => String::new(),
                    };
                    listing_caption(&label, &title, &file, selector)
                }
                IncludedFile::Output { .. } => output_caption(&file)?,
                IncludedFile::Other { .. } => String::new(),
            };
            out.push_str(&caption);
        }
        out.push_str(&fence);
        out.push_str(&info);
        out.push('\n');
        match whole {
            Some(text) => {
                out.push_str(&text);
                if !text.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => {
                for inner in body {
                    out.push_str(inner);
                }
            }
        }
        if let Some(closing) = closing {
            out.push_str(closing);
        }
    }
    Ok(out)
}

/// The file `path` (relative to `page_dir`) without its anchor marker lines,
/// when it has any; `None` when it has none (the directive stays for mdBook).
fn without_anchor_lines(page_dir: &Path, path: &str) -> Result<Option<String>> {
    let file = page_dir.join(path);
    let Ok(text) = std::fs::read_to_string(&file) else {
        // A missing file is reported by the include's own check.
        return Ok(None);
    };
    if !text.lines().any(is_anchor_marker) {
        return Ok(None);
    }
    let kept: Vec<&str> = text.lines().filter(|l| !is_anchor_marker(l)).collect();
    Ok(Some(kept.join("\n")))
}

fn chapter_number_of(page_dir: &Path) -> Option<u32> {
    crate::util::chapter::number(page_dir.file_name()?.to_str()?)
}

/// The file as a caption's `data-shows` names it: `path` or `path:anchor`.
fn shown_with(file: &IncludedFile, selector: Option<&str>) -> String {
    match selector {
        Some(selector) => format!("{}:{selector}", file.shown_path()),
        None => file.shown_path(),
    }
}

/// A listing's title as HTML: escaped, `backticks` as code and `*stars*` as
/// emphasis, the two marks its doc comment may use.
fn title_html(title: &str) -> String {
    let mut html = String::new();
    for (index, part) in title.split('`').enumerate() {
        if index % 2 == 1 {
            html.push_str(&format!("<code>{}</code>", escape(part)));
        } else if part.matches('*').count() % 2 == 0 {
            for (inner, bit) in part.split('*').enumerate() {
                match inner % 2 {
                    1 => html.push_str(&format!("<em>{}</em>", escape(bit))),
                    _ => html.push_str(&escape(bit)),
                }
            }
        } else {
            html.push_str(&escape(part));
        }
    }
    html
}

/// A listing's caption: its number and title, then its file (an "excerpt
/// of" it when the include picks a part) and how to run it.
fn listing_caption(
    label: &str,
    title: &str,
    file: &IncludedFile,
    selector: Option<&str>,
) -> String {
    let shown = file.shown_path();
    let run = match file.run_command() {
        Some(_) if matches!(file, IncludedFile::CompileFail { .. }) => {
            r#" <span class="listing-note does-not-compile">does not compile: the compiler's message follows</span>"#
                .to_owned()
        }
        Some(command) => format!(
            r#" <span class="listing-run">run: <code>{}</code></span>"#,
            escape(&command)
        ),
        None => {
            r#" <span class="listing-note">shared by this chapter's listings</span>"#.to_owned()
        }
    };
    // The id and `data-shows` let other pages link to the listing: see
    // `references`.
    let shows = shown_with(file, selector);
    let excerpt = if selector.is_some() {
        "excerpt of "
    } else {
        ""
    };
    format!(
        "<div class=\"listing-caption\" id=\"{}\" data-shows=\"{}\"><span class=\"listing-label\">{label}</span> \
         <span class=\"listing-title\">{}</span> \
         <span class=\"listing-file\">{excerpt}<code>{}</code></span>{run}</div>\n\n",
        references::caption_id(label),
        escape(&shows),
        title_html(title),
        escape(&shown)
    )
}

fn output_caption(file: &IncludedFile) -> Result<String> {
    let IncludedFile::Output {
        package_dir, name, ..
    } = file
    else {
        unreachable!()
    };
    let command = file.run_command().unwrap_or_default();
    let outputs = Outputs::load(package_dir).map_err(anyhow::Error::msg)?;
    let mut notes = Vec::new();
    if let Some(captured) = outputs.captured.get(name) {
        notes.push(format!("captured on {}", captured.machine));
    }
    if name.ends_with(".py") {
        notes.push("timings differ from run to run".to_owned());
    } else {
        let Some(spec) = outputs.specs.get(name) else {
            bail!(
                "{} is shown as output, but outputs.toml has no [{name}] entry",
                file.shown_path()
            );
        };
        if let Some(why) = &spec.why {
            notes.push(why.clone());
        }
        if let Some(code) = &spec.error {
            notes.push(if listingkit::outputs::is_error_code(code) {
                format!("rejected with error {code}, checked by the tests")
            } else {
                format!("rejected with the error “{code}”, checked by the tests")
            });
        }
        if spec.exit_code != 0 {
            notes.push(format!("exits with status {}", spec.exit_code));
        }
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(
            r#" <span class="listing-note">{}</span>"#,
            escape(&notes.join("; "))
        )
    };
    Ok(format!(
        "<div class=\"listing-caption output-caption\"><span class=\"listing-label\">Output</span> \
         <span class=\"listing-run\"><code>{}</code></span>{notes}</div>\n\n",
        escape(&command)
    ))
}

/// Expands `{{#exercise ID}}` (goal, time, contract, starter, folded hints)
/// and `{{#solution ID}}` (a link back to the exercise, then the solution
/// and the mistakes its tests catch, folded), both generated from the
/// exercise's single source. The task the `//!` comment states is on the
/// exercise page already, so the code shown keeps only its first line.
fn replace_exercises(
    root: &Path,
    page_dir: &Path,
    content: &str,
    exercises: &[Exercise],
) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for found in EXERCISE.captures_iter(content) {
        let whole = found.get(0).unwrap();
        let exercise = find(exercises, &found[2])?;
        let meta = &exercise.meta;
        let block = if &found[1] == "exercise" {
            let mut block = format!(
                "<div class=\"exercise-start\" id=\"{}\"></div>\n\n\
                 **Goal:** {}\n\n**Difficulty:** {} · **Time:** about {} minutes · **Check it:** \
                 <code>workbook check {}</code>\n\n",
                exercise_anchor(&meta.id),
                meta.goal,
                meta.difficulty,
                meta.minutes,
                meta.id
            );
            if !meta.contract.is_empty() {
                block.push_str(
                    "**What your code must do** (each point is checked by the tests):\n\n",
                );
                for property in &meta.contract {
                    block.push_str(&format!("- {}\n", property.says));
                }
                block.push('\n');
            }
            block.push_str(&format!(
                "<div class=\"exercise-caption\"><span class=\"listing-label\">Starter</span> \
                 <span class=\"listing-file\"><code>{}/src/lib.rs</code></span> \
                 <span class=\"listing-note\">in your exercise project, where the file opens with the task in full; \
                 tests in <code>tests/canonical.rs</code></span></div>\n\n",
                meta.id
            ));
            block.push_str(&format!(
                "```rust,noplayground\n{}```\n\n",
                short_header(&exercise.starter()?)
            ));
            for (number, hint) in meta.hints.iter().enumerate() {
                block.push_str(&format!(
                    "<details class=\"hint\"><summary>Hint {}</summary>\n\n{hint}\n\n</details>\n\n",
                    number + 1
                ));
            }
            block
        } else {
            solution_block(root, page_dir, exercise)?
        };
        out.push_str(&content[last..whole.start()]);
        out.push_str(&block);
        last = whole.end();
    }
    out.push_str(&content[last..]);
    Ok(out)
}

/// The id of the element that starts exercise `id` on its exercises page.
fn exercise_anchor(id: &str) -> String {
    format!("exercise-{id}")
}

/// `{{#solution ID}}`: folded, so that a reader opens only the solution
/// they want, with a link to the exercise's page for the task.
fn solution_block(root: &Path, page_dir: &Path, exercise: &Exercise) -> Result<String> {
    let meta = &exercise.meta;
    let source = exercise.solution_path();
    let shown_source = source
        .iter()
        .skip_while(|part| *part != "exercises")
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let link = exercise_page_link(root, page_dir, &meta.id)?;
    let mut block = format!(
        "<p class=\"solution-task\">The task is stated on the <a href=\"{link}\">exercises page</a>.</p>\n\n\
         <details class=\"solution\" id=\"solution-{}\">\n<summary>Show the solution</summary>\n\n\
         <div class=\"exercise-caption\"><span class=\"listing-label\">Solution</span> \
         <span class=\"listing-file\"><code>{shown_source}</code></span></div>\n\n\
         ```rust,noplayground\n{}```\n\n**Mistakes its tests catch:**\n\n",
        meta.id,
        short_header(&exercise.clean_solution()?)
    );
    for wrong in exercise.wrongs()? {
        let tests: Vec<String> = wrong.caught_by.iter().map(|t| format!("`{t}`")).collect();
        block.push_str(&format!(
            "- {} Caught by {}.\n",
            wrong.mistake,
            tests.join(", ")
        ));
    }
    block.push_str("\n</details>\n\n");
    Ok(block)
}

/// The link from a page in `page_dir` to where the book shows exercise
/// `id` (`{{#exercise ID}}`), as the built HTML names it.
fn exercise_page_link(root: &Path, page_dir: &Path, id: &str) -> Result<String> {
    let directive = format!("{{{{#exercise {id}}}}}");
    let src = root.join("src");
    let page = crate::book::check::markdown_pages(root)
        .into_iter()
        .find(|page| std::fs::read_to_string(page).is_ok_and(|text| text.contains(&directive)))
        .with_context(|| {
            format!("no page shows `{directive}`, so its solution has nothing to link to")
        })?;
    let from = page_dir.strip_prefix(&src).unwrap_or(page_dir);
    let to = page
        .strip_prefix(&src)
        .unwrap_or(&page)
        .with_extension("html");
    let up = "../".repeat(from.components().count());
    let to: Vec<String> = to
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    Ok(format!("{up}{}#{}", to.join("/"), exercise_anchor(id)))
}

/// Code whose `//!` comment opens with the task: only that comment's first
/// line (the exercise's title) is kept, the statement is on the page.
fn short_header(code: &str) -> String {
    let mut lines = code.split_inclusive('\n').peekable();
    let mut out = String::with_capacity(code.len());
    let Some(first) = lines.next_if(|line| line.starts_with("//!")) else {
        return code.to_owned();
    };
    out.push_str(first);
    while lines.next_if(|line| line.starts_with("//!")).is_some() {}
    out.extend(lines);
    out
}

/// Replaces `{{#measured ch02-threads/main "one thread per book:"}}` with the
/// number that follows the label in `listings/ch02-threads/output/main.txt`.
fn replace_measured(root: &Path, content: &str) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for found in MEASURED.captures_iter(content) {
        let whole = found.get(0).unwrap();
        let (dir, bin, label) = (&found[1], &found[2], &found[3]);
        let path: PathBuf = root
            .join("listings")
            .join(dir)
            .join("output")
            .join(format!("{bin}.txt"));
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{{{{#measured {dir}/{bin} …}}}}: cannot read {}",
                path.display()
            )
        })?;
        let Some(number) = number_text_after(&text, label) else {
            bail!(
                "{{{{#measured {dir}/{bin} \"{label}\"}}}}: no number follows that label in {}",
                path.display()
            );
        };
        out.push_str(&content[last..whole.start()]);
        out.push_str(&number);
        last = whole.end();
    }
    out.push_str(&content[last..]);
    Ok(out)
}

/// The number as printed (keeping its decimals) after `label`.
fn number_text_after(text: &str, label: &str) -> Option<String> {
    let rest = &text[text.find(label)? + label.len()..];
    let start = rest.find(|c: char| c.is_ascii_digit())?;
    // Only a number that comes right after the label counts, not one further on.
    if rest[..start].trim().chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    let number: String = rest[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some(number.trim_end_matches('.').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book folder with one page showing `listing` as
    /// `listings/ch01-demo/src/main.rs` (excerpt `greet` when `anchor`).
    fn page_with(listing: &str, anchor: bool) -> (tempfile::TempDir, Result<String>) {
        let root = tempfile::tempdir().unwrap();
        let package = root.path().join("listings/ch01-demo");
        std::fs::create_dir_all(package.join("src")).unwrap();
        std::fs::write(
            package.join("Cargo.toml"),
            "[package]\nname = \"ch01\"\nversion = \"0.1.0\"\n",
        )
        .unwrap();
        std::fs::write(package.join("src/main.rs"), listing).unwrap();
        let page_dir = root.path().join("src/ch01-demo");
        std::fs::create_dir_all(&page_dir).unwrap();
        let selector = if anchor { ":greet" } else { "" };
        let page = format!(
            "# Demo\n\n```rust\n{{{{#rustdoc_include ../../listings/ch01-demo/src/main.rs{selector}}}}}\n```\n"
        );
        let mut numbering = Numbering::default();
        let processed = process_page(root.path(), &page_dir, &page, &[], &mut numbering);
        (root, processed)
    }

    #[test]
    fn a_caption_shows_the_listings_title_and_says_when_it_is_an_excerpt() {
        let listing = "//! Greets from a `thread`.\nfn main() {\n    // ANCHOR: greet\n    \
                       println!(\"hi\");\n    // ANCHOR_END: greet\n}\n";
        let (_root, whole) = page_with(listing, false);
        let whole = whole.unwrap();
        assert!(
            whole.contains(
                "<span class=\"listing-title\">Greets from a <code>thread</code></span> \
                 <span class=\"listing-file\"><code>listings/ch01-demo/src/main.rs</code></span>"
            ),
            "{whole}"
        );
        let (_root, part) = page_with(listing, true);
        assert!(
            part.unwrap()
                .contains("<span class=\"listing-file\">excerpt of <code>"),
            "no excerpt"
        );
    }

    #[test]
    fn titles_keep_their_code_and_emphasis() {
        assert_eq!(
            title_html("Only *try* the `Mutex<T>` & go"),
            "Only <em>try</em> the <code>Mutex&lt;T&gt;</code> &amp; go"
        );
        assert_eq!(
            title_html("`*words` is 2 * 3"),
            "<code>*words</code> is 2 * 3"
        );
    }

    #[test]
    fn a_listing_without_a_title_is_refused_by_the_build() {
        let (_root, processed) = page_with("fn main() {\n    println!(\"hi\");\n}\n", false);
        let error = processed.unwrap_err().to_string();
        assert!(
            error.contains("listings/ch01-demo/src/main.rs has no title"),
            "{error}"
        );
    }

    #[test]
    fn numbers_come_from_right_after_the_label() {
        let text = "sequential: 1.02 s\nthreaded: 0.11 s (9.3x faster)\n";
        assert_eq!(
            number_text_after(text, "threaded:").as_deref(),
            Some("0.11")
        );
        assert_eq!(number_text_after(text, "(").as_deref(), Some("9.3"));
        assert_eq!(number_text_after("label: none here, 3", "label:"), None);
    }
}
