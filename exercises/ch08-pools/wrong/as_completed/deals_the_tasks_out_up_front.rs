//! Mistake: deals the tasks out to the workers up front, like cards (worker
//! `k` gets tasks `k`, `k + workers`, …), instead of one queue they all take
//! from. A task dealt behind a slow one waits for it, although another
//! worker is idle.
//! Caught by: an_idle_worker_takes_the_next_task_while_another_is_busy
// REGION
let mut hands: Vec<Vec<(usize, F)>> = (0..workers).map(|_| Vec::new()).collect();
for (index, task) in tasks.into_iter().enumerate() {
    hands[index % workers].push((index, task));
}
let (finished, in_finishing_order) = unbounded();
for hand in hands {
    let finished = finished.clone();
    thread::spawn(move || {
        for (index, task) in hand {
            let _ = finished.send((index, catch(task)));
        }
    });
}
in_finishing_order
