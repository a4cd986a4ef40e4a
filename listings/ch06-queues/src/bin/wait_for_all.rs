//! Three ways to wait for every task.

use ch06::WaitGroup;
use crossbeam_channel::unbounded;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::thread;
use std::time::Duration;

const TASKS: u64 = 6;

/// A task: resizing image `n` takes n × 10 ms.
fn resize(image: u64) -> String {
    thread::sleep(Duration::from_millis(image * 10));
    format!("image {image} resized")
}

fn main() {
    // ANCHOR: results_channel
    // 1. A results channel: every task sends one result; take TASKS of them.
    let (results, finished) = unbounded();
    for image in 1..=TASKS {
        let results = results.clone();
        thread::spawn(move || results.send(resize(image)));
    }
    let done: Vec<String> = finished.iter().take(TASKS as usize).collect();
    println!("results channel: {} of {TASKS} results in", done.len());
    // ANCHOR_END: results_channel

    // ANCHOR: scope
    // 2. A scope: it returns only after every thread spawned in it has ended.
    let done = AtomicUsize::new(0);
    thread::scope(|s| {
        for image in 1..=TASKS {
            let done = &done;
            s.spawn(move || {
                resize(image);
                done.fetch_add(1, Relaxed);
            });
        }
    });
    println!("thread::scope: {} of {TASKS} tasks done", done.into_inner());
    // ANCHOR_END: scope

    // ANCHOR: wait_group
    // 3. A wait group: each job carries a clone of it.
    //    The worker drops the clone when the job is done. Like Python's
    //    task_done() and join(): the workers live on after the wait.
    let (jobs, queue) = unbounded::<(u64, WaitGroup)>();
    let done = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (queue, done) = (queue.clone(), Arc::clone(&done));
            thread::spawn(move || {
                for (image, task_done) in queue {
                    resize(image);
                    done.fetch_add(1, Relaxed);
                    drop(task_done);
                }
            })
        })
        .collect();
    let all_done = WaitGroup::new();
    for image in 1..=TASKS {
        jobs.send((image, all_done.clone()))
            .expect("the workers hung up");
    }
    all_done.wait();
    let idle = workers.iter().filter(|w| !w.is_finished()).count();
    println!(
        "wait group: {} of {TASKS} tasks done; {idle} workers still waiting for jobs",
        done.load(Relaxed)
    );
    drop(jobs);
    for worker in workers {
        worker.join().expect("a worker panicked");
    }
    // ANCHOR_END: wait_group
}
