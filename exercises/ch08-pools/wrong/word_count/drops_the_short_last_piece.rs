//! Mistake: cuts pieces only while at least `size` bytes are left, and
//! forgets the shorter rest of the text after the loop. The last few words
//! are never counted, and a text shorter than one piece has no words at all.
//! Caught by: the_pieces_put_together_are_the_text, a_text_shorter_than_a_piece_is_one_piece, a_text_that_is_not_ascii_is_cut_between_characters
// REGION
let mut pieces = Vec::new();
let mut rest = text;
while rest.len() >= size {
    let mut cut = size;
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
