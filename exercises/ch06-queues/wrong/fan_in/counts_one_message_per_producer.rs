//! Mistake: stops after as many messages as there are producers, as if
//! each sent exactly one. Producers that send more lose the rest, and
//! `gather` may return while a producer is still going.
//! Caught by: every_message_from_every_producer_arrives, gather_waits_for_a_producer_that_pauses
// REGION
let count = producers.len();
let (sender, inbox) = mpsc::channel();
for producer in producers {
    let sender = sender.clone();
    thread::spawn(move || producer(sender));
}
drop(sender);
inbox.iter().take(count).collect()
