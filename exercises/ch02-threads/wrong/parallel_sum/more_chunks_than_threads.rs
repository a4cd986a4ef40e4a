//! Mistake: cuts the slice with `chunks(len / threads)`, which makes more
//! chunks than threads when the length does not divide evenly (10 numbers on
//! 4 threads give 5 chunks of 2) and panics when there are fewer numbers
//! than threads (`chunks(0)`).
//! Caught by: adds_up_every_number, uses_exactly_the_requested_number_of_threads
// REGION
    let chunk_len = numbers.len() / threads;
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
