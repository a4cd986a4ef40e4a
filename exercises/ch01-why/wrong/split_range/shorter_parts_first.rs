//! Mistake: hands the leftover numbers to the last `len % parts` parts, so
//! the shorter parts come first: 0..10 in three parts is 0..3, 3..6, 6..10.
//! Caught by: longer_parts_come_first, ten_numbers_in_three_parts_put_the_longer_part_first, more_parts_than_numbers_leaves_empty_parts_at_the_end
// REGION
    let parts = parts as u64;
    let len = range.end.saturating_sub(range.start);
    let (size, longer) = (len / parts, len % parts);
    let mut start = range.start;
    (0..parts)
        .map(|part| {
            let end = start + size + u64::from(part >= parts - longer);
            let piece = start..end;
            start = end;
            piece
        })
        .collect()
