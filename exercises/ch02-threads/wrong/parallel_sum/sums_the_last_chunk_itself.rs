//! Mistake: spawns a thread for every chunk but the last, and sums the last
//! chunk on the calling thread while the others run, to save a thread.
//! Caught by: uses_exactly_the_requested_number_of_threads
// REGION
    let (size, longer) = (numbers.len() / threads, numbers.len() % threads);
    let sum_chunk = &sum_chunk;
    thread::scope(|s| {
        let mut rest = numbers;
        let mut summers = Vec::with_capacity(threads);
        for chunk_number in 0..threads - 1 {
            let (chunk, after) = rest.split_at(size + usize::from(chunk_number < longer));
            rest = after;
            summers.push(s.spawn(move || sum_chunk(chunk)));
        }
        let mine = sum_chunk(rest);
        mine + summers
            .into_iter()
            .map(|summer| summer.join().expect("a summing thread panicked"))
            .sum::<u64>()
    })
