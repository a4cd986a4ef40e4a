//! Mistake: counts `size` in characters, as Python's `len(str)` does, not in
//! bytes, so in text that is not ASCII each cut lands later than `size`
//! bytes in, past the whitespace where it belongs.
//! Caught by: each_cut_is_at_the_first_whitespace_at_or_after_the_size_in_bytes
// REGION
let mut pieces = Vec::new();
let mut rest = text;
while !rest.is_empty() {
    let mut cut = rest.char_indices().nth(size).map_or(rest.len(), |(i, _)| i);
    cut += rest[cut..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - cut);
    let (piece, after) = rest.split_at(cut);
    pieces.push(piece);
    rest = after;
}
pieces
