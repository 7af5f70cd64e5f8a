//! The `backstory` command line: parses arguments, runs one subcommand, exits 0 / 1 / 2.
//!
//! Exit codes: 0 success, 1 problems found (`check`), 2 could not run (unreadable file, bad
//! arguments). Errors go to stderr and name the file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use backstory::cli::{check, scan, stats};

#[derive(Parser)]
#[command(name = "backstory", version, about = "Find the companies behind brand names, company names and stock symbols.")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print every brand, company and symbol found in text or HTML files.
    Scan {
        /// Dataset file (the bundled default dataset when absent).
        #[arg(long)]
        dataset: Option<String>,
        /// One JSON object per input, one per line.
        #[arg(long)]
        json: bool,
        /// Text or HTML files (HTML by extension .html/.htm); `-` reads standard input as text.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Validate dataset files: errors make a dataset unusable, warnings are a lint.
    Check {
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
        /// Exit 1 on warnings too.
        #[arg(long)]
        strict: bool,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Count what a dataset holds and list its riskiest aliases.
    Stats {
        #[arg(long)]
        json: bool,
        file: String,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match args.command {
        Command::Scan { dataset, json, inputs } => scan::run(dataset.as_deref(), json, &inputs),
        Command::Check { json, strict, files } => check::run(&files, json, strict),
        Command::Stats { json, file } => stats::run(&file, json),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("backstory: {message}");
            ExitCode::from(2)
        }
    }
}
