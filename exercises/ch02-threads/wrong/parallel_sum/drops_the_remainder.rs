//! Mistake: gives every thread `len / threads` numbers and never hands out
//! the ones left over, so 1..=10 on 3 threads sums only 1..=9.
//! Caught by: adds_up_every_number, every_number_is_summed_exactly_once
// REGION
    let size = numbers.len() / threads;
    let sum_chunk = &sum_chunk;
    thread::scope(|s| {
        let summers: Vec<_> = (0..threads)
            .map(|chunk_number| {
                let chunk = &numbers[chunk_number * size..(chunk_number + 1) * size];
                s.spawn(move || sum_chunk(chunk))
            })
            .collect();
        summers
            .into_iter()
            .map(|summer| summer.join().expect("a summing thread panicked"))
            .sum()
    })
