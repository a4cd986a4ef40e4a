//! Each book check, shown to fail when the thing it checks is broken: a
//! fixture book passes every check, then each test breaks one thing.

#[allow(dead_code)] // each test file uses a different part of the fixture
mod fixture;

use fixture::Fixture;
use workbook::book::build::{build, build_collecting_warnings};
use workbook::book::check::{self, Binaries, Book, Check, Found, PythonCheck};

fn binaries() -> Binaries {
    let mut map = Binaries::new();
    map.insert("demo".into(), ["demo".to_string()].into_iter().collect());
    map
}

fn build_fixture(fixture: &Fixture) -> anyhow::Result<workbook::book::build::Built> {
    build(fixture.root(), Some(&fixture.html_dir()))
}

#[test]
fn the_intact_fixture_passes_every_check() {
    let fixture = Fixture::new("intact");
    let built = build_collecting_warnings(fixture.root(), Some(&fixture.html_dir())).unwrap();
    let book = Book {
        root: fixture.root(),
        html_dir: &fixture.html_dir(),
        build_warnings: &built.warnings,
        binaries: &binaries(),
    };
    for check in Check::ALL {
        if let Found::Problems(problems) = check.run(&book) {
            assert_eq!(problems, Vec::<String>::new(), "{}", check.name());
        }
    }
    assert_eq!(check::python_programs_shown(fixture.root()).len(), 1);
}

#[test]
fn captions_name_the_file_and_the_command_and_measured_numbers_are_filled_in() {
    let fixture = Fixture::new("captions");
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(page.contains("Listing 1-1"), "no listing number");
    assert!(
        page.contains("<code>listings/ch01-demo/src/main.rs</code>"),
        "no file path"
    );
    assert!(
        page.contains("<code>cargo run -p demo</code>"),
        "no run command"
    );
    assert!(
        page.contains("captured on x86_64 Linux, 2 cores; timings vary"),
        "no output note"
    );
    assert!(
        page.contains("<code>python3 listings/ch01-demo/python/hello.py</code>"),
        "no python command"
    );
    assert!(
        page.contains("The greeting took 0.01 seconds"),
        "measured number not filled in"
    );
    // The listing uses only std, so the playground may run it.
    assert!(!page.contains("noplayground"));
}

#[test]
fn a_missing_include_fails_the_build_and_the_include_check() {
    let fixture = Fixture::new("missing-include");
    fixture.edit(
        "src/ch01-demo/index.md",
        "src/main.rs:greet",
        "src/gone.rs:greet",
    );
    let error = build_fixture(&fixture).unwrap_err().to_string();
    assert!(
        error.contains("gone.rs") && error.contains("does not exist"),
        "{error}"
    );
    assert!(!error.contains('\n'), "error should be one line: {error}");
    let problems = check::check_includes(fixture.root());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("gone.rs"));
}

#[test]
fn a_missing_anchor_fails_the_build_and_the_include_check() {
    let fixture = Fixture::new("missing-anchor");
    fixture.edit(
        "listings/ch01-demo/src/main.rs",
        "// ANCHOR_END: greet",
        "// the end",
    );
    let error = build_fixture(&fixture).unwrap_err().to_string();
    assert!(error.contains("ANCHOR_END: greet"), "{error}");
    let problems = check::check_includes(fixture.root());
    assert!(
        problems.iter().any(|p| p.contains("ANCHOR_END: greet")),
        "{problems:?}"
    );
}

#[test]
fn a_listing_left_out_of_the_book_is_reported() {
    let fixture = Fixture::new("left-out");
    fixture.write("listings/ch01-demo/src/bin/forgotten.rs", "fn main() {}\n");
    fixture.write("listings/ch01-demo/output/forgotten.txt", "");
    let problems = check::check_listing_files_included(fixture.root());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("forgotten"));
}

#[test]
fn captions_carry_the_listings_title_and_say_when_they_show_an_excerpt() {
    let fixture = Fixture::new("titles");
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(
        page.contains("<span class=\"listing-title\">A greeting from a thread, timed</span>"),
        "no title from the file's //! line"
    );
    assert!(
        page.contains("excerpt of <code>listings/ch01-demo/src/main.rs</code>"),
        "the anchored include is not called an excerpt"
    );
    assert!(
        page.contains("<span class=\"listing-title\">A greeting from Python</span>"),
        "no title from the Python docstring"
    );
}

#[test]
fn a_listing_without_a_title_fails_the_build_and_the_title_check() {
    let fixture = Fixture::new("untitled");
    fixture.edit(
        "listings/ch01-demo/src/main.rs",
        "//! A greeting from a thread, timed.\n",
        "",
    );
    fixture.edit(
        "listings/ch01-demo/python/hello.py",
        "\"\"\"A greeting from Python.\"\"\"\n",
        "",
    );
    let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
    assert!(error.contains("has no title"), "{error}");
    let problems = check::check_listing_titles(fixture.root());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[1].contains("main.rs:greet has no title"),
        "{problems:?}"
    );
    assert!(
        problems[0].contains("hello.py has no title"),
        "{problems:?}"
    );
}

#[test]
fn a_cargo_run_naming_a_missing_binary_is_reported() {
    let fixture = Fixture::new("bad-command");
    fixture.edit(
        "src/ch01-demo/index.md",
        "`cargo run -p demo`",
        "`cargo run -p demo --bin nothing`",
    );
    let problems = check::check_run_commands(fixture.root(), &binaries());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("no binary `nothing`"));
}

#[test]
fn broken_links_and_fragments_are_reported() {
    let fixture = Fixture::new("links");
    fixture.edit(
        "src/ch01-demo/index.md",
        "../intro.md#welcome",
        "../intro.md#nowhere",
    );
    fixture.edit(
        "src/intro.md",
        "# Welcome\n",
        "# Welcome\n\nSee [a lost page](lost.md).\n",
    );
    build_fixture(&fixture).unwrap();
    let problems = check::check_links(&fixture.html_dir());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("#nowhere") && p.contains("missing #fragment")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("lost.html") && p.contains("missing file")),
        "{problems:?}"
    );
}

#[test]
fn a_failing_python_program_is_reported() {
    let fixture = Fixture::new("python");
    fixture.write(
        "listings/ch01-demo/python/hello.py",
        "raise SystemExit('broken on purpose')\n",
    );
    match check::check_python(fixture.root()) {
        PythonCheck::Ran { problems, .. } => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].contains("broken on purpose"), "{problems:?}");
        }
        PythonCheck::Skipped(why) => println!("skipped: {why}"),
    }
}

#[test]
fn python_output_that_drifted_from_the_stored_output_is_reported() {
    let fixture = Fixture::new("python-drift");
    fixture.write(
        "listings/ch01-demo/python/hello.py",
        "print('goodbye from python')\n",
    );
    match check::check_python(fixture.root()) {
        PythonCheck::Ran { problems, .. } => {
            assert!(
                problems.iter().any(|p| p.contains("output differs")),
                "{problems:?}"
            )
        }
        PythonCheck::Skipped(why) => println!("skipped: {why}"),
    }
}

#[test]
fn a_placeholder_page_is_reported() {
    let fixture = Fixture::new("placeholder");
    fixture.write(
        "src/ch01-demo/index.md",
        "# Demo\n\nTODO: write this chapter.\n",
    );
    let problems = check::check_pages(fixture.root());
    assert!(
        problems.iter().any(|p| p.contains("placeholder")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("fewer than 150 words")),
        "{problems:?}"
    );
}

#[test]
fn a_measured_number_with_no_such_label_fails_the_build() {
    let fixture = Fixture::new("measured");
    fixture.edit("src/ch01-demo/index.md", "\"took:\"", "\"lasted:\"");
    let error = build_fixture(&fixture).unwrap_err().to_string();
    assert!(
        error.contains("lasted:") && error.contains("no number"),
        "{error}"
    );
}

#[test]
fn a_listing_using_its_chapter_library_gets_no_playground_button() {
    let fixture = Fixture::new("playground");
    fixture.edit(
        "listings/ch01-demo/src/main.rs",
        "use std::time::Instant;",
        "use std::time::Instant;\nuse ch01::BookServer;",
    );
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(
        page.contains("noplayground"),
        "listing that needs the chapter library should not be runnable"
    );
}

#[test]
fn exercise_pages_show_the_generated_starter_and_folded_hints_and_the_solution() {
    let fixture = Fixture::new("exercise-pages");
    // The task, stated in full in the file, as a learner's copy shows it.
    fixture.edit(
        "exercises/ch01-demo/src/add.rs",
        "//! Add two numbers.\n",
        "//! Add two numbers.\n//!\n//! Return their sum, as the page says at length.\n",
    );
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/exercises.html")).unwrap();
    assert!(
        page.contains("todo!(\"Return the sum of a and b.\")"),
        "no starter"
    );
    assert!(
        !page.contains("    a + b"),
        "the starter on the exercise page holds the solution"
    );
    assert!(
        page.contains("<details class=\"hint\"><summary>Hint 1</summary>"),
        "hints not folded"
    );
    assert!(page.contains("about 5 minutes"));
    // The page states the task; the starter keeps only the title line.
    assert!(page.contains("//! Add two numbers."), "no short header");
    assert!(
        !page.contains("as the page says at length"),
        "the starter restates the task"
    );
    assert!(page.contains("id=\"exercise-ch01-add\""), "no anchor");
    let solutions = std::fs::read_to_string(built.dest.join("solutions.html")).unwrap();
    assert!(solutions.contains("a + b"), "no solution");
    assert!(
        solutions.contains(
            "<details class=\"solution\" id=\"solution-ch01-add\">\n<summary>Show the solution</summary>"
        ),
        "the solution is not folded"
    );
    assert!(
        solutions.contains("href=\"ch01-demo/exercises.html#exercise-ch01-add\""),
        "no link to the exercise"
    );
    assert!(
        !solutions.contains("as the page says at length"),
        "the solution restates the task"
    );
    assert!(
        !solutions.contains("SOLUTION"),
        "region markers leaked into the solution"
    );
    assert!(
        solutions.contains("subtracts instead of adding"),
        "mistakes not listed"
    );
}

#[test]
fn an_exercise_missing_from_the_book_is_reported() {
    let fixture = Fixture::new("exercise-missing");
    fixture.edit("src/solutions.md", "{{#solution ch01-add}}", "");
    let problems = check::check_exercises_shown(fixture.root());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("#solution ch01-add"));
}

#[test]
fn an_unknown_exercise_id_fails_the_build() {
    let fixture = Fixture::new("exercise-unknown");
    fixture.edit(
        "src/ch01-demo/exercises.md",
        "#exercise ch01-add",
        "#exercise ch01-sub",
    );
    let error = build_fixture(&fixture).unwrap_err().to_string();
    assert!(error.contains("no exercise `ch01-sub`"), "{error}");
}

#[test]
fn a_compile_fail_listing_is_captioned_as_such_and_must_be_shown() {
    let fixture = Fixture::new("compile-fail");
    fixture.write(
        "listings/ch01-demo/compile_fail/assign_twice.rs",
        "//! A variable assigned twice.\nfn main() {\n    let x = 1;\n    x = 2;\n}\n",
    );
    fixture.write(
        "listings/ch01-demo/output/assign_twice.txt",
        "error[E0384]: cannot assign twice\n",
    );
    let outputs = std::fs::read_to_string(fixture.path("listings/ch01-demo/outputs.toml")).unwrap();
    fixture.write(
        "listings/ch01-demo/outputs.toml",
        &format!("{outputs}\n[assign_twice]\nerror = \"E0384\"\n"),
    );
    let problems = check::check_listing_files_included(fixture.root());
    assert_eq!(
        problems.len(),
        2,
        "the listing and its output are not shown yet: {problems:?}"
    );

    fixture.edit(
        "src/ch01-demo/index.md",
        "The greeting took",
        "```rust\n{{#rustdoc_include ../../listings/ch01-demo/compile_fail/assign_twice.rs}}\n```\n\n\
         ```text\n{{#include ../../listings/ch01-demo/output/assign_twice.txt}}\n```\n\nThe greeting took",
    );
    assert_eq!(
        check::check_listing_files_included(fixture.root()),
        Vec::<String>::new()
    );
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(
        page.contains("does not compile"),
        "no does-not-compile caption"
    );
    assert!(page.contains(
        "<code>rustc --edition 2024 listings/ch01-demo/compile_fail/assign_twice.rs</code>"
    ));
    assert!(page.contains("rejected with error E0384"));
}

#[test]
fn a_listing_reference_links_to_its_caption_and_a_stale_one_fails_the_build() {
    let fixture = Fixture::new("listing-reference");
    let page = std::fs::read_to_string(fixture.path("src/ch01-demo/index.md")).unwrap();
    fixture.write(
        "src/ch01-demo/index.md",
        &format!("{page}\nAs {{{{#listing listings/ch01-demo/src/main.rs}}}} shows.\n"),
    );
    let built = build_fixture(&fixture).unwrap();
    let html = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(
        html.contains(r##"<a href="#listing-1-1">Listing 1-1</a>"##),
        "no link"
    );
    assert!(html.contains(r#"id="listing-1-1""#), "no caption id");
    assert_eq!(
        check::check_links(&fixture.html_dir()),
        Vec::<String>::new()
    );

    fixture.edit(
        "src/ch01-demo/index.md",
        "{{#listing listings/ch01-demo/src/main.rs}}",
        "{{#listing listings/ch01-demo/src/bin/gone.rs}}",
    );
    let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
    assert!(
        error.contains("no page of the book shows listings/ch01-demo/src/bin/gone.rs"),
        "{error}"
    );
}

const FIGURE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" role="img">
  <title>One box</title>
  <desc>A single box.</desc>
  <rect class="d-box" x="10" y="10" width="80" height="20"/>
</svg>
"#;

/// The fixture with one figure, shown on the chapter page.
fn fixture_with_figure(name: &str) -> Fixture {
    let fixture = Fixture::new(name);
    fixture.write("src/ch01-demo/figures/box.svg", FIGURE);
    fixture.edit(
        "src/ch01-demo/index.md",
        "The greeting took",
        "{{#figure ch01-demo/figures/box.svg \"A box\"}}\n\nThe greeting took",
    );
    fixture
}

#[test]
fn a_figure_is_inlined_with_a_numbered_caption() {
    let fixture = fixture_with_figure("figure");
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(
        page.contains(r#"<figure class="diagram" id="figure-1-1">"#),
        "no figure"
    );
    assert!(
        page.contains("<title>One box</title>"),
        "the SVG is not inlined"
    );
    assert!(
        page.contains("Figure 1-1:</span> A box</figcaption>"),
        "no caption"
    );
    assert_eq!(
        workbook::book::figures::check_figures(fixture.root()),
        Vec::<String>::new()
    );
}

#[test]
fn a_figure_naming_a_missing_file_fails_the_build_and_the_check() {
    let fixture = fixture_with_figure("figure-missing");
    fixture.edit(
        "src/ch01-demo/index.md",
        "figures/box.svg",
        "figures/gone.svg",
    );
    let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
    assert!(
        error.contains("gone.svg") && error.contains("cannot read"),
        "{error}"
    );
    let problems = workbook::book::figures::check_figures(fixture.root());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("gone.svg") && p.contains("does not exist")),
        "{problems:?}"
    );
}

#[test]
fn a_broken_or_external_svg_fails_the_build() {
    for (name, from, to, expected) in [
        ("figure-xml", "</svg>", "", "not well-formed XML"),
        (
            "figure-viewbox",
            r#" viewBox="0 0 100 40""#,
            "",
            "no viewBox",
        ),
        (
            "figure-external",
            "<rect ",
            r#"<use href="https://example.org/shapes.svg#box"/><rect "#,
            "outside the figure",
        ),
    ] {
        let fixture = fixture_with_figure(name);
        fixture.edit("src/ch01-demo/figures/box.svg", from, to);
        let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
        assert!(
            error.contains(expected) && error.contains("box.svg"),
            "{name}: {error}"
        );
        let problems = workbook::book::figures::check_figures(fixture.root());
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn a_figure_no_page_shows_is_reported() {
    let fixture = fixture_with_figure("figure-unused");
    fixture.write("src/ch01-demo/figures/forgotten.svg", FIGURE);
    let problems = workbook::book::figures::check_figures(fixture.root());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("forgotten.svg") && problems[0].contains("not shown on any page"),
        "{problems:?}"
    );
}

const QUIZ: &str = r#"[[question]]
kind = "compiles"
code = "fn main() { let x = 1; x = 2; }"
compiles = false
error = "E0384"
explanation = "`x` is not `mut`."

[[question]]
kind = "primitive"
prompt = "Which lock lets many readers in at once?"
choices = ["`Mutex`", "`RwLock`"]
answer = 1
explanation = "An `RwLock` has shared read guards."
"#;

/// The fixture with one quiz, shown on the chapter page.
fn fixture_with_quiz(name: &str) -> Fixture {
    let fixture = Fixture::new(name);
    fixture.write("src/ch01-demo/quiz.toml", QUIZ);
    fixture.edit(
        "src/ch01-demo/index.md",
        "See [the introduction]",
        "{{#quiz}}\n\nSee [the introduction]",
    );
    fixture
}

#[test]
fn a_quiz_is_rendered_with_its_answers_folded() {
    let fixture = fixture_with_quiz("quiz");
    let built = build_fixture(&fixture).unwrap();
    let page = std::fs::read_to_string(built.dest.join("ch01-demo/index.html")).unwrap();
    assert!(
        page.contains(r#"<div class="quiz" id="quiz-ch01-demo">"#),
        "no quiz"
    );
    assert!(page.contains("Check your understanding"), "no heading");
    assert!(
        page.contains(r#"data-kind="compiles" data-answer="1""#),
        "no answer for the script"
    );
    assert!(
        page.contains(r#"<input type="radio" name="quiz-ch01-demo-q2" value="1">"#),
        "no choices"
    );
    assert!(
        page.contains("rejects it with error E0384"),
        "no folded answer"
    );
    assert_eq!(
        workbook::book::quiz::check_quizzes(fixture.root()),
        Vec::<String>::new()
    );
    assert_eq!(
        check::check_links(&fixture.html_dir()),
        Vec::<String>::new()
    );
}

#[test]
fn a_broken_quiz_fails_the_build_and_the_check() {
    for (name, from, to, expected) in [
        ("quiz-toml", "answer = 1", "answer = [1", "malformed TOML"),
        (
            "quiz-kind",
            "kind = \"primitive\"",
            "kind = \"multiple\"",
            "unknown kind `multiple`",
        ),
        (
            "quiz-no-answer",
            "compiles = false\n",
            "",
            "no correct answer",
        ),
        (
            "quiz-range",
            "answer = 1",
            "answer = 2",
            "answer 2 is out of range",
        ),
    ] {
        let fixture = fixture_with_quiz(name);
        fixture.edit("src/ch01-demo/quiz.toml", from, to);
        let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
        assert!(
            error.contains(expected) && error.contains("src/ch01-demo/quiz.toml"),
            "{name}: {error}"
        );
        let problems = workbook::book::quiz::check_quizzes(fixture.root());
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn a_quiz_directive_naming_a_missing_file_fails_the_build_and_the_check() {
    let fixture = fixture_with_quiz("quiz-missing");
    fixture.edit(
        "src/ch01-demo/index.md",
        "{{#quiz}}",
        "{{#quiz ch01-demo/gone.toml}}",
    );
    let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
    assert!(
        error.contains("src/ch01-demo/gone.toml does not exist"),
        "{error}"
    );
    let problems = workbook::book::quiz::check_quizzes(fixture.root());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("gone.toml") && p.contains("does not exist")),
        "{problems:?}"
    );
}

#[test]
fn a_quiz_no_page_shows_fails_the_build_and_the_check() {
    let fixture = fixture_with_quiz("quiz-unused");
    fixture.edit("src/ch01-demo/index.md", "{{#quiz}}\n", "");
    let error = format!("{:#}", build_fixture(&fixture).unwrap_err());
    assert!(
        error.contains("src/ch01-demo/quiz.toml is not shown on any page"),
        "{error}"
    );
    let problems = workbook::book::quiz::check_quizzes(fixture.root());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("quiz.toml") && problems[0].contains("not shown on any page"),
        "{problems:?}"
    );
}
