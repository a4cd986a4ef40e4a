//! Mistake: moves the end of each piece on to the next whitespace, but
//! still starts the next piece `size` bytes after the start of this one.
//! The pieces overlap: the end of a word is counted again as a word of its
//! own, and words that fall in the overlap are counted twice.
//! Caught by: the_pieces_put_together_are_the_text, the_parallel_count_equals_the_sequential_one
// REGION
let mut pieces = Vec::new();
let mut start = 0;
while start < text.len() {
    let mut end = (start + size).min(text.len());
    while end < text.len() && !text.as_bytes()[end].is_ascii_whitespace() {
        end += 1;
    }
    pieces.push(&text[start..end]);
    start += size;
}
pieces
