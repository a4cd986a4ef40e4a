//! Mistake: receives with `try_recv` until the channel is empty, as if an
//! empty channel meant that everyone is done. It only means that nothing
//! has been sent yet: whatever a producer sends later is lost.
//! Caught by: gather_waits_for_a_producer_that_pauses
// REGION
let (sender, inbox) = mpsc::channel();
for producer in producers {
    let sender = sender.clone();
    thread::spawn(move || producer(sender));
}
drop(sender);
let mut received = Vec::new();
while let Ok(message) = inbox.try_recv() {
    received.push(message);
}
received
