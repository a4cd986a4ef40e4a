//! Chapter numbers from the names the course gives its folders and
//! exercises: `ch02-threads`, `ch02-parallel-sum`.

/// `Some(2)` for `ch02-threads` or `ch02-parallel-sum`; `None` for a name
/// that does not start with `ch` and two digits.
pub fn number(name: &str) -> Option<u32> {
    name.strip_prefix("ch")?.get(..2)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn reads_the_two_digits_after_ch() {
        assert_eq!(number("ch02-threads"), Some(2));
        assert_eq!(number("ch11-parallel-sum"), Some(11));
        assert_eq!(number("ch1"), None);
        assert_eq!(number("appendix"), None);
        assert_eq!(number("xx02-threads"), None);
    }
}
