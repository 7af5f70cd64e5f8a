//! Fuzz target: arbitrary JSON through parsing, validation and engine building; a dataset that
//! builds is then used to scan its own text (its aliases are in it, so hits are likely).
#![no_main]

mod common;

use backstory::{validate, Dataset, Engine, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let parsed = Dataset::from_json(json);
    let has_errors = match &parsed {
        Ok(d) => validate::validate(d).iter().any(|p| p.severity == Severity::Error),
        Err(_) => true,
    };
    match Engine::from_json(json) {
        Ok(engine) => {
            assert!(!has_errors, "the engine accepted a dataset that validation rejects");
            let hits = engine.scan(json);
            common::check_hits(&engine, json, &hits);
        }
        Err(backstory::engine::BuildError::Automaton(_)) => {}
        Err(_) => assert!(has_errors, "the engine refused a dataset that parses and validates"),
    }
});
