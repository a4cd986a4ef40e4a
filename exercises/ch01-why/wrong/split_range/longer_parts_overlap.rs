//! Mistake: makes the first `len % parts` parts one longer, but still starts
//! part `i` at `start + i * size`, so each longer part overlaps the next.
//! Caught by: each_part_starts_where_the_previous_one_ended, the_last_part_ends_where_the_range_ends, ten_numbers_in_three_parts_put_the_longer_part_first, more_parts_than_numbers_leaves_empty_parts_at_the_end
// REGION
    let parts = parts as u64;
    let len = range.end - range.start;
    let (size, longer) = (len / parts, len % parts);
    (0..parts)
        .map(|part| {
            let start = range.start + part * size;
            let end = start + size + u64::from(part < longer);
            start..end
        })
        .collect()
