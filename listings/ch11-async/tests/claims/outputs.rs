#[test]
fn stored_outputs_match_a_fresh_run() {
    listingkit::outputs::assert_stored_outputs_match(env!("CARGO_MANIFEST_DIR"));
}
