//! Fuzz target: the bundled dataset's engine scans arbitrary text (invalid UTF-8 is replaced,
//! as a browser would never send it); every hit must satisfy the documented invariants.
#![no_main]

mod common;

use std::sync::OnceLock;

use backstory::Engine;
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::from_json(include_str!("../../extension/data/default.json")).expect("the bundled dataset builds")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let hits = engine().scan(&text);
    common::check_hits(engine(), &text, &hits);
});
