//! The instructor's verbs: `pack`, `grade`, `plan`.

use crate::exercises::{self, Exercise};
use crate::grade;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn pack(
    root: &Path,
    items: &[String],
    out: &Path,
    title: &str,
    force: bool,
    ci: Option<&str>,
) -> Result<()> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    crate::project::write_project(root, out, &chosen, force, Some(title))?;
    let minutes: u32 = chosen.iter().map(|e| e.meta.minutes).sum();
    println!(
        "packed {} exercises (about {minutes} minutes) into {}",
        chosen.len(),
        out.display()
    );
    if let Some(service) = ci {
        let dir = ci_folder(out);
        write_ci(&dir, service, &chosen)?;
        println!(
            "wrote the grading workflow for {service} into {} (see its README.md)",
            dir.display()
        );
    }
    Ok(())
}

/// Where `pack --ci` writes the grading repository's files: beside the
/// student project, never inside it.
pub fn ci_folder(out: &Path) -> std::path::PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assignment".into());
    out.with_file_name(format!("{name}-grading"))
}

/// Shards a class grading is split into by the written workflow.
pub const CI_SHARDS: usize = 4;

fn write_ci(dir: &Path, service: &str, chosen: &[Exercise]) -> Result<()> {
    if service != "github" {
        anyhow::bail!("unknown CI service `{service}`; `github` is the one supported");
    }
    let ids: Vec<&str> = chosen.iter().map(|e| e.meta.id.as_str()).collect();
    let workflow = github_workflow(&ids.join(","), CI_SHARDS);
    let path = dir.join(".github/workflows/grade.yml");
    std::fs::create_dir_all(path.parent().expect("has a parent"))?;
    std::fs::write(&path, workflow)?;
    std::fs::write(
        dir.join("README.md"),
        format!(
            "# Grading with GitHub Actions\n\n\
             Make this folder a repository of its own (private: it will hold the class's work). Put \
             one folder per student under `submissions/` (each holding that student's copy of the \
             assignment), set the repository variable `THREADWORK_REPOSITORY` to the `owner/name` of \
             your Threadwork repository, push, and run the **grade** workflow from the Actions tab.\n\n\
             It grades the class in {CI_SHARDS} shards at once (`workbook grade --shard K/{CI_SHARDS}`), \
             each on its own runner in the bubblewrap sandbox, then merges the shards' reports \
             (`workbook merge`) into one `grades` artifact with grades.md, grades.csv and grades.json.\n\n\
             Exercises: {}.\n",
            ids.join(", ")
        ),
    )?;
    Ok(())
}

/// A GitHub Actions workflow: a matrix of `shards` grading jobs, then a
/// merge job. The commands are the ones `workbook` runs locally.
pub fn github_workflow(exercises: &str, shards: usize) -> String {
    let matrix: Vec<String> = (1..=shards).map(|k| k.to_string()).collect();
    format!(
        r#"# Written by `workbook pack --ci github`: grades submissions/ in {shards} shards, then merges them.
name: grade
on:
  workflow_dispatch:
jobs:
  grade:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        shard: [{matrix}]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
        with:
          repository: ${{{{ vars.THREADWORK_REPOSITORY }}}}
          path: threadwork
      - name: Install bubblewrap
        run: sudo apt-get update && sudo apt-get install -y bubblewrap
      - name: Grade shard ${{{{ matrix.shard }}}} of {shards}
        run: >
          cargo run --manifest-path threadwork/Cargo.toml -p workbook --no-default-features --
          grade --exercises {exercises} --shard ${{{{ matrix.shard }}}}/{shards}
          --out shard-${{{{ matrix.shard }}}} submissions
      - uses: actions/upload-artifact@v4
        with:
          name: shard-${{{{ matrix.shard }}}}
          path: shard-${{{{ matrix.shard }}}}/grades.json
  merge:
    needs: grade
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: ${{{{ vars.THREADWORK_REPOSITORY }}}}
          path: threadwork
      - uses: actions/download-artifact@v4
        with:
          path: shards
      - name: Merge the shards
        run: >
          cargo run --manifest-path threadwork/Cargo.toml -p workbook --no-default-features --
          merge --out grades shards/*/grades.json
      - uses: actions/upload-artifact@v4
        with:
          name: grades
          path: grades
"#,
        matrix = matrix.join(", ")
    )
}

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
