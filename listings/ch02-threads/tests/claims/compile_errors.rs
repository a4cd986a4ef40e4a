//! Two claims of the chapter are about programs the compiler refuses. Each
//! test makes the edit the text describes to a listing and asks rustc for
//! the error code the text gives.

use std::process::Command;

/// Compiles `source` as a binary crate and returns rustc's error messages;
/// panics if it compiles.
fn rustc_errors(name: &str, source: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ch02-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, source).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc)
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
    assert!(
        !output.status.success(),
        "{name}: the edited listing compiled"
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_listings_compile_as_they_are() {
    // Guards the two tests below: they must fail because of the edit alone.
    for (name, source) in [
        ("spawn_join", include_str!("../../src/bin/spawn_join.rs")),
        ("thread_type", include_str!("../../src/bin/thread_type.rs")),
    ] {
        let dir = std::env::temp_dir().join(format!("ch02-intact-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{name}.rs"));
        std::fs::write(&file, source).unwrap();
        let status = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .args(["--edition", "2024", "--emit", "metadata", "--out-dir"])
            .arg(&dir)
            .arg(&file)
            .status()
            .unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(status.success(), "{name} should compile unedited");
    }
}

#[test]
fn spawn_join_without_move_fails_with_e0373() {
    let listing = include_str!("../../src/bin/spawn_join.rs");
    let with_move = "thread::spawn(move ||";
    assert_eq!(listing.matches(with_move).count(), 1);
    let errors = rustc_errors(
        "without_move",
        &listing.replace(with_move, "thread::spawn(||"),
    );
    assert!(
        errors.contains("error[E0373]"),
        "expected E0373, rustc said:\n{errors}"
    );
}

#[test]
fn starting_a_word_counter_twice_fails_with_e0382() {
    let listing = include_str!("../../src/bin/thread_type.rs");
    let twice = format!(
        "{listing}\n#[allow(dead_code)]\nfn start_twice(counter: WordCounter) {{\n    \
         let _first = counter.spawn();\n    let _second = counter.spawn();\n}}\n"
    );
    let errors = rustc_errors("start_twice", &twice);
    assert!(
        errors.contains("error[E0382]"),
        "expected E0382 (use of moved value), rustc said:\n{errors}"
    );
}
