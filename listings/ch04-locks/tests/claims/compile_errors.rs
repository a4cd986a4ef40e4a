//! The chapter says the data inside a `Mutex` is out of reach without the
//! guard. This test makes the edit the text describes to the `mutex_guard`
//! listing and asks rustc for the error code the text gives.

use std::process::Command;

/// Compiles `source` as a binary crate; returns whether it compiled and
/// rustc's messages.
fn rustc(name: &str, source: &str) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("ch04-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, source).unwrap();
    let output = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args([
            "--edition",
            "2024",
            "--error-format",
            "short",
            "--emit",
            "metadata",
        ])
        .arg("--out-dir")
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

#[test]
fn the_data_in_a_mutex_is_out_of_reach_without_a_guard() {
    let listing = include_str!("../../src/bin/mutex_guard.rs");
    let (compiled, errors) = rustc("mutex_guard", listing);
    assert!(compiled, "the listing should compile unedited:\n{errors}");

    let without_guard = format!(
        "{listing}\n#[allow(dead_code)]\nfn add_without_the_guard(shelf: &Mutex<Vec<&str>>) {{\n    \
         shelf.push(\"Ulysses\");\n}}\n"
    );
    let (compiled, errors) = rustc("without_guard", &without_guard);
    assert!(!compiled, "pushing onto the Mutex itself compiled");
    assert!(
        errors.contains("error[E0599]"),
        "expected E0599 (no method `push` on `Mutex`), rustc said:\n{errors}"
    );
}
