//! Mistake: moves the cut on to the next ASCII whitespace byte
//! (`u8::is_ascii_whitespace`), so a no-break or an ideographic space is
//! passed over and the cut lands at a later space, making the piece longer
//! than it should be. On ASCII text it cuts right.
//! Caught by: each_cut_is_at_the_first_whitespace_at_or_after_the_size_in_bytes
// REGION
let mut pieces = Vec::new();
let mut rest = text;
while !rest.is_empty() {
    let mut cut = size.min(rest.len());
    cut += rest.as_bytes()[cut..]
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(rest.len() - cut);
    let (piece, after) = rest.split_at(cut);
    pieces.push(piece);
    rest = after;
}
pieces
