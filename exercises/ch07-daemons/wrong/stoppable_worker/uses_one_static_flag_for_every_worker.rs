//! Mistake: keeps the stop flag in a `static AtomicBool`, like a
//! module-level `stop = threading.Event()` in Python. It works for one
//! worker, but every worker reads the same flag, so stopping one stops them
//! all.
//! Caught by: two_workers_are_stopped_independently
// REGION
    stop: &'static AtomicBool,
    thread: JoinHandle<u64>,
// REGION
    static STOP: AtomicBool = AtomicBool::new(false);
    let mut job = job;
    STOP.store(false, Ordering::Relaxed);
    let _shared: Option<Arc<AtomicBool>> = None;
    let thread = thread::spawn(move || {
        let mut runs = 0;
        while !STOP.load(Ordering::Relaxed) {
            job();
            runs += 1;
        }
        runs
    });
    StoppableWorker { stop: &STOP, thread }
