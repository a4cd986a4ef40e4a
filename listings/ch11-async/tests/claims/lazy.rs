//! Chapter 11's claims about laziness, checked on the listings' real output.

use listingkit::output_of;

/// The index of the first line that contains `text`.
fn line_of(output: &str, text: &str) -> usize {
    output
        .lines()
        .position(|line| line.contains(text))
        .unwrap_or_else(|| panic!("no line contains `{text}` in:\n{output}"))
}

#[test]
fn a_future_runs_nothing_until_awaited_and_a_spawned_task_runs_unawaited() {
    let output = output_of("ch11", &[]);
    assert!(
        line_of(&output, "future: body starts") > line_of(&output, "now await it"),
        "the future's body ran before it was awaited:\n{output}"
    );
    assert!(
        line_of(&output, "task: body starts") < line_of(&output, "task.is_finished() = true"),
        "{output}"
    );
}

#[tokio::test(start_paused = true)]
async fn dropping_a_join_handle_does_not_stop_the_task() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    let finished = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&finished);
    let handle = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        flag.store(true, Ordering::SeqCst);
    });
    drop(handle);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        finished.load(Ordering::SeqCst),
        "the detached task did not finish"
    );
}
