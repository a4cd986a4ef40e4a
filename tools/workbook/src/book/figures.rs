//! Figures: hand-written SVG diagrams, inlined into the page.
//!
//! A page asks for a figure with a directive on a line of its own:
//!
//! ```markdown
//! {{#figure ch04-locks/figures/wait_for_cycle.svg "Each philosopher waits for the next one's fork"}}
//! ```
//!
//! The path is relative to `src/`. The preprocessor replaces the line with
//! `<figure class="diagram" id="figure-4-1">`, the SVG itself and a numbered
//! `<figcaption>`. The SVG is inlined rather than linked with `<img>` so that
//! its CSS classes pick up the theme's colours (`theme/diagrams.css`); that is
//! what keeps one drawing readable in the light and the dark themes.
//!
//! Every SVG is checked before it goes in: well-formed XML, an `<svg>` root
//! with a `viewBox`, `role="img"`, a `<title>` and a `<desc>` for screen
//! readers, and nothing that reaches outside the page (no links or `url()`
//! to other files, no scripts), because the book must render without a
//! network. [`check_figures`] also reports SVG files that no page shows.

use anyhow::{Context, Result, bail};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*\{\{#figure\s+([\w./-]+\.svg)\s+"([^"]+)"\s*\}\}\s*$"#).unwrap()
});
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\bid="([\w-]+)""#).unwrap());

/// The directive's opening, as written in a page.
const OPENING: &str = "{{#figure";

/// Replaces every `{{#figure PATH "Caption"}}` line of a page with the inlined
/// figure. Figures are numbered in book order: `Figure 4-1`, `Figure 4-2` …
/// in chapter 4, plain `Figure 1` … on a page outside the chapters.
/// `numbered` is how many figures came before this page in its chapter (a
/// chapter spans several section pages); it is advanced past this page's.
pub fn replace_figures(
    src_dir: &Path,
    chapter: Option<u32>,
    content: &str,
    numbered: &mut u32,
) -> Result<String> {
    if !content.contains(OPENING) {
        return Ok(content.to_owned());
    }
    let mut out = String::with_capacity(content.len() + 4096);
    let number = numbered;
    for (in_code, line) in crate::util::markdown::lines_with_code_flag(content) {
        // Code blocks may show the directive itself; leave them alone.
        if in_code {
            out.push_str(line);
            continue;
        }
        let Some(found) = FIGURE.captures(line) else {
            if let Some(at) = line.find(OPENING)
                && line[..at].matches('`').count() % 2 == 0
            {
                bail!(
                    "`{}`: a figure directive must stand alone on its line and read \
                     {{{{#figure chNN-slug/figures/NAME.svg \"Caption\"}}}}",
                    line.trim()
                );
            }
            out.push_str(line);
            continue;
        };
        *number += 1;
        let label = match chapter {
            Some(chapter) => format!("{chapter}-{number}"),
            None => number.to_string(),
        };
        let path = src_dir.join(&found[1]);
        let svg = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{{{{#figure {}}}}}: cannot read {}",
                &found[1],
                path.display()
            )
        })?;
        let svg = inline_svg(&svg, &format!("figure-{label}"))
            .with_context(|| format!("{{{{#figure {}}}}}", &found[1]))?;
        out.push_str(&format!(
            "<figure class=\"diagram\" id=\"figure-{label}\">\n{svg}\n\
             <figcaption><span class=\"figure-label\">Figure {label}:</span> {}</figcaption>\n\
             </figure>\n",
            caption_html(&found[2])
        ));
    }
    Ok(out)
}

/// Checks an SVG file's text; the error says what is wrong with it.
pub fn check_svg(text: &str) -> Result<()> {
    let document = roxmltree::Document::parse(text).context("not well-formed XML")?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        bail!(
            "the root element is <{}>, not <svg>",
            root.tag_name().name()
        );
    }
    let view_box = root
        .attribute("viewBox")
        .context("the <svg> element has no viewBox, so it cannot scale to the page")?;
    let numbers: Vec<f64> = view_box
        .split([' ', ','])
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect();
    if numbers.len() != 4 || numbers[2] <= 0.0 || numbers[3] <= 0.0 {
        bail!("viewBox=\"{view_box}\" is not four numbers with a positive width and height");
    }
    if root.attribute("role") != Some("img") {
        bail!("the <svg> element needs role=\"img\" so screen readers announce it as one picture");
    }
    for wanted in ["title", "desc"] {
        let has_text = root.children().any(|child| {
            child.tag_name().name() == wanted
                && child.text().is_some_and(|text| !text.trim().is_empty())
        });
        if !has_text {
            bail!("the <svg> element needs a <{wanted}> child with text, for screen readers");
        }
    }
    for node in document.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if matches!(name, "script" | "foreignObject" | "image" | "a") {
            bail!("<{name}> is not allowed in a figure: figures are drawings only");
        }
        if name == "style" && node.text().is_some_and(refers_outside) {
            bail!("a <style> element refers to another file");
        }
        for attribute in node.attributes() {
            let value = attribute.value();
            let external = match attribute.name() {
                "href" => !value.starts_with('#'),
                _ => refers_outside(value),
            };
            if external {
                bail!(
                    "<{name} {}=\"{value}\"> refers to something outside the figure; \
                     the book must render without a network",
                    attribute.name()
                );
            }
        }
    }
    Ok(())
}

/// A `url(…)` that is not a `#fragment` of the same document, or `@import`.
fn refers_outside(value: &str) -> bool {
    value.contains("@import")
        || value.match_indices("url(").any(|(at, _)| {
            !value[at + 4..]
                .trim_start_matches(['\'', '"'])
                .starts_with('#')
        })
}

/// The `<svg>` element ready to inline: checked, without the XML declaration
/// or comments around it, without blank lines (a blank line would end the
/// HTML block in Markdown), and with its ids prefixed by the figure's id so
/// that two figures on one page cannot clash.
fn inline_svg(text: &str, figure_id: &str) -> Result<String> {
    check_svg(text)?;
    let document = roxmltree::Document::parse(text)?;
    let mut svg = text[document.root_element().range()].to_owned();
    let ids: BTreeSet<String> = ID.captures_iter(&svg).map(|c| c[1].to_owned()).collect();
    for id in ids.iter().rev() {
        let prefixed = format!("{figure_id}-{id}");
        svg = svg
            .replace(&format!("id=\"{id}\""), &format!("id=\"{prefixed}\""))
            .replace(&format!("url(#{id})"), &format!("url(#{prefixed})"))
            .replace(&format!("href=\"#{id}\""), &format!("href=\"#{prefixed}\""));
    }
    Ok(svg
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The caption as HTML: escaped, with `backticks` as code.
fn caption_html(caption: &str) -> String {
    crate::util::html::with_code_spans(caption)
}

/// Every SVG file under a `figures/` folder of `src/`, sorted.
fn figure_files(src_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = crate::util::fs::walk(src_dir)
        .into_iter()
        .filter(|path| {
            path.extension().is_some_and(|e| e == "svg")
                && path
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|dir| dir == "figures")
        })
        .collect();
    files.sort();
    files
}

/// Every `{{#figure}}` names a valid SVG file, and every SVG under
/// `src/**/figures/` is shown by some page.
pub fn check_figures(root: &Path) -> Vec<String> {
    let src_dir = root.join("src");
    let mut problems = Vec::new();
    let mut shown = BTreeSet::new();
    for page in crate::book::check::markdown_pages(root) {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let page_name = page
            .strip_prefix(root)
            .unwrap_or(&page)
            .display()
            .to_string();
        for (_, line) in crate::util::markdown::lines_with_code_flag(&text)
            .into_iter()
            .filter(|(code, _)| !code)
        {
            let Some(found) = FIGURE.captures(line) else {
                continue;
            };
            let path = crate::book::listings::normalize(&src_dir.join(&found[1]));
            match std::fs::read_to_string(&path) {
                Err(_) => problems.push(format!(
                    "{page_name}: {{{{#figure {}}}}} names a file that does not exist",
                    &found[1]
                )),
                Ok(svg) => {
                    if let Err(e) = check_svg(&svg) {
                        problems.push(format!("src/{}: {e:#}", &found[1]));
                    }
                }
            }
            shown.insert(path);
        }
    }
    for file in figure_files(&src_dir) {
        if !shown.contains(&crate::book::listings::normalize(&file)) {
            problems.push(format!(
                "{} is not shown on any page (add a {{{{#figure}}}} or delete it)",
                file.strip_prefix(root).unwrap_or(&file).display()
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the drawing -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" role="img">
  <title>Two boxes</title>
  <desc>A box with an arrow to another box.</desc>
  <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>

  <rect class="box" x="10" y="10" width="50" height="30"/>
  <line x1="60" y1="25" x2="120" y2="25" marker-end="url(#arrow)"/>
</svg>
"##;

    fn broken(from: &str, to: &str) -> String {
        let error = check_svg(&GOOD.replace(from, to)).unwrap_err();
        format!("{error:#}")
    }

    #[test]
    fn a_clean_svg_passes_and_each_breakage_is_named() {
        check_svg(GOOD).unwrap();
        assert!(broken("</svg>", "").contains("not well-formed"));
        assert!(broken(r#" viewBox="0 0 200 100""#, "").contains("no viewBox"));
        assert!(broken("0 0 200 100", "0 0 wide").contains("four numbers"));
        assert!(broken(r#" role="img""#, "").contains("role=\"img\""));
        assert!(broken("<title>Two boxes</title>", "").contains("<title>"));
        assert!(broken("url(#arrow)", "url(https://example.org/a.svg#arrow)").contains("outside"));
        assert!(
            broken(
                "<rect ",
                r#"<use href="http://example.org/x.svg#box"/><rect "#
            )
            .contains("outside")
        );
        assert!(broken("<rect ", "<script>alert(1)</script><rect ").contains("<script>"));
    }

    #[test]
    fn figures_are_inlined_numbered_and_free_of_blank_lines() {
        let scratch = tempfile::tempdir().unwrap();
        let src = scratch.path().to_owned();
        std::fs::create_dir_all(src.join("ch04-locks/figures")).unwrap();
        std::fs::write(src.join("ch04-locks/figures/boxes.svg"), GOOD).unwrap();
        let page = "Text.\n\n{{#figure ch04-locks/figures/boxes.svg \"Two `boxes` & an arrow\"}}\n\n\
                    More.\n\n{{#figure ch04-locks/figures/boxes.svg \"Again\"}}\n\n\
                    ```markdown\n{{#figure shown/in/a/code/block.svg \"Not replaced\"}}\n```\n";
        let html = replace_figures(&src, Some(4), page, &mut 0).unwrap();
        assert!(html.contains("<figure class=\"diagram\" id=\"figure-4-1\">\n<svg "));
        assert!(html.contains("Figure 4-1:</span> Two <code>boxes</code> &amp; an arrow"));
        assert!(html.contains("id=\"figure-4-2\""));
        assert!(
            html.contains("id=\"figure-4-1-arrow\"") && html.contains("url(#figure-4-2-arrow)")
        );
        assert!(!html.contains("<?xml") && !html.contains("a comment before"));
        assert!(html.contains("{{#figure shown/in/a/code/block.svg \"Not replaced\"}}"));
        let first = &html[html.find("<figure").unwrap()..html.find("</figure>").unwrap()];
        assert!(
            !first.contains("\n\n"),
            "a blank line would end the HTML block"
        );
    }

    #[test]
    fn a_directive_that_is_not_alone_on_its_line_is_an_error() {
        let src = std::env::temp_dir();
        let error = replace_figures(&src, Some(1), "See {{#figure a.svg \"x\"}} here.\n", &mut 0)
            .unwrap_err()
            .to_string();
        assert!(error.contains("stand alone"), "{error}");
        // Quoted in inline code, it is just text.
        let text = "Write `{{#figure PATH \"Caption\"}}` on a line.\n";
        assert_eq!(replace_figures(&src, Some(1), text, &mut 0).unwrap(), text);
    }
}
