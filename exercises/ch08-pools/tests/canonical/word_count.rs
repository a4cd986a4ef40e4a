use ch08_exercises::word_count;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::Duration;
use testkit::Meeting;
use word_count::{count_piece, count_words, count_words_with, pieces};

/// A fixed text, long enough for many pieces, in which the common words
/// ("the", "a", "pool") turn up in nearly every piece.
const TEXT: &str = "A pool keeps a few threads alive and hands them work. \
The threads wait on one queue; the queue holds the jobs, and the first free \
thread takes the next job. Starting a thread costs time, so a pool starts its \
threads once and keeps them: the cost is paid at the start, not for every job.\n\
A pool also puts a bound on the work in flight. With four threads, at most \
four jobs run at once, however many are queued, and the machine is not \
swamped. Python's ThreadPoolExecutor does the same with max_workers.\n\n\
Submitting a job gives back a handle. The handle waits for the result when \
asked, and not before; meanwhile the caller is free to submit more jobs, to \
wait for the first result to come back, or to do some work of its own. \
The pool runs the jobs, the caller collects the results.\n\
Rayon is a pool too, a pool tuned for work that keeps the processor busy. \
It splits a job in two, and in two again, until each part is small, and an \
idle thread steals a part from a busy one. Counting the words of a book is \
such a job: each piece of the book is counted on its own, on any thread, and \
the counts are added up at the end. The cutting must not split a word, and \
the adding must not lose a count: two pieces may both hold the word the, and \
the total must hold the sum.\n";

#[test]
fn the_pieces_put_together_are_the_text() {
    for size in [1, 7, 40, 1000] {
        let pieces: Vec<&str> = pieces(TEXT, size);
        assert!(
            pieces.iter().all(|piece| !piece.is_empty()),
            "pieces({size}) gave an empty piece"
        );
        assert_eq!(
            pieces.concat(),
            TEXT,
            "the pieces of about {size} bytes, put together, should be the text again: no \
             byte left out, none taken twice"
        );
    }
}

#[test]
fn no_word_is_cut_between_two_pieces() {
    for size in [7, 40] {
        let pieces: Vec<&str> = pieces(TEXT, size);
        for pair in pieces.windows(2) {
            let cut_between_spaces =
                pair[0].ends_with(char::is_whitespace) || pair[1].starts_with(char::is_whitespace);
            assert!(
                cut_between_spaces,
                "pieces of about {size} bytes: the cut between {:?} and {:?} goes through a \
                 word; move each cut on to the next whitespace",
                pair[0], pair[1]
            );
        }
        assert!(
            pieces.len() >= TEXT.len() / (2 * size),
            "a text of {} bytes in pieces of about {size} bytes came out as only {} pieces",
            TEXT.len(),
            pieces.len()
        );
    }
}

#[test]
fn an_empty_text_has_no_pieces_and_no_words() {
    let no_pieces: Vec<&str> = pieces("", 10);
    assert!(no_pieces.is_empty(), "pieces of an empty text");
    let no_words: HashMap<String, usize> = count_words("", 10);
    assert!(no_words.is_empty(), "the words of an empty text");
}

#[test]
fn the_parallel_count_equals_the_sequential_one() {
    let sequential: HashMap<String, usize> = count_piece(TEXT);
    for size in [5, 16, 64, 300] {
        let parallel: HashMap<String, usize> = count_words(TEXT, size);
        for (word, times) in &sequential {
            let found = parallel.get(word).copied().unwrap_or(0);
            assert_eq!(
                found, *times,
                "pieces of about {size} bytes: {word:?} occurs {times} times in the text, but \
                 the parallel count says {found}. When two pieces both hold a word, the merge \
                 must add their counts up"
            );
        }
        let extra: Vec<&String> = parallel
            .keys()
            .filter(|word| !sequential.contains_key(*word))
            .collect();
        assert!(
            extra.is_empty(),
            "pieces of about {size} bytes: the parallel count found words that are not in the \
             text: {extra:?}. Was a word cut in two?"
        );
    }
}

#[test]
fn the_pieces_are_counted_on_more_than_one_thread() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a rayon pool of 2 threads");
    let meeting = Meeting::new(2, PATIENCE);
    let counted_on = Mutex::new(HashSet::new());
    let counts: HashMap<String, usize> = pool.install(|| {
        count_words_with(TEXT, 40, |piece: &str| {
            // The first piece waits here until a second one is being counted.
            meeting.arrive();
            counted_on
                .lock()
                .unwrap()
                .insert(rayon::current_thread_index());
            count_piece(piece)
        })
    });
    assert_eq!(counts, count_piece(TEXT), "the count itself is wrong");
    if let Err(arrived) = meeting.outcome() {
        panic!(
            "on a rayon pool of 2 threads, the first piece waited {PATIENCE:?} for a second to \
             be counted at the same time, but only {arrived} was: count the pieces with \
             `par_iter()`, not `iter()`"
        );
    }
    let threads = counted_on.into_inner().unwrap();
    assert!(
        threads.len() >= 2,
        "the pieces were counted on these rayon threads only: {threads:?}"
    );
}

/// Words in several scripts, with characters of two, three and four bytes,
/// so that a cut `size` bytes on often lands inside a character.
const NOT_ASCII: &str = "Größe été naïve café\tΣοφία καλημέρα\n日本語 の 文章 🦀 crabs 🦀🦀 \
über Größe CAFÉ déjà-vu 東京 ok";

#[test]
fn a_text_that_is_not_ascii_is_cut_between_characters() {
    let sequential: HashMap<String, usize> = count_piece(NOT_ASCII);
    for size in 1..=13 {
        let pieces: Vec<&str> = pieces(NOT_ASCII, size);
        assert_eq!(
            pieces.concat(),
            NOT_ASCII,
            "pieces of about {size} bytes, put together"
        );
        for pair in pieces.windows(2) {
            assert!(
                pair[0].ends_with(char::is_whitespace) || pair[1].starts_with(char::is_whitespace),
                "pieces of about {size} bytes: the cut between {:?} and {:?} goes through a word",
                pair[0],
                pair[1]
            );
        }
        let parallel: HashMap<String, usize> = count_words(NOT_ASCII, size);
        assert_eq!(
            parallel, sequential,
            "the words of a text that is not ASCII, in pieces of about {size} bytes"
        );
    }
}

#[test]
fn a_text_shorter_than_a_piece_is_one_piece() {
    let pieces: Vec<&str> = pieces("two words", 100);
    assert_eq!(
        pieces,
        ["two words"],
        "a text of 9 bytes in pieces of about 100"
    );
    let counts: HashMap<String, usize> = count_words("two words", 100);
    let two: usize = counts.get("two").copied().unwrap_or(0);
    assert_eq!(two, 1, "the words of a text shorter than one piece");
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_secs(1);

/// Spaces that are not ASCII: an ideographic space (3 bytes in UTF-8) and a
/// no-break space (2 bytes), both whitespace to `char::is_whitespace`.
const WIDE_SPACES: &str = "ab\u{3000}cd\u{3000}\u{3000}ef gh\u{a0}ij\u{3000}k";

#[test]
fn every_piece_but_the_last_is_at_least_the_size_also_with_wide_spaces() {
    // Sizes of 3 bytes and up first: a cut that lands inside a wide space
    // and is moved back, not on, gives a piece shorter than asked. Then the
    // small sizes, where such a cut can move back to the start of the rest
    // and split off an empty piece again and again: on a thread, under a
    // deadline, so that a loop that never ends fails instead of hanging.
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(check_wide_space_pieces());
    });
    match result.recv_timeout(Duration::from_secs(2)) {
        Ok(Ok(())) => {}
        Ok(Err(problem)) => panic!("{problem}"),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!(
            "pieces() did not return within 2 s for a text of {} bytes: does a cut inside a \
             wide space move back to where it started, so that the rest never shrinks?",
            WIDE_SPACES.len()
        ),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("pieces() panicked"),
    }
}

fn check_wide_space_pieces() -> Result<(), String> {
    for size in (3..=9).chain(1..=2) {
        let pieces: Vec<&str> = pieces(WIDE_SPACES, size);
        if pieces.concat() != WIDE_SPACES {
            return Err(format!(
                "pieces of about {size} bytes, put together, are not the text: {pieces:?}"
            ));
        }
        if pieces.iter().any(|piece| piece.is_empty()) {
            return Err(format!("pieces({size}) gave an empty piece: {pieces:?}"));
        }
        for piece in &pieces[..pieces.len().saturating_sub(1)] {
            if piece.len() < size {
                return Err(format!(
                    "pieces of about {size} bytes gave {piece:?}, {} bytes: a cut is only \
                     ever moved on, to the next whitespace, never back (a wide space is \
                     several bytes; a cut inside one belongs after it)",
                    piece.len()
                ));
            }
        }
        for pair in pieces.windows(2) {
            if !(pair[0].ends_with(char::is_whitespace) || pair[1].starts_with(char::is_whitespace))
            {
                return Err(format!(
                    "pieces of about {size} bytes: the cut between {:?} and {:?} goes through \
                     a word",
                    pair[0], pair[1]
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn each_cut_is_at_the_first_whitespace_at_or_after_the_size_in_bytes() {
    // For every piece but the last: from `size` bytes in (moved on to the
    // end of a character it lands inside) to the end of the piece, there is
    // no whitespace, or the cut should have been made there. A cut that
    // looks only for ASCII whitespace bytes skips a no-break or an
    // ideographic space; a size counted in characters, not bytes, cuts
    // later than `size` bytes in text that is not ASCII.
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(check_cuts_at_the_first_whitespace());
    });
    match result.recv_timeout(Duration::from_secs(2)) {
        Ok(Ok(())) => {}
        Ok(Err(problem)) => panic!("{problem}"),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("pieces() did not return within 2 s for a text of under 200 bytes")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("pieces() panicked"),
    }
}

fn check_cuts_at_the_first_whitespace() -> Result<(), String> {
    for text in [WIDE_SPACES, NOT_ASCII] {
        for size in 1..=13 {
            let pieces: Vec<&str> = pieces(text, size);
            for piece in &pieces[..pieces.len().saturating_sub(1)] {
                let mut from = size.min(piece.len());
                while !piece.is_char_boundary(from) {
                    from += 1;
                }
                if let Some(at) = piece[from..].find(char::is_whitespace) {
                    return Err(format!(
                        "pieces of about {size} bytes gave {piece:?}, {} bytes, with whitespace \
                         at byte {}: the cut goes at the first whitespace at or after {size} \
                         bytes, not a later one. Is `size` counted in bytes (not characters), \
                         and is every whitespace character found, also a no-break or an \
                         ideographic space (`char::is_whitespace`)?",
                        piece.len(),
                        from + at
                    ));
                }
            }
        }
    }
    Ok(())
}
