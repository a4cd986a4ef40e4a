//! The chapter says: delete `move` from `spawn_join` and the compiler refuses
//! the program with error E0373. This test makes that edit and asks rustc.

use std::process::Command;

#[test]
fn spawn_join_without_move_fails_with_e0373() {
    let listing = include_str!("../src/bin/spawn_join.rs");
    let with_move = "thread::spawn(move ||";
    assert_eq!(
        listing.matches(with_move).count(),
        1,
        "the listing should spawn with `move` once"
    );
    let without_move = listing.replace(with_move, "thread::spawn(||");

    let dir = std::env::temp_dir().join(format!("ch02-without-move-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("spawn_join_without_move.rs");
    std::fs::write(&source, without_move).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc)
        .args([
            "--edition",
            "2024",
            "--error-format",
            "short",
            "--emit",
            "metadata",
            "--out-dir",
        ])
        .arg(&dir)
        .arg(&source)
        .output()
        .expect("rustc runs");
    std::fs::remove_dir_all(&dir).unwrap();

    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the edited listing compiled");
    assert!(
        errors.contains("error[E0373]"),
        "expected E0373, rustc said:\n{errors}"
    );
}
