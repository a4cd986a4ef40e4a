//! The tiny event loop's claims: tasks finish in the order their timers
//! fire, not the order they were spawned (so the waits overlapped), and
//! each task is polled exactly twice: once to start its timer, once after
//! the wake. No timing is asserted; the order is the proof.

use listingkit::output_of;

#[test]
fn the_tiny_event_loop_polls_each_task_twice_and_finishes_them_by_timer() {
    let output = output_of("tiny_event_loop", &[]);
    let finished: Vec<&str> = output
        .lines()
        .filter_map(|line| line.trim().strip_suffix(" finished"))
        .collect();
    // Spawned 300, 100, 200: one after another, 300 ms would finish first.
    assert_eq!(finished, ["100 ms", "200 ms", "300 ms"], "{output}");
    assert!(
        output.contains("3 tasks, 6 polls,"),
        "a task was polled more than twice: the loop is busy-polling\n{output}"
    );
}
