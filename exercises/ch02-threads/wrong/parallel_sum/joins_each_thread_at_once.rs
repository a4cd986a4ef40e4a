//! Mistake: joins each thread right after spawning it, so the chunks are
//! summed one after another and the threads never run at the same time.
//! Caught by: chunks_are_summed_at_the_same_time
// REGION
    let (size, longer) = (numbers.len() / threads, numbers.len() % threads);
    let sum_chunk = &sum_chunk;
    thread::scope(|s| {
        let mut rest = numbers;
        let mut total = 0;
        for chunk_number in 0..threads {
            let (chunk, after) = rest.split_at(size + usize::from(chunk_number < longer));
            rest = after;
            total += s
                .spawn(move || sum_chunk(chunk))
                .join()
                .expect("a summing thread panicked");
        }
        total
    })
