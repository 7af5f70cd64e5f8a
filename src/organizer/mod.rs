//! The organizer's tools as pure functions over text and bytes: import a spreadsheet, check it,
//! brand and zip the extension, make keys and sign. No files, clock or console here: the
//! `backstory` command line (crate::cli) is file I/O around them, and the Organizer Studio (a web
//! page, studio/) runs them compiled to WebAssembly, so both give the same bytes.

pub mod import;
pub mod keys;
pub mod limits;
pub mod pack;
pub mod pack_locales;
pub mod preview;
pub mod sheet;
pub mod size;
pub mod studio;
pub mod tree;
pub mod word_findings;
