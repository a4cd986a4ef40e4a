//! A type that owns its work, moved onto a thread.

use std::thread::{self, JoinHandle};

/// Counts the words of one book. It owns everything its work needs, so it
/// can move onto a thread of its own.
struct WordCounter {
    title: String,
    text: String,
}

/// What a `WordCounter` hands back when it is done.
struct WordCount {
    title: String,
    words: usize,
}

impl WordCounter {
    fn new(title: &str, text: &str) -> WordCounter {
        WordCounter {
            title: title.into(),
            text: text.into(),
        }
    }

    /// The work itself: an ordinary method, so it can also run (and be
    /// tested) without a thread.
    fn run(self) -> WordCount {
        let words = self.text.split_whitespace().count();
        WordCount {
            title: self.title,
            words,
        }
    }

    /// Starts the counter on a thread named after its book. `self` moves into
    /// the thread, so a counter cannot be started twice.
    fn spawn(self) -> JoinHandle<WordCount> {
        thread::Builder::new()
            .name(format!("counter: {}", self.title))
            .spawn(move || self.run())
            .expect("the OS refused to start a thread")
    }
}

fn main() {
    let counters = [
        WordCounter::new("The Harbour", "Fog rolled over the harbour before dawn"),
        WordCounter::new(
            "Night Train",
            "The night train rattled north past sleeping towns",
        ),
        WordCounter::new("Salt", "Salt and pepper"),
    ];

    let handles: Vec<JoinHandle<WordCount>> =
        counters.into_iter().map(WordCounter::spawn).collect();

    for handle in handles {
        let count = handle.join().expect("a counter panicked");
        println!("{}: {} words", count.title, count.words);
    }
}
