//! # Split a range into parts
//!
//! Chapter 1's `count_primes` and `sum_of_squares_in` take a range of
//! numbers rather than an upper bound, so that the work can be cut into
//! parts and each part handed to a thread of its own. This exercise writes
//! the cutting.
//!
//! Implement `split_range(start..end, parts)`. It returns exactly `parts`
//! ranges that, one after another, cover `start..end`:
//!
//! - the first part starts at `start`, each next part starts where the
//!   previous one ended, and the last part ends at `end`: no number is left
//!   out and none is counted twice;
//! - the sizes differ by at most one, and the longer parts come first. For
//!   `0..10` in three parts that is `[0..4, 4..7, 7..10]`;
//! - when there are more parts than numbers, the parts at the end are empty:
//!   `20..23` in five parts is `[20..21, 21..22, 22..23, 23..23, 23..23]`;
//! - an empty range gives empty parts, all equal to `start..start`.
//!
//! `parts` must be at least one; that check is written for you.
//!
//! The tests check each of these rules on many ranges, starting at zero and
//! elsewhere, with even and uneven splits.

use std::ops::Range;

/// Cuts `range` into `parts` contiguous pieces of near-equal size, longer
/// pieces first.
pub fn split_range(range: Range<u64>, parts: usize) -> Vec<Range<u64>> {
    assert!(parts > 0, "cannot split a range into zero parts");
    // SOLUTION: Give every part `len / parts` numbers, plus one more for each of the first `len % parts` parts, and start each part where the last one ended.
    let parts = parts as u64;
    let len = range.end.saturating_sub(range.start);
    let (size, longer) = (len / parts, len % parts);
    let mut start = range.start;
    (0..parts)
        .map(|part| {
            let end = start + size + u64::from(part < longer);
            let piece = start..end;
            start = end;
            piece
        })
        .collect()
    // END SOLUTION
}
