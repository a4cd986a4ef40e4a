//! Mistake: calls each producer in turn on the calling thread. With an
//! unbounded channel, every message still arrives, but the producers never
//! run at the same time: a slow one holds up all the others.
//! Caught by: the_producers_run_at_the_same_time
// REGION
let (sender, inbox) = mpsc::channel();
for producer in producers {
    producer(sender.clone());
}
drop(sender);
inbox.iter().collect()
