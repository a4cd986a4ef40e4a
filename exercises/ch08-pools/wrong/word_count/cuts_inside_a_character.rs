//! Mistake: moves each cut on to the next whitespace but counts in bytes
//! only, never checking `is_char_boundary`. On ASCII text every byte is a
//! character and all is well; on text with `é` or `日`, a cut lands inside
//! a character and slicing there panics.
//! Caught by: a_text_that_is_not_ascii_is_cut_between_characters
// REGION
let mut pieces = Vec::new();
let mut rest = text;
while !rest.is_empty() {
    let mut cut = size.min(rest.len());
    cut += rest[cut..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - cut);
    let (piece, after) = rest.split_at(cut);
    pieces.push(piece);
    rest = after;
}
pieces
