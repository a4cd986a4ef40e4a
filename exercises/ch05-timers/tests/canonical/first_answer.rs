use ch05_exercises::first_answer;

use first_answer::{NoAnswer, first_answer};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use testkit::ms;

type Mirror = Box<dyn FnOnce() -> Result<&'static str, &'static str> + Send>;

/// A mirror that takes `millis` to reply with `reply`.
fn mirror(millis: u64, reply: Result<&'static str, &'static str>) -> Mirror {
    Box::new(move || {
        thread::sleep(ms(millis));
        reply
    })
}

/// Runs the race on a thread; returns its outcome and how long it took,
/// failing the test if it takes longer than `deadline`.
fn race(
    mirrors: Vec<Mirror>,
    budget: Duration,
    deadline: Duration,
) -> (Result<&'static str, NoAnswer<&'static str>>, Duration) {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let start = Instant::now();
        let outcome = first_answer(mirrors, budget);
        let _ = done.send((outcome, start.elapsed()));
    });
    match result.recv_timeout(deadline) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("first_answer did not return within {deadline:?}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("first_answer panicked"),
    }
}

#[test]
fn the_fastest_good_answer_wins() {
    // The broken mirror replies first by 240 ms and the fast one beats the
    // slow one by 450 ms: with 40 ms between the broken and the fast reply,
    // a loaded 2-core machine once started the broken mirror's thread late
    // enough for the fast reply to arrive first.
    let mirrors = vec![
        mirror(700, Ok("slow mirror")),
        mirror(10, Err("broken mirror")),
        mirror(250, Ok("fast mirror")),
    ];
    let (outcome, _) = race(mirrors, ms(3000), ms(2000));
    assert_eq!(outcome, Ok("fast mirror"));
}

#[test]
fn returns_as_soon_as_it_has_a_good_answer() {
    let mirrors = vec![
        mirror(50, Ok("fast mirror")),
        mirror(3000, Ok("stuck mirror")),
    ];
    let (outcome, took) = race(mirrors, ms(4000), ms(2500));
    assert_eq!(outcome, Ok("fast mirror"));
    assert!(
        took < ms(1000),
        "took {took:?}: the answer came after 50 ms; do not wait for the other mirrors"
    );
}

#[test]
fn a_failure_does_not_end_the_race() {
    let mirrors = vec![
        mirror(10, Err("broken mirror")),
        mirror(300, Ok("good mirror")),
    ];
    let (outcome, _) = race(mirrors, ms(3000), ms(2000));
    assert_eq!(outcome, Ok("good mirror"));
}

#[test]
fn reports_every_failure_as_soon_as_all_have_failed() {
    // 200 ms apart, so that the order they fail in holds on a busy machine
    // (20 ms apart, a loaded 2-core machine swapped two of them).
    let mirrors = vec![
        mirror(450, Err("third")),
        mirror(50, Err("first")),
        mirror(250, Err("second")),
    ];
    let (outcome, took) = race(mirrors, ms(3000), ms(3500));
    assert_eq!(
        outcome,
        Err(NoAnswer::AllFailed(vec!["first", "second", "third"]))
    );
    assert!(
        took < ms(2000),
        "took {took:?}: every mirror had failed after 450 ms, so nothing more could come; \
         does the channel ever disconnect?"
    );
}

#[test]
fn no_mirrors_means_no_answer_at_once() {
    let (outcome, took) = race(Vec::new(), ms(3000), ms(3500));
    assert_eq!(outcome, Err(NoAnswer::AllFailed(Vec::new())));
    assert!(took < ms(1000), "took {took:?} with no mirror to wait for");
}

#[test]
fn the_deadline_covers_the_whole_race() {
    // Failures every 300 ms, each within 500 ms of the one before, and a
    // good answer far too late.
    let mirrors = vec![
        mirror(100, Err("first")),
        mirror(400, Err("second")),
        mirror(700, Err("third")),
        mirror(3000, Ok("late mirror")),
    ];
    let (outcome, took) = race(mirrors, ms(500), ms(2500));
    let Err(NoAnswer::TimedOut { failed }) = outcome else {
        panic!("expected a timeout, got {outcome:?}");
    };
    assert!(
        took >= ms(500),
        "gave up after {took:?}, before the 500 ms budget"
    );
    assert!(
        took < ms(900),
        "took {took:?} with a 500 ms budget: is every wait measured against one deadline, or \
         does each reply start the clock again?"
    );
    assert!(
        failed <= 2,
        "{failed} failures counted, but the third came after the deadline"
    );
}

/// Holds up the end of the thread it lives on: its drop, run as the thread
/// ends, after the mirror has returned, waits until the test drops the
/// sender (or, at the latest, 5 s).
struct HoldsUpTheThreadsEnd(Option<mpsc::Receiver<()>>);

impl Drop for HoldsUpTheThreadsEnd {
    fn drop(&mut self) {
        if let Some(gate) = self.0.take() {
            let _ = gate.recv_timeout(ms(5000));
        }
    }
}

thread_local! {
    static LINGERING: std::cell::RefCell<HoldsUpTheThreadsEnd> =
        const { std::cell::RefCell::new(HoldsUpTheThreadsEnd(None)) };
}

#[test]
fn an_answer_counts_when_the_mirror_returns_it_not_when_its_thread_ends() {
    // The mirror answers at once, but its thread goes on tidying up (a
    // thread-local's drop) until the test lets it end, after the race.
    let (release, gate) = mpsc::channel::<()>();
    let lingering: Mirror = Box::new(move || {
        LINGERING.with(|slot| slot.borrow_mut().0 = Some(gate));
        Ok("answer")
    });
    let (outcome, _) = race(vec![lingering], ms(500), ms(2500));
    drop(release);
    assert_eq!(
        outcome,
        Ok("answer"),
        "the mirror returned its answer at once, and the budget was 500 ms, but its thread \
         had not ended yet: have each mirror's thread send its result on a channel as soon \
         as the mirror returns, and wait on the channel, rather than watching for threads \
         that have finished (`is_finished`, `join`)"
    );
}
