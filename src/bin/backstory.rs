//! The `backstory` command line: parses arguments, runs one subcommand, exits 0 / 1 / 2.
//!
//! Exit codes: 0 success, 1 problems found (`check`; with `--stale`, any fact older than the
//! limit), 2 could not run (unreadable file, bad
//! arguments). Errors go to stderr and name the file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use backstory::cli::{check, import, pack, scan, signing, stats, words};

#[derive(Parser)]
#[command(
    name = "backstory",
    version,
    about = "Find the companies behind brand names, company names and stock symbols."
)]
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
        /// Host name the inputs come from, as the extension knows it ("www.staples.com"). Without
        /// it, an HTML page's canonical or og:url address gives it.
        #[arg(long)]
        host: Option<String>,
        /// The inputs' language ("fr", "pt-BR"). Without it, an HTML page's `lang` or
        /// Content-Language gives it; names that are ordinary words in it wait for the page.
        #[arg(long)]
        lang: Option<String>,
        /// Print every candidate with the judge's verdict and rule, rejected ones too.
        #[arg(long)]
        explain: bool,
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
        /// Also list every dated fact (a company's, a source's or a profile section's `as_of`)
        /// older than AGE: months, years or days, as 12m, 18m, 2y or 90d. Exit 1 when there is one.
        #[arg(long, value_name = "AGE", value_parser = backstory::cli::stale::Age::parse)]
        stale: Option<backstory::cli::stale::Age>,
        /// The day AGE counts back from, YYYY-MM-DD (default: today, UTC).
        #[arg(long, value_name = "DAY", requires = "stale")]
        today: Option<String>,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Make a dataset from an organizer's list, or add SEC symbols to one.
    Import {
        /// csv, techforpalestine, nsi, or sec.
        #[arg(long)]
        from: String,
        /// With --from sec: the dataset to add symbols to.
        #[arg(long)]
        dataset: Option<String>,
        #[arg(short, long)]
        out: String,
        #[arg(long, default_value = "imported-dataset")]
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, default_value = "Unnamed publisher")]
        publisher: String,
        #[arg(long, default_value = "All rights reserved")]
        license: String,
        /// Date the facts are true (default: today).
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, default_value_t = 1)]
        version: u64,
        /// Hand edits (aliases, rules, profile links) to merge over the import; this file is only
        /// read, never written (docs/organizers.md).
        #[arg(long)]
        overrides: Option<String>,
        /// CSV separator: , ; or tab (default: detected from the header line).
        #[arg(long)]
        delimiter: Option<String>,
        #[arg(long)]
        json: bool,
        file: String,
    },
    /// Build a branded extension for Chromium and Firefox (folders and reproducible zips).
    Pack {
        #[arg(long)]
        dataset: String,
        /// The extension's name, as stores and the toolbar show it.
        #[arg(long)]
        name: String,
        #[arg(long)]
        description: Option<String>,
        /// The name in another interface language, as LOCALE=TEXT ("de=Fairer Einkauf"); repeatable.
        #[arg(long = "name-in")]
        name_in: Vec<String>,
        /// The description in another interface language, as LOCALE=TEXT; repeatable.
        #[arg(long = "description-in")]
        description_in: Vec<String>,
        /// A PNG (used for every size) or an SVG (rendered at each size).
        #[arg(long)]
        icon: Option<String>,
        /// Accent colour, #rrggbb.
        #[arg(long)]
        color: Option<String>,
        /// Sites the content script runs on by default: host names or match patterns, comma-separated.
        #[arg(long, value_delimiter = ',')]
        sites: Vec<String>,
        /// Where signed dataset updates are fetched.
        #[arg(long)]
        update_url: Option<String>,
        /// The minisign public key (file or base64) that update signatures must match.
        #[arg(long)]
        public_key: Option<String>,
        /// Firefox add-on id (default: <name>@backstory-pack).
        #[arg(long)]
        addon_id: Option<String>,
        /// The extension's version, X.Y.Z (default: the built extension's); raise it for each store upload.
        #[arg(long)]
        version: Option<String>,
        /// Keep the content-script matches for http://127.0.0.1 and http://localhost that the
        /// tests use; never for a store upload.
        #[arg(long)]
        for_testing: bool,
        /// The built extension folder to brand (from `make build`). Default: the one built into this
        /// binary (`make cli`), else dist/chromium in the current folder.
        #[arg(long)]
        extension: Option<String>,
        #[arg(short, long)]
        out: String,
        #[arg(long)]
        json: bool,
    },
    /// Make a minisign key pair for signing dataset updates.
    Keygen {
        /// Folder for backstory.key (secret) and backstory.pub.
        #[arg(short, long, default_value = ".")]
        out: String,
        #[arg(long)]
        json: bool,
    },
    /// Validate and sign a dataset; writes DATASET.minisig.
    Sign {
        /// Secret key file from `backstory keygen`, the Organizer Studio or minisign; a
        /// password-protected one opens with the password in $BACKSTORY_KEY_PASSWORD.
        #[arg(long)]
        key: String,
        #[arg(long)]
        json: bool,
        dataset: String,
    },
    /// Check a signed dataset as the extension does before it applies an update.
    Verify {
        /// Public key file (backstory.pub or minisign.pub).
        #[arg(long)]
        public_key: String,
        /// Signature file (default: DATASET.minisig).
        #[arg(long)]
        signature: Option<String>,
        /// The dataset version in use; the update must be newer.
        #[arg(long, default_value_t = 0)]
        current_version: u64,
        /// The dataset id the extension was packed with; an update of another list is refused.
        #[arg(long)]
        dataset_id: Option<String>,
        #[arg(long)]
        json: bool,
        dataset: String,
    },
    /// Name the dataset's names that are ordinary words in some language (they wait for the page
    /// there) or sit inside longer Chinese or Japanese words; --write puts those rules in the file.
    Words {
        #[arg(long)]
        write: bool,
        #[arg(long)]
        json: bool,
        file: String,
    },
    /// Count what a dataset holds and list its riskiest aliases.
    Stats {
        #[arg(long)]
        json: bool,
        file: String,
    },
}

fn main() -> ExitCode {
    restore_sigpipe();
    let args = Args::parse();
    let outcome = match args.command {
        Command::Scan { dataset, json, host, lang, explain, inputs } => {
            let page = scan::PageArgs { host: host.as_deref(), lang: lang.as_deref() };
            scan::run(dataset.as_deref(), json, explain, page, &inputs)
        }
        Command::Check { json, strict, stale, today, files } => {
            let stale = stale.map(|age| check::Staleness { age, today: today.unwrap_or_else(import::today) });
            check::run(&files, json, strict, stale.as_ref())
        }
        Command::Stats { json, file } => stats::run(&file, json),
        Command::Words { write, json, file } => words::run(&file, write, json),
        Command::Keygen { out, json } => signing::keygen(&out, json),
        Command::Pack {
            dataset,
            name,
            description,
            name_in,
            description_in,
            icon,
            color,
            sites,
            update_url,
            public_key,
            addon_id,
            version,
            for_testing,
            extension,
            out,
            json,
        } => {
            let localized = backstory::cli::parse_localized(&name_in, "name")
                .and_then(|n| Ok((n, backstory::cli::parse_localized(&description_in, "description")?)));
            localized.and_then(|(names, descriptions)| {
                let options = backstory::organizer::pack::Options {
                    name,
                    description,
                    names,
                    descriptions,
                    color,
                    sites,
                    update_url,
                    public_key: None,
                    addon_id,
                    version,
                    for_testing,
                };
                pack::run(&pack::PackOptions {
                    dataset,
                    options,
                    icon,
                    public_key_file: public_key,
                    extension,
                    out,
                    json,
                })
            })
        }
        Command::Import {
            from,
            dataset,
            out,
            id,
            title,
            publisher,
            license,
            as_of,
            version,
            overrides,
            delimiter,
            json,
            file,
        } => {
            let meta = import::Meta {
                title: title.unwrap_or_else(|| format!("Imported from {file}")),
                as_of: as_of.unwrap_or_else(import::today),
                id,
                publisher,
                license,
                version,
            };
            let request = import::Request {
                from: &from,
                file: &file,
                out: &out,
                base: dataset.as_deref(),
                overrides: overrides.as_deref(),
                delimiter: delimiter.as_deref(),
                json,
            };
            import::run(&request, meta)
        }
        Command::Sign { key, dataset, json } => signing::sign(&key, &dataset, json),
        Command::Verify { public_key, signature, current_version, dataset_id, dataset, json } => {
            signing::verify(&public_key, &dataset, signature.as_deref(), current_version, dataset_id.as_deref(), json)
        }
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("backstory: {message}");
            ExitCode::from(2)
        }
    }
}

/// Rust ignores SIGPIPE, so `backstory scan ... | head` would panic on the closed pipe; with the
/// default action restored the command ends quietly, as command-line tools do.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
