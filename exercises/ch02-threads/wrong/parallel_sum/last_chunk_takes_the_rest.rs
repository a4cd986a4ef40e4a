//! Mistake: gives every chunk `len / threads` numbers and the last chunk all
//! the leftovers, so 10 numbers on 4 threads make chunks of 2, 2, 2 and 4.
//! Caught by: chunk_lengths_differ_by_at_most_one
// REGION
    let size = numbers.len() / threads;
    let sum_chunk = &sum_chunk;
    thread::scope(|s| {
        let summers: Vec<_> = (0..threads)
            .map(|chunk_number| {
                let start = chunk_number * size;
                let end = if chunk_number == threads - 1 {
                    numbers.len()
                } else {
                    start + size
                };
                let chunk = &numbers[start..end];
                s.spawn(move || sum_chunk(chunk))
            })
            .collect();
        summers
            .into_iter()
            .map(|summer| summer.join().expect("a summing thread panicked"))
            .sum()
    })
