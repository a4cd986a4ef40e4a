//! Named threads, started with `thread::Builder`.

use std::thread;

fn main() {
    println!("main runs on a thread named {:?}", thread::current().name());

    let mut downloaders = Vec::new();
    for book in 1..=3 {
        let downloader = thread::Builder::new()
            .name(format!("downloader-{book}"))
            .spawn(move || {
                // A thread can ask for its own name, which is handy in log lines.
                let me = thread::current();
                let name = me.name().unwrap_or("<unnamed>");
                println!("[{name}] fetching book {book}");
            })
            // Unlike `thread::spawn`, the builder hands back an error if the
            // operating system cannot start the thread.
            .expect("the OS refused to start a thread");
        downloaders.push(downloader);
    }
    for downloader in downloaders {
        downloader.join().expect("a downloader panicked");
    }

    let anonymous = thread::spawn(|| thread::current().name().map(str::to_owned));
    let name = anonymous.join().expect("the anonymous thread panicked");
    println!("a thread from thread::spawn is named {name:?}");
}
