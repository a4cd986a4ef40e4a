//! Buffered writes lost when main returns without joining.

use std::env;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const RECORDS: usize = 400;
/// The writer tells main when it has written this many.
const HALFWAY: usize = 250;

/// Every record is one line of 40 bytes.
fn record(n: usize) -> String {
    format!("record {n:03} of {RECORDS}: 21.5 degrees Celsius\n")
}

// ANCHOR: child
/// The child process: a writer thread behind a `BufWriter`.
/// Main either returns as soon as the writer is halfway, or joins it.
fn child(ending: &str, path: &Path) {
    let file = File::create(path).expect("create the file");
    let (progress, halfway) = mpsc::channel();
    let writer = thread::spawn(move || {
        // Writes land in an 8 KiB buffer; the file sees them only when the
        // buffer is full, or when it is flushed or dropped.
        let mut out = BufWriter::new(file);
        for n in 1..=RECORDS {
            thread::sleep(Duration::from_millis(2)); // producing a record takes time
            out.write_all(record(n).as_bytes()).expect("write a record");
            if n == HALFWAY {
                progress.send(n).expect("main is listening");
            }
        }
        out.flush().expect("flush the file");
        println!("  writer: all {RECORDS} records written and flushed");
    });

    let written = halfway.recv().expect("the writer reports halfway");
    println!("  child main: the writer has written {written} records");
    if ending == "join" {
        writer.join().expect("the writer panicked");
    }
    println!("  child main: returning");
}
// ANCHOR_END: child

// ANCHOR: parent
/// The parent process: two runs of the child, and what each left behind.
/// The child is this same program; after each run the parent reads what
/// the child left in the file.
fn main() {
    let mut args = env::args_os().skip(1);
    if let (Some(ending), Some(path)) = (args.next(), args.next()) {
        return child(&ending.to_string_lossy(), Path::new(&path));
    }

    let path: PathBuf = env::temp_dir().join(format!("ch07-records-{}.txt", std::process::id()));
    let this_program = env::current_exe().expect("the path of this program");
    for ending in ["return", "join"] {
        println!("parent: a child whose main ends with `{ending}`");
        let status = Command::new(&this_program)
            .args([OsString::from(ending), path.clone().into()])
            .status()
            .expect("run the child");
        assert!(status.success(), "the child failed: {status}");

        let text = fs::read_to_string(&path).expect("read the child's file");
        println!(
            "parent: the file holds {} bytes: {} of the {RECORDS} records",
            text.len(),
            text.lines().count()
        );
    }
    fs::remove_file(&path).expect("remove the file");
}
// ANCHOR_END: parent
