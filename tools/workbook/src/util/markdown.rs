//! Fenced code blocks in a Markdown page, found by pulldown-cmark (the
//! parser mdBook itself uses) rather than by scanning for backticks.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use std::ops::Range;

/// One fenced code block, in line indices of the page (as
/// `str::split_inclusive('\n')` cuts it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FencedBlock {
    /// The line with the opening fence.
    pub open: usize,
    /// The line with the closing fence; `None` when the block runs to the end
    /// of its container unclosed.
    pub close: Option<usize>,
}

impl FencedBlock {
    /// The lines between the fences.
    pub fn body(&self, line_count: usize) -> Range<usize> {
        self.open + 1..self.close.unwrap_or(line_count)
    }
}

/// Every fenced code block of `content`, in order.
pub fn fenced_blocks(content: &str) -> Vec<FencedBlock> {
    let starts = line_starts(content);
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let mut blocks = Vec::new();
    for (event, range) in Parser::new(content).into_offset_iter() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) = event else {
            continue;
        };
        let open = line_of(range.start);
        let last = line_of(range.end.saturating_sub(1).max(range.start));
        let opening = fence_marker(line(content, &starts, open));
        let close = (last > open
            && opening.is_some_and(|(marker, count)| {
                is_closing_fence(line(content, &starts, last), marker, count)
            }))
        .then_some(last);
        blocks.push(FencedBlock { open, close });
    }
    blocks
}

/// Each line of a page (with its newline), and whether it belongs to a
/// fenced code block (the fences included).
pub fn lines_with_code_flag(content: &str) -> Vec<(bool, &str)> {
    let lines: Vec<&str> = content.split_inclusive('\n').collect();
    let mut in_code = vec![false; lines.len()];
    for block in fenced_blocks(content) {
        let end = block.close.map_or(lines.len(), |close| close + 1);
        for flag in &mut in_code[block.open..end] {
            *flag = true;
        }
    }
    in_code.into_iter().zip(lines).collect()
}

/// `Some(("```", "rust"))` for a line that opens a fence at its start (after
/// indentation): the fence and the info string.
pub fn fence_open(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start();
    let (marker, count) = fence_marker(line)?;
    let fence: String = std::iter::repeat_n(marker, count).collect();
    Some((fence, trimmed[count..].trim_end()))
}

/// The fence character and how many of it open `line`.
fn fence_marker(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = trimmed.chars().take_while(|c| *c == marker).count();
    (count >= 3).then_some((marker, count))
}

fn is_closing_fence(line: &str, marker: char, count: usize) -> bool {
    let trimmed = line.trim();
    trimmed.chars().take_while(|c| *c == marker).count() >= count
        && trimmed.trim_start_matches(marker).is_empty()
}

fn line_starts(content: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        content
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .filter(|&i| i < content.len()),
    );
    starts
}

fn line<'a>(content: &'a str, starts: &[usize], index: usize) -> &'a str {
    let end = starts.get(index + 1).copied().unwrap_or(content.len());
    &content[starts[index]..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_recognised() {
        assert_eq!(fence_open("```rust\n"), Some(("```".to_owned(), "rust")));
        assert_eq!(fence_open("~~~~text\n"), Some(("~~~~".to_owned(), "text")));
        assert_eq!(fence_open("`code`\n"), None);
    }

    #[test]
    fn finds_blocks_and_flags_their_lines() {
        let page = "text\n```rust\nlet a = 1;\n```\nmore `code`\n~~~~\n```\n~~~~\nend\n";
        assert_eq!(
            fenced_blocks(page),
            vec![
                FencedBlock {
                    open: 1,
                    close: Some(3)
                },
                FencedBlock {
                    open: 5,
                    close: Some(7)
                }
            ]
        );
        let flags: Vec<bool> = lines_with_code_flag(page).iter().map(|l| l.0).collect();
        assert_eq!(
            flags,
            [false, true, true, true, false, true, true, true, false]
        );
    }

    #[test]
    fn an_unclosed_block_runs_to_the_end() {
        let page = "a\n```\nb\nc";
        assert_eq!(
            fenced_blocks(page),
            vec![FencedBlock {
                open: 1,
                close: None
            }]
        );
        assert_eq!(
            FencedBlock {
                open: 1,
                close: None
            }
            .body(4),
            2..4
        );
    }
}
