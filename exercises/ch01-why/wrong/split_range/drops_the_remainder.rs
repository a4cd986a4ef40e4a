//! Mistake: makes every part `len / parts` long and never hands out the
//! numbers left over, so the end of the range is never counted.
//! Caught by: the_last_part_ends_where_the_range_ends, ten_numbers_in_three_parts_put_the_longer_part_first, more_parts_than_numbers_leaves_empty_parts_at_the_end
// REGION
    let parts = parts as u64;
    let size = (range.end - range.start) / parts;
    (0..parts)
        .map(|part| {
            let start = range.start + part * size;
            start..start + size
        })
        .collect()
