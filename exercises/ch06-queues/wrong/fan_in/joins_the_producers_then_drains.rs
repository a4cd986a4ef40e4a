//! Mistake: joins every producer's thread, then takes what is in the
//! channel with `try_iter`, as if a producer were done when its thread
//! ends. A sender the producer handed on to another thread is still alive,
//! and what it sends later is lost.
//! Caught by: gather_waits_for_a_sender_handed_on_to_another_thread
// REGION
let (sender, inbox) = mpsc::channel();
let threads: Vec<thread::JoinHandle<()>> = producers
    .into_iter()
    .map(|producer| {
        let sender: Sender<T> = sender.clone();
        thread::spawn(move || producer(sender))
    })
    .collect();
for thread in threads {
    let _ = thread.join();
}
inbox.try_iter().collect()
