//! Mistake: merges with `reduce_with` and unwraps its `Option`, since
//! "there is always at least one piece". An empty text has no pieces,
//! `reduce_with` gives `None`, and the count panics instead of returning
//! an empty map.
//! Caught by: an_empty_text_has_no_pieces_and_no_words
// REGION
let mut pieces = Vec::new();
let mut rest = text;
while !rest.is_empty() {
    let mut cut = size.min(rest.len());
    while !rest.is_char_boundary(cut) {
        cut += 1;
    }
    cut += rest[cut..]
        .find(char::is_whitespace)
        .unwrap_or(rest.len() - cut);
    let (piece, after) = rest.split_at(cut);
    pieces.push(piece);
    rest = after;
}
pieces
// REGION
pieces(text, size)
    .par_iter()
    .map(|piece| count(piece))
    .reduce_with(|mut total, counts| {
        for (word, times) in counts {
            *total.entry(word).or_insert(0) += times;
        }
        total
    })
    .expect("there is always at least one piece")
