//! Mistake: counts the pieces with `iter()` and a sequential `fold`. The
//! result is right, but every piece is counted on the calling thread, one
//! after another: the pieces were cut for nothing.
//! Caught by: the_pieces_are_counted_on_more_than_one_thread
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
    .iter()
    .map(|piece| count(piece))
    .fold(Counts::new(), |mut total, counts| {
        for (word, times) in counts {
            *total.entry(word).or_insert(0) += times;
        }
        total
    })
