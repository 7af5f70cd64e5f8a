//! Backstory's matching core: finds the companies behind brand names, company names and stock
//! symbols in page text, from a campaign's dataset.
//!
//! The core is pure Rust with no platform code; `wasm` (compiled only for wasm32) is the one thin
//! layer that exports it to JavaScript.
//!
//! # Example
//! ```
//! let json = include_str!("../extension/data/default.json");
//! let engine = backstory::Engine::from_json(json).expect("the bundled dataset is valid");
//! let hits = engine.scan("Fresh bread from Whole Foods Market, delivered.");
//! assert_eq!(hits.len(), 1);
//! assert_eq!(engine.entry(hits[0].entry).unwrap().alias, "Whole Foods Market");
//! assert_eq!((hits[0].start, hits[0].end), (17, 35));
//! ```
#![deny(clippy::unwrap_used)]

pub mod badge;
#[cfg(feature = "cli")]
pub mod cli;
pub mod confirm;
pub mod dataset;
pub mod detect;
pub mod engine;
pub mod exchanges;
pub mod judge;
#[cfg(feature = "studio")]
pub mod languages;
pub mod market;
pub mod normalize;
#[cfg(feature = "studio")]
pub mod organizer;
#[cfg(feature = "studio")]
pub mod page_text;
pub mod search;
#[cfg(feature = "studio")]
pub mod structured;
pub mod symbols;
pub mod update;
pub mod utf16;
pub mod validate;
pub mod views;
pub mod words;

pub use dataset::Dataset;
pub use engine::{Engine, Entry, Hit, HitKind, Judged, Page};
pub use judge::{Rule, Verdict};
pub use validate::{Problem, Severity};

#[cfg(target_arch = "wasm32")]
mod wasm;
