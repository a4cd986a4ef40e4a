//! Mistake: when a cut falls inside a character, moves it back to where
//! that character starts instead of on past it. Before a word character it
//! does no harm (the cut is then moved on to the end of the word), but when
//! the character is a wide space the piece ends before its `size` bytes;
//! and when the rest of the text starts with that space and `size` is
//! smaller than it, the cut goes back to 0 and the same empty piece is split
//! off for ever.
//! Caught by: every_piece_but_the_last_is_at_least_the_size_also_with_wide_spaces
// REGION
let mut pieces = Vec::new();
let mut rest = text;
while !rest.is_empty() {
    let mut cut = size.min(rest.len());
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    cut += rest[cut..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - cut);
    let (piece, after) = rest.split_at(cut);
    pieces.push(piece);
    rest = after;
}
pieces
