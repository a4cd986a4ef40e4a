//! Scoped threads borrow local data.

use std::thread;

fn main() {
    let chapters: Vec<String> = vec![
        "It rained on the morning the letters arrived".to_owned(),
        "Nobody in the village could read the handwriting".to_owned(),
        "The postman kept one letter back".to_owned(),
    ];
    let mut words_per_chapter = vec![0; chapters.len()];

    // Every thread spawned on `s` is joined before `scope` returns, so the
    // threads may borrow `chapters` and `words_per_chapter`: no `Arc`, no clone.
    let longest = thread::scope(|s| {
        for (chapter, words) in chapters.iter().zip(&mut words_per_chapter) {
            // `move` moves the two borrows into the thread, not the data.
            s.spawn(move || *words = chapter.split_whitespace().count());
        }

        // A scoped thread can even return a borrow of `main`'s data.
        let finder = s.spawn(|| {
            chapters
                .iter()
                .max_by_key(|c| c.len())
                .expect("no chapters")
        });
        finder.join().expect("the finder panicked")
    });

    println!("words per chapter, written by the threads: {words_per_chapter:?}");
    println!("total words: {}", words_per_chapter.iter().sum::<usize>());
    println!("longest chapter, borrowed from main: {longest:?}");
    println!("main still owns all {} chapters", chapters.len());
}
