//! The chapter says what happens when you wrap the `global_counter`
//! listing's lines in `unsafe`. These tests make those edits and ask rustc.

use std::process::Command;

/// Compiles `source` as a binary crate in edition 2024; returns whether it
/// compiled and rustc's messages.
fn rustc(name: &str, source: &str) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("ch03-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, source).unwrap();
    let output = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args(["--edition", "2024", "--emit", "metadata", "--out-dir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .expect("rustc runs");
    std::fs::remove_dir_all(&dir).unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const LISTING: &str = include_str!("../../compile_fail/global_counter.rs");
const ADD: &str = "COUNTER += 1;";
const PRINT: &str = r#"println!("expected {}, counted {}", THREADS * INCREMENTS, COUNTER);"#;

/// The listing with `COUNTER += 1` inside `unsafe { … }`.
fn with_unsafe_add() -> String {
    assert!(
        LISTING.contains(ADD) && LISTING.contains(PRINT),
        "the listing changed"
    );
    LISTING.replace(ADD, "unsafe { COUNTER += 1 };")
}

#[test]
fn wrapping_both_lines_in_unsafe_still_fails_on_the_reference_println_takes() {
    let source = with_unsafe_add().replace(PRINT, &format!("unsafe {{ {PRINT} }}"));
    let (compiled, errors) = rustc("unsafe_println", &source);
    assert!(!compiled, "it compiled");
    assert!(
        !errors.contains("E0133"),
        "unsafe should silence E0133:\n{errors}"
    );
    assert!(
        errors.contains("error: creating a shared reference to mutable static")
            && errors.contains("static_mut_refs"),
        "expected the static_mut_refs lint as an error, rustc said:\n{errors}"
    );
    // Only the println! line is refused.
    assert_eq!(errors.matches("error: creating").count(), 1, "{errors}");
}

#[test]
fn copying_the_value_out_in_unsafe_compiles() {
    let source = with_unsafe_add().replace(
        PRINT,
        r#"let counted = unsafe { COUNTER };
    println!("expected {}, counted {counted}", THREADS * INCREMENTS);"#,
    );
    let (compiled, errors) = rustc("unsafe_copy", &source);
    assert!(compiled, "rustc said:\n{errors}");
    assert!(!errors.contains("warning"), "{errors}");
}
