//! What grading found, and the three files it is written to: grades.md for
//! reading, grades.csv for a spreadsheet, grades.json for tools (and for
//! merging the reports of several shards).

use crate::util::fs::write_atomically;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// The verdict on one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    Passed,
    /// An assertion of the canonical tests failed.
    Failed,
    /// The student's code panicked.
    Panicked,
    /// A `todo!()` of the starter was reached.
    NotWritten,
    TimedOut,
    /// The process ended before the harness could prove the test returned.
    EndedEarly,
    /// An allocation failed at the memory limit.
    TooMuchMemory,
    /// The student's time ran out before it could run.
    NotRun,
}

impl fmt::Display for TestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TestStatus::Passed => "passed",
            TestStatus::Failed => "failed",
            TestStatus::Panicked => "panicked",
            TestStatus::NotWritten => "not written",
            TestStatus::TimedOut => "timed out",
            TestStatus::EndedEarly => "ended the process early",
            TestStatus::TooMuchMemory => "used too much memory",
            TestStatus::NotRun => "not run",
        })
    }
}

/// The verdict on one exercise of one student.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseStatus {
    /// Built; its tests ran (each test has its own verdict).
    Graded,
    /// Not handed in.
    Missing,
    DidNotCompile,
    /// The compiler did not finish within the build deadline.
    BuildTimedOut,
    /// The student's time ran out before it was built.
    NotRun,
}

impl fmt::Display for ExerciseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExerciseStatus::Graded => "graded",
            ExerciseStatus::Missing => "missing",
            ExerciseStatus::DidNotCompile => "did not compile",
            ExerciseStatus::BuildTimedOut => "build timed out",
            ExerciseStatus::NotRun => "not run",
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TestGrade {
    pub name: String,
    pub status: TestStatus,
    pub message: String,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExerciseGrade {
    pub id: String,
    pub status: ExerciseStatus,
    pub passed: usize,
    pub total: usize,
    /// The first compiler error, or why the exercise was not graded.
    pub message: String,
    pub tests: Vec<TestGrade>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StudentGrade {
    pub student: String,
    pub passed: usize,
    pub total: usize,
    /// Things an instructor should look at by hand: constructs that could
    /// be used to cheat, edited tests, a time budget that ran out.
    pub notes: Vec<String>,
    pub exercises: Vec<ExerciseGrade>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// How the code ran: the sandbox, or that there was none.
    pub sandbox: String,
    pub sandboxed: bool,
    /// `K/N` for one shard of a class; empty for a whole class.
    #[serde(default)]
    pub shards: Vec<String>,
    pub students: Vec<StudentGrade>,
    /// Entries of the submissions folder that are not student folders.
    pub skipped: Vec<String>,
    pub exercises: Vec<String>,
    pub seconds: f64,
}

pub fn write_all(report: &Report, out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    write_atomically(
        &out.join("grades.json"),
        &serde_json::to_string_pretty(report)?,
    )?;
    write_atomically(&out.join("grades.csv"), &csv(report))?;
    write_atomically(&out.join("grades.md"), &markdown(report))?;
    Ok(())
}

/// One class report out of the reports of its shards.
pub fn merge(parts: &[Report]) -> Result<Report> {
    let Some(first) = parts.first() else {
        bail!("no reports to merge");
    };
    let mut merged = Report {
        sandbox: first.sandbox.clone(),
        sandboxed: parts.iter().all(|p| p.sandboxed),
        shards: Vec::new(),
        students: Vec::new(),
        skipped: Vec::new(),
        exercises: first.exercises.clone(),
        seconds: 0.0,
    };
    for part in parts {
        if part.exercises != first.exercises {
            bail!(
                "the reports grade different exercises ({} vs {}); merge reports of one assignment",
                part.exercises.join(","),
                first.exercises.join(",")
            );
        }
        if part.sandbox != merged.sandbox {
            merged.sandbox = format!("{} / {}", merged.sandbox, part.sandbox);
        }
        merged.shards.extend(part.shards.iter().cloned());
        for student in &part.students {
            if merged.students.iter().any(|s| s.student == student.student) {
                bail!("{} is graded in two of the reports", student.student);
            }
            merged.students.push(student.clone());
        }
        for skipped in &part.skipped {
            if !merged.skipped.contains(skipped) {
                merged.skipped.push(skipped.clone());
            }
        }
        merged.seconds = merged.seconds.max(part.seconds);
    }
    merged.students.sort_by(|a, b| a.student.cmp(&b.student));
    merged.shards.sort();
    Ok(merged)
}

pub fn read(path: &Path) -> Result<Report> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a grades.json written by `workbook grade`",
            path.display()
        )
    })
}

/// A CSV cell: quoted when needed, and never a formula a spreadsheet
/// would evaluate.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Text from a submission (a message, a note) as one inert Markdown line:
/// no line breaks, no HTML, links, emphasis or table cells of its own.
pub fn md_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().take(300) {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('?'),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    if text.chars().count() > 300 {
        out.push('…');
    }
    out
}

fn percent(passed: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * passed as f64 / total as f64
    }
}

/// One row per student: per exercise its points and its status (so that
/// "missing" and "did not compile" are not both just 0).
fn csv(report: &Report) -> String {
    let mut text = String::from("student");
    for id in &report.exercises {
        text.push_str(&format!(",{},{} status", csv_field(id), csv_field(id)));
    }
    text.push_str(",passed,total,percent,notes\n");
    for student in &report.students {
        text.push_str(&csv_field(&student.student));
        for grade in &student.exercises {
            text.push_str(&format!(",{},{}", grade.passed, grade.status));
        }
        text.push_str(&format!(
            ",{},{},{:.0},{}\n",
            student.passed,
            student.total,
            percent(student.passed, student.total),
            student.notes.len()
        ));
    }
    text
}

fn markdown(report: &Report) -> String {
    let mut text = format!(
        "# Grades\n\n**Sandbox:** {}\n\n{} students, {} exercises, graded in {:.0} s{}.\n\n| student |",
        report.sandbox,
        report.students.len(),
        report.exercises.len(),
        report.seconds,
        if report.shards.is_empty() {
            String::new()
        } else {
            format!(" (shards {})", report.shards.join(", "))
        }
    );
    for id in &report.exercises {
        text.push_str(&format!(" {id} |"));
    }
    text.push_str(" total | notes |\n|---|");
    for _ in &report.exercises {
        text.push_str("---|");
    }
    text.push_str("---|---|\n");
    for student in &report.students {
        text.push_str(&format!("| {} |", student.student));
        for grade in &student.exercises {
            let cell = match grade.status {
                ExerciseStatus::Graded => format!("{}/{}", grade.passed, grade.total),
                other => other.to_string(),
            };
            text.push_str(&format!(" {cell} |"));
        }
        text.push_str(&format!(
            " {}/{} | {} |\n",
            student.passed,
            student.total,
            if student.notes.is_empty() {
                String::new()
            } else {
                format!("{} to check", student.notes.len())
            }
        ));
    }
    if !report.skipped.is_empty() {
        text.push_str("\n## Not graded\n\n");
        for line in &report.skipped {
            text.push_str(&format!("- {}\n", md_text(line)));
        }
    }
    text.push_str("\n## Details\n");
    for student in &report.students {
        text.push_str(&format!("\n### {}\n\n", student.student));
        for note in &student.notes {
            text.push_str(&format!("- check by hand: {}\n", md_text(note)));
        }
        for grade in &student.exercises {
            if grade.status != ExerciseStatus::Graded {
                let message = grade.message.lines().next().unwrap_or("");
                text.push_str(&format!(
                    "- `{}`: {} — {}\n",
                    grade.id,
                    grade.status,
                    md_text(message)
                ));
                continue;
            }
            for test in grade
                .tests
                .iter()
                .filter(|t| t.status != TestStatus::Passed)
            {
                let message = test.message.lines().next().unwrap_or("");
                text.push_str(&format!(
                    "- `{}` {}: {} — {}\n",
                    grade.id,
                    test.name,
                    test.status,
                    md_text(message)
                ));
            }
            if grade.passed == grade.total {
                text.push_str(&format!(
                    "- `{}`: all {} tests passed\n",
                    grade.id, grade.total
                ));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submission_text_cannot_forge_report_lines() {
        let forged = "x\n- `ch02`: all 5 tests passed\n\n### honest\n<!-- [link](http://e) |";
        let line = md_text(forged);
        assert!(!line.contains('\n'));
        for raw in ["<!--", "[link]", "### ", " |", "`ch02`"] {
            assert!(!line.contains(raw), "{raw} survived in {line}");
        }
        assert_eq!(csv_field("-1-1"), "'-1-1");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("ada"), "ada");
    }
}
