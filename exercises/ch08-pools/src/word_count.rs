//! # A word count on rayon
//!
//! Counting words is the chapter's CPU-bound job: cut the text into pieces,
//! count each piece on its own, and add the counts up. Pieces can be
//! counted in any order, on any thread, so rayon can spread them over its
//! workers; the only care is in the cutting and in the adding.
//!
//! `count_piece` (given) is the sequential word count: it counts the words
//! of one piece, lowercased, without the punctuation around them. Counting
//! the whole text with it is the answer your parallel count must give.
//!
//! Implement two functions:
//!
//! - `pieces(text, size)` cuts `text` into pieces of about `size` bytes
//!   without ever cutting through a word: each cut is moved on to the next
//!   whitespace (or to the end of the text). Put together, the pieces are
//!   the text, byte for byte; none is empty.
//! - `count_words_with(text, size, count)` counts every piece of
//!   `pieces(text, size)` with `count`, on rayon's threads (`par_iter`), and
//!   merges the counts into one map. A word found in several pieces must
//!   end up with the sum of its counts.
//!
//! `count_words(text, size)` (given) is `count_words_with` with
//! `count_piece`; the tests pass in a `count` of their own to see which
//! threads count the pieces.
//!
//! The tests check that the pieces make up the text and cut no word, that
//! no cut is moved back (also at a space of several bytes), that
//! the parallel count equals the sequential one for several piece sizes,
//! and that on a rayon pool of two threads both threads count pieces.

use rayon::prelude::*;
use std::collections::HashMap;

/// How many times each word occurs.
pub type Counts = HashMap<String, usize>;

/// The sequential word count of one piece of text.
pub fn count_piece(piece: &str) -> Counts {
    let mut counts = Counts::new();
    for word in piece.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

/// Cuts `text` into pieces of about `size` bytes, each cut moved on to the
/// next whitespace so that no word is cut in two.
pub fn pieces(text: &str, size: usize) -> Vec<&str> {
    assert!(size > 0, "pieces of no bytes would never reach the end");
    // SOLUTION: Repeatedly take `size` bytes from the rest of the text, move the cut forward to the next whitespace (or the end), and split the piece off there.
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = size.min(rest.len());
        // A cut must fall between two characters, not inside one.
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        // Finish the word the cut landed in.
        cut += rest[cut..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - cut);
        let (piece, after) = rest.split_at(cut);
        pieces.push(piece);
        rest = after;
    }
    pieces
    // END SOLUTION
}

/// Counts the words of `text`, piece by piece on rayon's threads, each piece
/// with `count`.
pub fn count_words_with(text: &str, size: usize, count: impl Fn(&str) -> Counts + Sync) -> Counts {
    // SOLUTION: Count the pieces with `count` in a `par_iter`, then `reduce` the maps into one, adding up the counts of words that occur in both.
    pieces(text, size)
        .par_iter()
        .map(|piece| count(piece))
        .reduce(Counts::new, |mut total, counts| {
            for (word, times) in counts {
                *total.entry(word).or_insert(0) += times;
            }
            total
        })
    // END SOLUTION
}

/// Counts the words of `text` in parallel, in pieces of about `size` bytes.
pub fn count_words(text: &str, size: usize) -> Counts {
    count_words_with(text, size, count_piece)
}
