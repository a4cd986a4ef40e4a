//! Mistake: makes every part `len.div_ceil(parts)` long and cuts the last
//! one short, so 0..10 in three parts is 0..4, 4..8, 8..10: sizes 4, 4, 2.
//! Caught by: part_sizes_differ_by_at_most_one, ten_numbers_in_three_parts_put_the_longer_part_first
// REGION
    let parts = parts as u64;
    let len = range.end.saturating_sub(range.start);
    let size = len.div_ceil(parts);
    (0..parts)
        .map(|part| {
            let start = (range.start + part * size).min(range.start + len);
            let end = (start + size).min(range.start + len);
            start..end
        })
        .collect()
