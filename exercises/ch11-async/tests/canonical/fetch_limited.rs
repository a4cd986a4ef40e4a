use ch11_exercises::fetch_limited;

use fetch_limited::fetch_all;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use testkit::ms;
use tokio::time::{self, Instant};

/// Runs `test` on a current-thread runtime whose clock is paused: time
/// moves only when every task waits, and then straight to the next timer,
/// so the times measured below are exact on a busy machine too. A test that
/// waits for something that never comes fails after 60 s of that clock,
/// which take no real time at all.
fn on_paused_clock(test: impl Future<Output = ()>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("cannot build a runtime");
    runtime.block_on(async {
        time::timeout(Duration::from_secs(60), test)
            .await
            .expect("still waiting after 60 s of the paused clock: is something waiting for ever?");
    });
}

/// What the jobs saw: how many ran at once, and how often each one ran.
#[derive(Default)]
struct Log {
    running: usize,
    most_at_once: usize,
    runs: Vec<usize>,
}

type Shared = Arc<Mutex<Log>>;

fn log_for(jobs: usize) -> Shared {
    Arc::new(Mutex::new(Log {
        runs: vec![0; jobs],
        ..Log::default()
    }))
}

/// A download that takes `millis` and returns `page <id>`.
fn job(log: &Shared, id: usize, millis: u64) -> impl Future<Output = String> + Send + 'static {
    let log = Arc::clone(log);
    async move {
        {
            let mut log = log.lock().unwrap();
            log.running += 1;
            log.most_at_once = log.most_at_once.max(log.running);
            log.runs[id] += 1;
        }
        time::sleep(ms(millis)).await;
        log.lock().unwrap().running -= 1;
        format!("page {id}")
    }
}

fn jobs(log: &Shared, millis: &[u64]) -> Vec<impl Future<Output = String> + Send + 'static> {
    millis
        .iter()
        .enumerate()
        .map(|(id, &m)| job(log, id, m))
        .collect()
}

fn pages(count: usize) -> Vec<String> {
    (0..count).map(|id| format!("page {id}")).collect()
}

#[test]
fn results_come_back_in_the_order_of_the_jobs() {
    on_paused_clock(async {
        // The last job ends first, the first one last.
        let log = log_for(5);
        let results: Vec<String> = fetch_all(jobs(&log, &[500, 400, 300, 200, 100]), 5).await;
        assert_eq!(
            results,
            pages(5),
            "results[i] must be the output of jobs[i], whichever job ended first"
        );
    });
}

#[test]
fn every_job_runs_exactly_once() {
    on_paused_clock(async {
        let log = log_for(7);
        let results: Vec<String> =
            fetch_all(jobs(&log, &[100, 50, 150, 100, 50, 100, 100]), 3).await;
        assert_eq!(results, pages(7));
        assert_eq!(log.lock().unwrap().runs, vec![1; 7], "runs of each job");
    });
}

#[test]
fn never_more_than_the_limit_run_at_once() {
    on_paused_clock(async {
        let log = log_for(10);
        let results: Vec<String> = fetch_all(jobs(&log, &[100; 10]), 3).await;
        assert_eq!(results, pages(10));
        let most = log.lock().unwrap().most_at_once;
        assert!(
            most <= 3,
            "{most} jobs ran at once with a limit of 3: is each permit held until its job ends?"
        );
    });
}

#[test]
fn the_limit_is_used_jobs_run_side_by_side() {
    on_paused_clock(async {
        let log = log_for(9);
        let start = Instant::now();
        let results: Vec<String> = fetch_all(jobs(&log, &[100; 9]), 3).await;
        let took = start.elapsed();
        assert_eq!(results, pages(9));
        assert_eq!(
            log.lock().unwrap().most_at_once,
            3,
            "how many jobs ran at once with a limit of 3"
        );
        assert!(
            took >= ms(300) && took < ms(350),
            "took {took:?}: nine 100 ms jobs, three at a time, take 300 ms (one after another, 900 ms)"
        );
    });
}

#[test]
fn a_free_slot_is_used_at_once() {
    on_paused_clock(async {
        // Limit 2: the 300 ms job holds one slot while the three short ones
        // take turns in the other, so everything ends at 300 ms. Waiting
        // for the whole first pair before starting the next pair takes 400.
        let log = log_for(4);
        let start = Instant::now();
        let results: Vec<String> = fetch_all(jobs(&log, &[300, 100, 100, 100]), 2).await;
        let took = start.elapsed();
        assert_eq!(results, pages(4));
        assert!(
            took >= ms(300) && took < ms(350),
            "took {took:?}: the next job must start as soon as any running job ends, \
             not when the whole batch has ended (that takes 400 ms)"
        );
    });
}

#[test]
fn no_jobs_no_results() {
    on_paused_clock(async {
        let log = log_for(0);
        let start = Instant::now();
        let results: Vec<String> = fetch_all(jobs(&log, &[]), 4).await;
        assert!(results.is_empty());
        assert_eq!(start.elapsed(), Duration::ZERO, "nothing to wait for");
    });
}
