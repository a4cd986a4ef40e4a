#[test]
fn stored_outputs_match_a_fresh_run() {
    // It runs `ch09`, whose workers the leftover scans must not see.
    let _turn = crate::listings::ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    listingkit::outputs::assert_stored_outputs_match(env!("CARGO_MANIFEST_DIR"));
}
