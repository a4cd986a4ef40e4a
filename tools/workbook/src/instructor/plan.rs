//! `workbook plan`: the exercises by chapter with their minutes.

use crate::exercises;
use anyhow::Result;
use std::path::Path;

pub fn plan(root: &Path, items: &[String]) -> Result<()> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    print!("{}", exercises::plan_markdown(&chosen));
    Ok(())
}
