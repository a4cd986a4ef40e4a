//! Building the book with mdBook as a library.

use crate::book::preprocess::Threadwork;
use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context as LayerContext, Layer, SubscriberExt};

/// What one build produced.
#[derive(Debug)]
pub struct Built {
    pub dest: PathBuf,
    /// Every warning or error mdBook reported; a clean build has none.
    pub warnings: Vec<String>,
    pub elapsed: Duration,
}

/// Builds the book at `root` into `dest` (default: the `book/` folder).
/// Fails on anything mdBook reports as a warning or error, since a warning is
/// usually a broken include or link that the reader would see.
pub fn build(root: &Path, dest: Option<&Path>) -> Result<Built> {
    let built = build_collecting_warnings(root, dest)?;
    if let Some(first) = built.warnings.first() {
        bail!("mdBook warned: {first}");
    }
    Ok(built)
}

/// Builds the book and returns the warnings instead of failing on them.
pub fn build_collecting_warnings(root: &Path, dest: Option<&Path>) -> Result<Built> {
    let start = Instant::now();
    let recorder = Recorder::default();
    let warnings = recorder.messages.clone();
    let subscriber = tracing_subscriber::registry().with(recorder);
    let dest = tracing::subscriber::with_default(subscriber, || -> Result<PathBuf> {
        let mut book = MDBook::load(root)
            .with_context(|| format!("cannot load the book at {}", root.display()))?;
        if let Some(dest) = dest {
            book.config.build.build_dir = dest.to_owned();
        }
        // Replaces the `cargo run … preprocessor` command of book.toml with the
        // same code in-process: same book, no second build of this tool.
        book.with_preprocessor(Threadwork);
        book.build().map_err(flatten)?;
        Ok(book.build_dir_for("html"))
    })?;
    let warnings = warnings.lock().unwrap().clone();
    Ok(Built {
        dest,
        warnings,
        elapsed: start.elapsed(),
    })
}

/// mdBook nests its errors in context layers; one line is easier to read.
fn flatten(error: anyhow::Error) -> anyhow::Error {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    anyhow::anyhow!(parts.join(": "))
}

/// A tracing layer that keeps every warning and error mdBook logs.
#[derive(Default)]
struct Recorder {
    messages: Arc<Mutex<Vec<String>>>,
}

impl<S: Subscriber> Layer<S> for Recorder {
    fn on_event(&self, event: &Event<'_>, _ctx: LayerContext<'_, S>) {
        if *event.metadata().level() > Level::WARN {
            return;
        }
        let mut message = MessageText(String::new());
        event.record(&mut message);
        self.messages.lock().unwrap().push(message.0);
    }
}

struct MessageText(String);

impl Visit for MessageText {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            self.0.push_str(&format!("{value:?}"));
        } else {
            self.0.push_str(&format!("{}={value:?}", field.name()));
        }
    }
}
