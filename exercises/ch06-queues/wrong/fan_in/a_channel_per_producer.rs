//! Mistake: gives every producer a channel of its own and reads them one
//! after another, so each producer's messages come back together, in the
//! order of the producers, not in the order they arrived.
//! Caught by: messages_come_back_in_the_order_they_arrived_across_producers
// REGION
let mut inboxes = Vec::new();
for producer in producers {
    let (sender, inbox) = mpsc::channel();
    inboxes.push(inbox);
    thread::spawn(move || producer(sender));
}
let mut received = Vec::new();
for inbox in inboxes {
    received.extend(inbox.iter());
}
received
