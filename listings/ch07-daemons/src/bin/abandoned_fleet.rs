//! Main returns early, and the workers' jobs are abandoned.

use ch07::{JOBS, WORKERS, start_fleet};

fn main() {
    let fleet = start_fleet();
    for job in 1..=JOBS {
        fleet.jobs.send(job).expect("the workers are running");
    }
    println!("main: queued {JOBS} jobs for {WORKERS} workers");

    // Main waits for the first few results, and considers its work done.
    for _ in 0..WORKERS {
        let job = fleet.finished.recv().expect("a worker finished a job");
        println!("main: job {job} finished");
    }
    println!(
        "main: {WORKERS} of {JOBS} jobs finished; returning without waiting for the other {}",
        JOBS as usize - WORKERS
    );
    // Returning ends the process, and the workers with it, mid-job.
}
