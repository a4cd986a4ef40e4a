//! The instructor's verbs: `pack`, `grade`, `plan`.

use crate::exercises::{self, Exercise};
use crate::grade;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn pack(root: &Path, items: &[String], out: &Path, title: &str, force: bool) -> Result<()> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    crate::project::write_project(root, out, &chosen, force, Some(title))?;
    let minutes: u32 = chosen.iter().map(|e| e.meta.minutes).sum();
    println!(
        "packed {} exercises (about {minutes} minutes) into {}",
        chosen.len(),
        out.display()
    );
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn grade(
    root: &Path,
    items: &[String],
    submissions: &Path,
    out: &Path,
    jobs: usize,
    test_timeout: Duration,
    student_timeout: Duration,
    offline: bool,
) -> Result<ExitCode> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    let options = grade::Options {
        exercises: chosen,
        submissions: submissions.to_owned(),
        out: out.to_owned(),
        jobs,
        test_timeout,
        student_timeout,
        offline,
    };
    let report = grade::grade(root, &options)?;
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

/// The plan as Markdown: one table per chapter, minutes from the metadata.
pub fn plan_markdown(chosen: &[Exercise]) -> String {
    let mut text = String::new();
    let mut chapter = 0;
    let mut chapter_minutes = 0;
    let finish = |text: &mut String, minutes: u32| {
        if minutes > 0 {
            text.push_str(&format!("| | **chapter total** | | **{minutes}** |\n\n"));
        }
    };
    for exercise in chosen {
        if exercise.chapter_number() != chapter {
            finish(&mut text, chapter_minutes);
            chapter = exercise.chapter_number();
            chapter_minutes = 0;
            text.push_str(&format!(
                "**Chapter {chapter}**\n\n| exercise | title | difficulty | minutes |\n|---|---|---|---|\n"
            ));
        }
        chapter_minutes += exercise.meta.minutes;
        let meta = &exercise.meta;
        text.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            meta.id, meta.title, meta.difficulty, meta.minutes
        ));
    }
    finish(&mut text, chapter_minutes);
    let total: u32 = chosen.iter().map(|e| e.meta.minutes).sum();
    text.push_str(&format!(
        "All {} exercises: about {total} minutes of practice.\n",
        chosen.len()
    ));
    text
}

pub fn plan(root: &Path, items: &[String]) -> Result<()> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    print!("{}", plan_markdown(&chosen));
    Ok(())
}
