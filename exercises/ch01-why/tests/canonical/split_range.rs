use ch01_exercises::split_range;

use split_range::split_range;
use std::ops::Range;

/// Ranges that start at zero and elsewhere, empty and not, split every way
/// from one part to more parts than numbers.
fn cases() -> Vec<(Range<u64>, usize)> {
    let mut cases = Vec::new();
    for start in [0, 1, 1000] {
        for len in 0..=20 {
            for parts in 1..=8 {
                cases.push((start..start + len, parts));
            }
        }
    }
    cases
}

#[test]
fn returns_exactly_the_requested_number_of_parts() {
    for (range, parts) in cases() {
        let pieces: Vec<Range<u64>> = split_range(range.clone(), parts);
        assert_eq!(
            pieces.len(),
            parts,
            "split_range({range:?}, {parts}) gave {pieces:?}: {} parts instead of {parts}",
            pieces.len()
        );
    }
}

#[test]
fn each_part_starts_where_the_previous_one_ended() {
    for (range, parts) in cases() {
        let pieces: Vec<Range<u64>> = split_range(range.clone(), parts);
        assert_eq!(
            pieces.first().map(|piece| piece.start),
            Some(range.start),
            "split_range({range:?}, {parts}) gave {pieces:?}: the first part must start at {}",
            range.start
        );
        for pair in pieces.windows(2) {
            let (previous, next) = (&pair[0], &pair[1]);
            let problem = if next.start > previous.end {
                "the numbers between them are left out"
            } else {
                "the numbers between them are in both parts"
            };
            assert_eq!(
                next.start, previous.end,
                "split_range({range:?}, {parts}) gave {pieces:?}: {next:?} does not start where {previous:?} ended, so {problem}"
            );
        }
    }
}

#[test]
fn the_last_part_ends_where_the_range_ends() {
    for (range, parts) in cases() {
        let pieces: Vec<Range<u64>> = split_range(range.clone(), parts);
        assert_eq!(
            pieces.last().map(|piece| piece.end),
            Some(range.end),
            "split_range({range:?}, {parts}) gave {pieces:?}: the last part must end at {}; \
             did the numbers left over after dividing by {parts} get lost?",
            range.end
        );
    }
}

#[test]
fn part_sizes_differ_by_at_most_one() {
    for (range, parts) in cases() {
        let pieces: Vec<Range<u64>> = split_range(range.clone(), parts);
        let sizes: Vec<u64> = pieces.iter().map(|piece| piece.end - piece.start).collect();
        let smallest = sizes.iter().min().copied().unwrap_or(0);
        let largest = sizes.iter().max().copied().unwrap_or(0);
        assert!(
            largest - smallest <= 1,
            "split_range({range:?}, {parts}) gave parts of sizes {sizes:?}: one thread would get \
             {largest} numbers and another {smallest}; spread the leftovers one per part"
        );
    }
}

#[test]
fn longer_parts_come_first() {
    for (range, parts) in cases() {
        let pieces: Vec<Range<u64>> = split_range(range.clone(), parts);
        let sizes: Vec<u64> = pieces.iter().map(|piece| piece.end - piece.start).collect();
        assert!(
            sizes.windows(2).all(|pair| pair[0] >= pair[1]),
            "split_range({range:?}, {parts}) gave parts of sizes {sizes:?}: the parts that get \
             one number more must be the first ones"
        );
    }
}

#[test]
fn ten_numbers_in_three_parts_put_the_longer_part_first() {
    let pieces: Vec<Range<u64>> = split_range(0..10, 3);
    assert_eq!(pieces, [0..4, 4..7, 7..10]);
}

#[test]
fn more_parts_than_numbers_leaves_empty_parts_at_the_end() {
    let pieces: Vec<Range<u64>> = split_range(20..23, 5);
    assert_eq!(pieces, [20..21, 21..22, 22..23, 23..23, 23..23]);
}

#[test]
fn an_empty_range_gives_empty_parts() {
    let pieces: Vec<Range<u64>> = split_range(7..7, 3);
    assert_eq!(pieces, [7..7, 7..7, 7..7]);
}

#[test]
fn a_backwards_range_is_empty_too() {
    // `9..4` holds no numbers, like `7..7`: Rust's `(9..4).is_empty()` is true.
    let (start, end) = (9, 4);
    let pieces: Vec<Range<u64>> = split_range(start..end, 3);
    assert_eq!(
        pieces,
        [9..9, 9..9, 9..9],
        "a range whose end is below its start is empty; `end - start` would overflow, \
         `end.saturating_sub(start)` gives 0"
    );
}

#[test]
fn a_range_up_to_the_largest_u64_splits_without_overflow() {
    let pieces: Vec<Range<u64>> = split_range(0..u64::MAX, 4);
    let quarter = u64::MAX / 4;
    assert_eq!(
        pieces,
        [
            0..quarter + 1,
            quarter + 1..2 * quarter + 2,
            2 * quarter + 2..3 * quarter + 3,
            3 * quarter + 3..u64::MAX,
        ],
        "a range of u64::MAX numbers in 4 parts; work out each part from the size, \
         not as `len * part / parts`, which overflows"
    );
}

#[test]
fn one_part_is_the_whole_range() {
    let whole: Vec<Range<u64>> = split_range(5..105, 1);
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0], 5..105);
}
