use ch03_exercises::high_score;

use high_score::{HighScore, Slot};
use std::cell::Cell;
use std::thread;

#[test]
fn only_a_higher_score_raises_the_best() {
    let scores = HighScore::empty();
    let raised: [bool; 4] = [
        scores.record(5),
        scores.record(3),
        scores.record(5),
        scores.record(9),
    ];
    assert_eq!(
        raised,
        [true, false, false, true],
        "record(5), record(3), record(5), record(9) on an empty table: 5 beats 0, 3 does not \
         beat 5, 5 only ties with 5, 9 beats 5"
    );
    let best: u64 = scores.best();
    assert_eq!(best, 9);
}

/// A slot in which other players' scores land right after the reads of the
/// `record` under test (its `load`s and `compare_exchange`s), before it
/// writes: where a racing thread can get in. The first score lands after the
/// first read, the second after the second read, and so on. All of it
/// happens on the test's thread, in this order, every time.
struct Interrupting {
    best: Cell<u64>,
    other_scores: Vec<u64>,
    reads: Cell<usize>,
}

impl Interrupting {
    fn with_other_score(other_score: u64) -> Interrupting {
        Interrupting::with_other_scores(&[other_score])
    }

    fn with_other_scores(other_scores: &[u64]) -> Interrupting {
        Interrupting {
            best: Cell::new(0),
            other_scores: other_scores.to_vec(),
            reads: Cell::new(0),
        }
    }

    /// Called after each read: the next of the other scores lands, if any.
    fn after_a_read(&self) {
        let reads = self.reads.get();
        if let Some(&other) = self.other_scores.get(reads) {
            self.best.set(self.best.get().max(other));
        }
        self.reads.set(reads + 1);
        // A few tries are enough here; a thousand mean a loop that never ends.
        assert!(
            reads + 1 < 1_000,
            "record used the slot 1000 times without finishing: after a failed \
             compare_exchange, does your loop compare with the value it returned?"
        );
    }
}

impl Slot for Interrupting {
    fn load(&self) -> u64 {
        let value = self.best.get();
        self.after_a_read();
        value
    }
    fn store(&self, value: u64) {
        self.best.set(value);
    }
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64> {
        let value = self.best.get();
        if value == current {
            self.best.set(new);
        }
        self.after_a_read();
        if value == current {
            Ok(value)
        } else {
            Err(value)
        }
    }
}

#[test]
fn a_higher_score_that_lands_meanwhile_is_kept() {
    let scores = HighScore {
        best: Interrupting::with_other_score(9),
    };
    let _: bool = scores.record(5);
    let best: u64 = scores.best.best.get();
    assert_eq!(
        best, 9,
        "while your record(5) ran, another player scored 9, and the best score should be 9. \
         A `store` after a `load` writes over whatever landed in between"
    );
}

#[test]
fn a_lower_score_that_lands_meanwhile_does_not_stop_a_higher_one() {
    let scores = HighScore {
        best: Interrupting::with_other_score(5),
    };
    let raised: bool = scores.record(9);
    assert!(raised, "record(9) should report that 9 is the new best");
    let best: u64 = scores.best.best.get();
    assert_eq!(
        best, 9,
        "while your record(9) ran, another player scored 5, and your compare_exchange found 5 \
         where it expected 0. 9 still beats 5: try again against the value it found"
    );
}

#[test]
fn a_score_beaten_meanwhile_reports_false() {
    let scores = HighScore {
        best: Interrupting::with_other_score(9),
    };
    let raised: bool = scores.record(5);
    assert!(
        !raised,
        "while your record(5) ran, another player scored 9, so 5 did not become the best \
         score: record must report false. Did it return what it decided before the exchange?"
    );
}

#[test]
fn a_higher_score_landing_during_a_retry_is_kept() {
    let scores = HighScore {
        best: Interrupting::with_other_scores(&[5, 9]),
    };
    let raised: bool = scores.record(7);
    let best: u64 = scores.best.best.get();
    assert_eq!(
        (best, raised),
        (9, false),
        "while your record(7) ran, another player scored 5 right after your first read, and \
         a third scored 9 right after your second: 9 is the best score, and 7 did not \
         become it (best, what record returned). Write only with `compare_exchange`, also \
         on a retry; a `store` writes over what landed meanwhile"
    );
}

#[test]
fn a_higher_score_landing_right_after_your_exchange_does_not_undo_your_win() {
    // Nothing lands after the first read (a score of 0 changes nothing);
    // 60 lands right after the second, the exchange that puts 50 in.
    let scores = HighScore {
        best: Interrupting::with_other_scores(&[0, 60]),
    };
    let raised: bool = scores.record(50);
    let best: u64 = scores.best.best.get();
    assert_eq!(
        (best, raised),
        (60, true),
        "your record(50) put 50 in with a compare_exchange that succeeded, and right after \
         it another player scored 60: 60 is the best score now, but 50 did become the best \
         first, so record(50) must return true (best, what record returned). The exchange's \
         own `Ok` says you won; a `load` afterwards sees what others did since"
    );
}

#[test]
fn eight_threads_at_once_end_with_the_best_of_all() {
    for round in 0..20 {
        let scores = HighScore::empty();
        let raised: Vec<u64> = thread::scope(|s| {
            let players: Vec<_> = (0..8u64)
                .map(|player| {
                    let scores = &scores;
                    s.spawn(move || {
                        // Player 0 scores 0, 8, 16, …, player 7 scores 7, 15, 23, …:
                        // the threads keep overtaking each other.
                        (0..1_000u64)
                            .map(|game| game * 8 + player)
                            .filter(|&score| scores.record(score))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            players
                .into_iter()
                .flat_map(|player| player.join().unwrap())
                .collect()
        });
        let best: u64 = scores.best();
        assert_eq!(
            best, 7_999,
            "round {round}: the best of the scores 0..8000 is 7999"
        );
        assert!(
            raised.contains(&7_999),
            "round {round}: record(7999) beat every other score, so it should have returned true"
        );
    }
}
