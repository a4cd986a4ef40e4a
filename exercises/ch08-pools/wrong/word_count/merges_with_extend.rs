//! Mistake: merges two maps of counts with `extend`, like Python's
//! `dict.update`. When both pieces hold a word, the second count replaces
//! the first instead of adding to it, so common words lose most of their
//! count.
//! Caught by: the_parallel_count_equals_the_sequential_one
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
    .reduce(Counts::new, |mut total, counts| {
        total.extend(counts);
        total
    })
