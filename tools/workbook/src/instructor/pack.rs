//! `workbook pack`: a student project with the chosen exercises (starters,
//! tests, hints; no solutions), and with `--ci` the grading workflow.

use crate::exercises::{self, Exercise};
use anyhow::Result;
use std::path::Path;

/// The CI services `pack --ci` can write a grading workflow for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CiService {
    Github,
}

impl std::fmt::Display for CiService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CiService::Github => "github",
        })
    }
}

pub fn pack(
    root: &Path,
    items: &[String],
    out: &Path,
    title: &str,
    force: bool,
    ci: Option<CiService>,
) -> Result<()> {
    let chosen = exercises::select(&exercises::load_all(root)?, items)?;
    crate::exercises::project::write_project(root, out, &chosen, force, Some(title))?;
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

fn write_ci(dir: &Path, service: CiService, chosen: &[Exercise]) -> Result<()> {
    let CiService::Github = service;
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
