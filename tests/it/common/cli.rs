//! Running the `backstory` binary (built for the tests with feature `cli`).

use std::process::{Command, Output};

/// The `backstory` binary run to its end with these arguments.
pub fn backstory(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory")).args(args).output().expect("the binary runs")
}
