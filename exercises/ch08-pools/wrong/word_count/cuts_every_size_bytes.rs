//! Mistake: cuts the text every `size` bytes, wherever that falls. Most
//! cuts go through a word, which then counts as two half-words that are
//! not in the text, and the real word is missed. (On a text that is not
//! ASCII, a cut inside a character would even panic.)
//! Caught by: no_word_is_cut_between_two_pieces, the_parallel_count_equals_the_sequential_one
// REGION
text.as_bytes()
    .chunks(size)
    .map(|chunk| std::str::from_utf8(chunk).expect("a cut inside a character"))
    .collect()
