//! `{{#listing listings/ch05-timers/src/bin/cancel_timer.rs}}`: a link to the
//! place where the book shows a listing, written as "Listing 5-3".
//!
//! Listing numbers are given by the preprocessor as it captions each page, so
//! a page that points at a listing in another chapter (the cheat sheet does
//! little else) cannot know the number when it is written. The preprocessor
//! therefore captions every page first, noting which caption each file got,
//! and only then replaces these references. A reference to a file that no
//! page shows is an error, so the links cannot go stale.

use anyhow::{Result, bail};
use regex::Regex;
use std::collections::HashMap;
use std::path::{Component, Path};
use std::sync::LazyLock;

/// Where a listing is shown: the page's source path (relative to `src/`),
/// the caption's `id`, and its label ("Listing 5-3").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub page: String,
    pub id: String,
    pub label: String,
}

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"<div class="listing-caption" id="([\w-]+)" data-shows="([^"]+)"><span class="listing-label">([^<]+)</span>"#,
    )
    .unwrap()
});

static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{#listing\s+([\w./:-]+)\s*\}\}").unwrap());

/// The `id` a caption gets from its label: "Listing 5-3" → `listing-5-3`.
pub fn caption_id(label: &str) -> String {
    label.to_lowercase().replace(' ', "-")
}

/// Notes every listing captioned on a captioned page. A reference names a
/// file (`listings/ch04-locks/src/lib.rs`), or a file and the anchor or
/// lines shown (`…/lib.rs:back_off`); either points at the first caption
/// that matches it.
pub fn record(index: &mut HashMap<String, Shown>, page: &str, captioned: &str) {
    for found in CAPTION.captures_iter(captioned) {
        let shown = Shown {
            page: page.to_owned(),
            id: found[1].to_owned(),
            label: found[3].to_owned(),
        };
        let shows = &found[2];
        let file = match shows.split_once(':') {
            Some((file, _selector)) => file,
            None => shows,
        };
        index
            .entry(file.to_owned())
            .or_insert_with(|| shown.clone());
        index.entry(shows.to_owned()).or_insert(shown);
    }
}

/// Replaces every `{{#listing FILE}}` on a page (at source path `page`) by a
/// Markdown link to the caption that shows FILE.
pub fn replace(index: &HashMap<String, Shown>, page: &str, content: &str) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for found in REFERENCE.captures_iter(content) {
        let whole = found.get(0).unwrap();
        let file = &found[1];
        let Some(shown) = index.get(file) else {
            bail!("{{{{#listing {file}}}}}: no page of the book shows {file}");
        };
        out.push_str(&content[last..whole.start()]);
        let target = if shown.page == page {
            String::new()
        } else {
            relative(page, &shown.page)
        };
        out.push_str(&format!("[{}]({target}#{})", shown.label, shown.id));
        last = whole.end();
    }
    out.push_str(&content[last..]);
    Ok(out)
}

/// The path from page `from` to page `to`, both relative to `src/`.
fn relative(from: &str, to: &str) -> String {
    let depth = Path::new(from)
        .parent()
        .map(|dir| {
            dir.components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .count()
        })
        .unwrap_or(0);
    format!("{}{to}", "../".repeat(depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption(id: &str, label: &str, shows: &str) -> String {
        let file = shows.split(':').next().unwrap();
        format!(
            r#"<div class="listing-caption" id="{id}" data-shows="{shows}"><span class="listing-label">{label}</span> <span class="listing-file"><code>{file}</code></span></div>"#
        )
    }

    #[test]
    fn references_point_at_the_first_caption_of_a_file() {
        let mut index = HashMap::new();
        let page = format!(
            "{}\n{}\n{}",
            caption(
                "listing-5-1",
                "Listing 5-1",
                "listings/ch05-timers/src/lib.rs:timer"
            ),
            caption(
                "listing-5-2",
                "Listing 5-2",
                "listings/ch05-timers/src/main.rs"
            ),
            caption(
                "listing-5-3",
                "Listing 5-3",
                "listings/ch05-timers/src/lib.rs:batch"
            ),
        );
        record(&mut index, "ch05-timers/index.md", &page);
        let text = "See {{#listing listings/ch05-timers/src/lib.rs}} and {{#listing listings/ch05-timers/src/main.rs}}.";
        assert_eq!(
            replace(&index, "appendix-cheat-sheet.md", text).unwrap(),
            "See [Listing 5-1](ch05-timers/index.md#listing-5-1) and \
             [Listing 5-2](ch05-timers/index.md#listing-5-2)."
        );
        assert_eq!(
            replace(
                &index,
                "ch07-daemons/index.md",
                "{{#listing listings/ch05-timers/src/main.rs}}"
            )
            .unwrap(),
            "[Listing 5-2](../ch05-timers/index.md#listing-5-2)"
        );
        assert_eq!(
            replace(
                &index,
                "ch05-timers/index.md",
                "{{#listing listings/ch05-timers/src/main.rs}}"
            )
            .unwrap(),
            "[Listing 5-2](#listing-5-2)"
        );
    }

    #[test]
    fn a_reference_may_name_the_anchor_shown() {
        let mut index = HashMap::new();
        let page = format!(
            "{}\n{}",
            caption(
                "listing-4-1",
                "Listing 4-1",
                "listings/ch04-locks/src/lib.rs:table"
            ),
            caption(
                "listing-4-2",
                "Listing 4-2",
                "listings/ch04-locks/src/lib.rs:back_off"
            ),
        );
        record(&mut index, "ch04-locks/index.md", &page);
        assert_eq!(
            replace(
                &index,
                "a.md",
                "{{#listing listings/ch04-locks/src/lib.rs:back_off}}"
            )
            .unwrap(),
            "[Listing 4-2](ch04-locks/index.md#listing-4-2)"
        );
    }

    #[test]
    fn a_reference_to_a_file_no_page_shows_is_an_error() {
        let index = HashMap::new();
        let error = replace(&index, "a.md", "{{#listing listings/ch99/src/main.rs}}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "{{#listing listings/ch99/src/main.rs}}: no page of the book shows listings/ch99/src/main.rs"
        );
    }

    #[test]
    fn caption_ids_come_from_labels() {
        assert_eq!(caption_id("Listing 10-12"), "listing-10-12");
    }
}
