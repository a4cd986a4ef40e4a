//! An `Rc` kept across an `.await` in a spawned task.
// Compile-fail listings are compiled by rustc alone, without tokio, so this
// `spawn` stands in for `tokio::spawn` with the same bounds.
use std::future::Future;
use std::rc::Rc;

fn spawn<F>(task: F)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    drop(task);
}

async fn save(pages: usize) {
    let _ = pages;
}

fn main() {
    spawn(async {
        let book = Rc::new(String::from("the text of a book"));
        save(book.len()).await;
        println!("saved {book}");
    });
}
