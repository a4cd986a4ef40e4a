//! Mistake: cuts the slice with `chunks(len.div_ceil(threads))`, which makes
//! fewer chunks than threads when the length does not divide evenly (10
//! numbers on 6 threads give 5 chunks of 2) and panics on an empty slice.
//! Caught by: an_empty_slice_sums_to_zero, uses_exactly_the_requested_number_of_threads
// REGION
    let chunk_len = numbers.len().div_ceil(threads);
    let sum_chunk = &sum_chunk;
    thread::scope(|s| {
        let summers: Vec<_> = numbers
            .chunks(chunk_len)
            .map(|chunk| s.spawn(move || sum_chunk(chunk)))
            .collect();
        summers
            .into_iter()
            .map(|summer| summer.join().expect("a summing thread panicked"))
            .sum()
    })
