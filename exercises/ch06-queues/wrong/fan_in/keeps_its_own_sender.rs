//! Mistake: hands every producer a clone but never drops the original.
//! When the last producer is done, one sender is still alive, in `gather`
//! itself, so the channel never closes and the receiving loop waits for ever.
//! Caught by: every_message_from_every_producer_arrives, no_producers_give_no_messages, the_producers_run_at_the_same_time, gather_waits_for_a_producer_that_pauses
// REGION
let (sender, inbox) = mpsc::channel();
for producer in producers {
    let sender = sender.clone();
    thread::spawn(move || producer(sender));
}
inbox.iter().collect()
