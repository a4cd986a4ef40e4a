//! Mistake: gives every part `len / parts` numbers and the last part all the
//! leftovers, so with 10 numbers in 4 parts one thread gets twice the work.
//! Caught by: part_sizes_differ_by_at_most_one, ten_numbers_in_three_parts_put_the_longer_part_first, more_parts_than_numbers_leaves_empty_parts_at_the_end
// REGION
    let parts = parts as u64;
    let size = (range.end - range.start) / parts;
    (0..parts)
        .map(|part| {
            let start = range.start + part * size;
            let end = if part == parts - 1 {
                range.end
            } else {
                start + size
            };
            start..end
        })
        .collect()
