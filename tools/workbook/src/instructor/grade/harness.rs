//! The grader's own test harness. A student's code is compiled as a library
//! crate (`submission`); the canonical tests are compiled into a separate
//! binary crate with this harness as its `main`, so nothing in the student's
//! files can name, shadow or hide them.
//!
//! A pass is proven by the harness, not by what the process prints: the
//! grader writes a fresh secret token to the test process's stdin, the
//! harness reads it before any test code runs, and only after the test
//! function has returned does it write `<token> passed <name>`. A process
//! that ends before that line, whatever it printed, ended early.

use regex::Regex;
use std::sync::LazyLock;

/// The library crate name a submission is compiled under.
pub const CRATE: &str = "submission";
/// The file name of the tests' module next to the harness.
pub const TESTS_FILE: &str = "canonical_tests.rs";

static TEST_FN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"#\[test\]((?:\s*#\[[^\]]*\])*)\s*fn\s+(\w+)").expect("valid regex")
});

/// The `#[test]` functions of a canonical tests file, in file order.
pub fn test_names(tests: &str) -> Vec<String> {
    TEST_FN
        .captures_iter(tests)
        .map(|c| c[2].to_owned())
        .collect()
}

/// The tests' module for the harness: every `#[test] fn name` becomes a
/// plain `pub(crate) fn name` that the harness calls by name.
pub fn tests_module(tests: &str) -> String {
    TEST_FN
        .replace_all(tests, "$1\npub(crate) fn $2")
        .into_owned()
}

/// Why the tools could misread the `#[test]` functions of a tests file, if
/// they could: every `#[test]` must stand alone on its line and be read as
/// a test by [`test_names`] (a `#[test]` inside a comment or a string, or
/// an attribute between it and its `fn` that holds a `]`, would otherwise
/// be graded, listed or compiled out wrongly).
pub fn unreadable_tests(tests: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (number, line) in tests.lines().enumerate() {
        if line.contains("#[test]") && line.trim() != "#[test]" {
            problems.push(format!(
                "line {}: `#[test]` must stand alone on its line: {}",
                number + 1,
                line.trim()
            ));
        }
    }
    let alone = tests.lines().filter(|l| l.trim() == "#[test]").count();
    let read = TEST_FN.captures_iter(tests).count();
    if problems.is_empty() && alone != read {
        problems.push(format!(
            "{alone} `#[test]` lines but {read} test functions read: put each `#[test]` right \
             above its `fn` (other attributes between them may not hold a `]`)"
        ));
    }
    problems
}

/// The tests file with only the `#[test]` functions named in `keep`: every
/// other one gets `#[cfg(any())]` (a condition that never holds), so it is
/// not compiled at all, and the helpers only they used are allowed to be
/// unused. The exercise proof compiles a wrong solution's module this way,
/// with just the tests that decide its verdict.
pub fn only_tests(tests: &str, keep: &[String]) -> String {
    let pruned = TEST_FN.replace_all(tests, |c: &regex::Captures| {
        if keep.iter().any(|k| k == &c[2]) {
            c[0].to_owned()
        } else {
            format!("#[cfg(any())]\n{}", &c[0])
        }
    });
    format!("#![allow(dead_code, unused_imports)]\n{pruned}")
}

/// The harness's `main`, calling the test named on its command line.
pub fn main_source(names: &[String]) -> String {
    let table: String = names
        .iter()
        .map(|name| format!("        ({name:?}, canonical::{name} as fn()),\n"))
        .collect();
    format!(
        r#"//! Written by `workbook grade`: runs one canonical test, then proves it
//! returned by writing the token it was given on stdin.
#![allow(warnings)]

#[path = "{TESTS_FILE}"]
mod canonical;

fn main() {{
    use std::io::{{BufRead, Write}};
    let mut token = String::new();
    let _ = std::io::stdin().lock().read_line(&mut token);
    let token = token.trim().to_owned();
    let name = std::env::args().nth(1).unwrap_or_default();
    let tests: &[(&str, fn())] = &[
{table}    ];
    let Some(test) = tests.iter().find(|(n, _)| *n == name).map(|(_, f)| *f) else {{
        let _ = writeln!(std::io::stderr(), "no canonical test named {{name}}");
        std::process::exit(2);
    }};
    let verdict = match std::panic::catch_unwind(test) {{
        Ok(()) => "passed",
        Err(_) => "failed",
    }};
    let line = format!("\n{{token}} {{verdict}} {{name}}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    std::process::exit(0);
}}
"#
    )
}

/// What the harness said about test `name`, if it said anything with this
/// run's `token`: `Some(true)` passed, `Some(false)` failed.
pub fn verdict(output: &str, token: &str, name: &str) -> Option<bool> {
    output.lines().find_map(|line| {
        let rest = line.strip_prefix(token)?.strip_prefix(' ')?;
        let (verdict, test) = rest.split_once(' ')?;
        if test != name {
            return None;
        }
        match verdict {
            "passed" => Some(true),
            "failed" => Some(false),
            _ => None,
        }
    })
}

/// A secret no submission can guess: 128 bits from the system's generator.
pub fn new_token() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        // Not Linux-like: fall back on the standard library's random hash keys.
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(std::process::id() as u64);
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TESTS: &str = "use submission as add;\nuse add::add;\n\n#[test]\nfn adds() {\n    assert_eq!(add(2, 3), 5);\n}\n\n#[test]\n#[allow(unused)]\nfn adds_zero() {}\n";

    #[test]
    fn test_functions_become_callable_by_name() {
        assert_eq!(test_names(TESTS), ["adds", "adds_zero"]);
        let module = tests_module(TESTS);
        assert!(!module.contains("#[test]"), "{module}");
        assert!(module.contains("pub(crate) fn adds()"), "{module}");
        assert!(
            module.contains("#[allow(unused)]\npub(crate) fn adds_zero()"),
            "{module}"
        );
        let main = main_source(&test_names(TESTS));
        assert!(main.contains("(\"adds_zero\", canonical::adds_zero as fn())"));
    }

    #[test]
    fn tests_the_tools_could_misread_are_reported() {
        assert!(unreadable_tests(TESTS).is_empty());
        let commented = format!("{TESTS}// old: #[test] fn flaky() {{}}\n");
        assert_eq!(unreadable_tests(&commented).len(), 1, "{commented}");
        let in_string = format!("{TESTS}#[test]\nfn s() {{ let _ = \"#[test] fn x\"; }}\n");
        assert_eq!(unreadable_tests(&in_string).len(), 1);
        let bracket =
            format!("{TESTS}#[test]\n#[should_panic(expected = \"a[0]\")]\nfn p() {{}}\n");
        assert_eq!(unreadable_tests(&bracket).len(), 1, "{bracket}");
        let spaced = format!("{TESTS}#[test]\n\npub fn q() {{}}\n");
        assert_eq!(unreadable_tests(&spaced).len(), 1, "{spaced}");
    }

    #[test]
    fn only_the_kept_tests_are_compiled() {
        let kept = only_tests(TESTS, &["adds_zero".to_owned()]);
        assert!(kept.starts_with("#![allow(dead_code, unused_imports)]\n"));
        assert!(kept.contains("#[cfg(any())]\n#[test]\nfn adds()"), "{kept}");
        assert!(
            kept.contains("\n\n#[test]\n#[allow(unused)]\nfn adds_zero()"),
            "{kept}"
        );
        // Both still found by name: the proof checks the kept ones ran.
        assert_eq!(test_names(&kept), ["adds", "adds_zero"]);
        let none = only_tests(TESTS, &[]);
        assert_eq!(none.matches("#[cfg(any())]").count(), 2);
    }

    #[test]
    fn only_the_token_proves_a_verdict() {
        let token = new_token();
        assert_eq!(token.len(), 32);
        assert_ne!(token, new_token());
        let printed = format!("test adds ... ok\n\n{token} passed adds\n");
        assert_eq!(verdict(&printed, &token, "adds"), Some(true));
        assert_eq!(verdict(&printed, &token, "adds_zero"), None);
        assert_eq!(verdict(&printed, "0123", "adds"), None);
        let faked = "test result: ok. 1 passed\ndeadbeef passed adds\n";
        assert_eq!(verdict(faked, &token, "adds"), None);
        let failed = format!("{token} failed adds\n");
        assert_eq!(verdict(&failed, &token, "adds"), Some(false));
    }
}
