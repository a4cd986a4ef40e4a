//! Mistake: cuts part `i` at `start + len * i / parts`, which puts the longer
//! parts last and overflows `len * i` on a range as long as a `u64` allows.
//! Caught by: longer_parts_come_first, ten_numbers_in_three_parts_put_the_longer_part_first, a_range_up_to_the_largest_u64_splits_without_overflow
// REGION
    let parts = parts as u64;
    let len = range.end.saturating_sub(range.start);
    (0..parts)
        .map(|part| {
            range.start + len * part / parts..range.start + len * (part + 1) / parts
        })
        .collect()
