//! # The best case for N threads
//!
//! Chapter 1 measured where a sequential program's time goes: waiting for
//! the book server, and computing primes and squares. Its `cores` listing
//! turned the number of cores into a table of the best speed-up that more
//! threads could bring. This exercise does the same arithmetic for a
//! measured program.
//!
//! A `TimeSpent` holds the two measured parts of a sequential run. Implement
//! two of its methods:
//!
//! - `best_case(threads, cores)`: the shortest time the same work could take
//!   with `threads` threads on `cores` cores, when it splits into equal parts
//!   and nothing else gets in the way. A waiting thread needs no core, so the
//!   waiting part shrinks `threads` times, however few cores there are. A
//!   computing thread needs a core of its own, so the computing part shrinks
//!   only as many times as there are threads that can compute at once:
//!   `threads` or `cores`, whichever is smaller. The two parts add up.
//! - `best_speedup(threads, cores)`: how many times faster than the
//!   sequential run that best case is.
//!
//! For example, 1 s of waiting plus 1 s of computing with 10 threads on
//! 2 cores takes at best 0.1 s + 0.5 s = 0.6 s, a speed-up of about 3.3.
//!
//! This is Amdahl's law, with the cores as the limit of the computing part:
//! each part shrinks by how many threads can do it at the same moment, and
//! the parts add up. Adding them assumes a program that waits, then
//! computes, as chapter 1's downloader does: no thread computes while
//! others still wait. A program whose threads compute while others wait
//! can overlap the two parts and do better than this sum; that case is not
//! part of this exercise.
//!
//! Keep the arithmetic in `Duration`, which counts nanoseconds: times below
//! a millisecond must not round away.
//!
//! The tests check pure waiting work, pure computing work, a mix of both,
//! more cores than threads, and times below a millisecond.

use std::time::Duration;

/// Where the time of one sequential run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpent {
    /// Time spent waiting: for the network, a disk, another program.
    pub waiting: Duration,
    /// Time the processor was busy with the program's own work.
    pub computing: Duration,
}

impl TimeSpent {
    /// How long the run took, one step after another.
    pub fn sequential(&self) -> Duration {
        self.waiting + self.computing
    }

    /// The best possible time with `threads` threads on `cores` cores.
    pub fn best_case(&self, threads: usize, cores: usize) -> Duration {
        assert!(threads > 0, "a program has at least one thread");
        assert!(cores > 0, "a machine has at least one core");
        // SOLUTION: Divide the waiting by the number of threads and the computing by the number of threads that can compute at once, then add the two (the program waits, then computes: Amdahl's law).
        let computing_at_once = threads.min(cores);
        self.waiting / threads as u32 + self.computing / computing_at_once as u32
        // END SOLUTION
    }

    /// How many times faster than the sequential run the best case is.
    pub fn best_speedup(&self, threads: usize, cores: usize) -> f64 {
        // SOLUTION: Divide the sequential time by the best case, both in seconds as `f64`.
        self.sequential().as_secs_f64() / self.best_case(threads, cores).as_secs_f64()
        // END SOLUTION
    }
}
