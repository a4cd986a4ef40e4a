use ch03_exercises::high_score;

use high_score::{HighScore, Slot};
use std::cell::Cell;
use std::thread;

#[test]
fn only_a_higher_score_raises_the_best() {
    let scores = HighScore::empty();
    assert!(scores.record(5), "5 beats an empty table");
    assert!(!scores.record(3), "3 does not beat 5");
    assert!(!scores.record(5), "5 only ties with 5");
    assert!(scores.record(9), "9 beats 5");
    assert_eq!(scores.best(), 9);
}

/// A slot in which another player's score lands right after the first read
/// of the `record` under test (its first `load` or `compare_exchange`),
/// before it writes: where a racing thread can get in. All of it happens on
/// the test's thread, in this order, every time.
struct Interrupting {
    best: Cell<u64>,
    other_score: u64,
    interrupted: Cell<bool>,
    operations: Cell<u32>,
}

impl Interrupting {
    fn with_other_score(other_score: u64) -> Interrupting {
        Interrupting {
            best: Cell::new(0),
            other_score,
            interrupted: Cell::new(false),
            operations: Cell::new(0),
        }
    }

    /// Called after each read: the first time, the other score lands.
    fn after_a_read(&self) {
        if !self.interrupted.replace(true) {
            self.best.set(self.best.get().max(self.other_score));
        }
        // Two tries are enough here; a thousand mean a loop that never ends.
        self.operations.set(self.operations.get() + 1);
        assert!(
            self.operations.get() < 1_000,
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
    scores.record(5);
    assert_eq!(
        scores.best.best.get(),
        9,
        "while your record(5) ran, another player scored 9, and the best score should be 9. \
         A `store` after a `load` writes over whatever landed in between"
    );
}

#[test]
fn a_lower_score_that_lands_meanwhile_does_not_stop_a_higher_one() {
    let scores = HighScore {
        best: Interrupting::with_other_score(5),
    };
    assert!(
        scores.record(9),
        "record(9) should report that 9 is the new best"
    );
    assert_eq!(
        scores.best.best.get(),
        9,
        "while your record(9) ran, another player scored 5, and your compare_exchange found 5 \
         where it expected 0. 9 still beats 5: try again against the value it found"
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
        assert_eq!(
            scores.best(),
            7_999,
            "round {round}: the best of the scores 0..8000 is 7999"
        );
        assert!(
            raised.contains(&7_999),
            "round {round}: record(7999) beat every other score, so it should have returned true"
        );
    }
}
