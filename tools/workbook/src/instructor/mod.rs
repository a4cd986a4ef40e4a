//! The instructor's verbs: `pack` (pack.rs), `plan` (plan.rs), `grade` and
//! `merge` (here, over the grader in grade/).

pub mod grade;
pub mod pack;
pub mod plan;

pub use pack::{CI_SHARDS, ci_folder, github_workflow, pack};
pub use plan::plan;

use crate::exercises;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// Settings of `workbook grade` besides what is graded.
pub struct GradeSettings {
    pub out: std::path::PathBuf,
    pub jobs: usize,
    pub test_timeout: Duration,
    pub build_timeout: Duration,
    pub student_timeout: Duration,
    pub offline: bool,
    pub sandbox: bool,
    pub shard: Option<grade::Shard>,
    pub keep_work: bool,
    pub deps_cache: std::path::PathBuf,
}

pub fn grade(
    root: &Path,
    items: &[String],
    submissions: &Path,
    settings: GradeSettings,
) -> Result<ExitCode> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    let out = settings.out.clone();
    let options = grade::Options {
        exercises: chosen,
        submissions: submissions.to_owned(),
        out: settings.out,
        jobs: settings.jobs,
        test_timeout: settings.test_timeout,
        build_timeout: settings.build_timeout,
        student_timeout: settings.student_timeout,
        offline: settings.offline,
        sandbox: settings.sandbox,
        shard: settings.shard,
        keep_work: settings.keep_work,
        deps_cache: settings.deps_cache,
    };
    let report = grade::grade(root, &options)?;
    if !report.sandboxed {
        println!("warning: graded WITHOUT a sandbox (--no-sandbox); the report says so at its top");
    }
    for line in &report.skipped {
        println!("not graded: {line}");
    }
    println!(
        "graded {} students in {:.0} s; wrote {}/grades.md, grades.csv and grades.json",
        report.students.len(),
        report.seconds,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn merge(reports: &[std::path::PathBuf], out: &Path) -> Result<()> {
    let merged = grade::merge(reports, out)?;
    println!(
        "merged {} reports: {} students; wrote {}/grades.md, grades.csv and grades.json",
        reports.len(),
        merged.students.len(),
        out.display()
    );
    Ok(())
}
