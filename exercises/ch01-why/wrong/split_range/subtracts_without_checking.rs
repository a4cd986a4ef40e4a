//! Mistake: computes the length as `end - start`, which overflows (a panic
//! in a debug build) when the range runs backwards and holds no numbers.
//! Caught by: a_backwards_range_is_empty_too
// REGION
    let parts = parts as u64;
    let len = range.end - range.start;
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
