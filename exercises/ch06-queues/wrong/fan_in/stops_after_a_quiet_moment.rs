//! Mistake: decides that everyone is done when nothing has arrived for a
//! tenth of a second. A producer that pauses for longer loses everything
//! it sends after the pause.
//! Caught by: gather_waits_for_a_producer_that_pauses
// REGION
let (sender, inbox) = mpsc::channel();
for producer in producers {
    let sender = sender.clone();
    thread::spawn(move || producer(sender));
}
drop(sender);
let mut received = Vec::new();
while let Ok(message) = inbox.recv_timeout(std::time::Duration::from_millis(100)) {
    received.push(message);
}
received
