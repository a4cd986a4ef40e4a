//! An `Rc` sent to another thread.

use std::rc::Rc;
use std::thread;

fn main() {
    let titles = Rc::new(vec!["Dune".to_string(), "Emma".to_string()]);
    let for_the_thread = Rc::clone(&titles);
    // Rc counts its owners with a plain, non-atomic integer.
    let handle = thread::spawn(move || for_the_thread.len());
    println!("{} titles", handle.join().unwrap());
}
