//! `backstory check`: validates dataset files and prints every problem with its JSON path, and,
//! with `--stale AGE`, every dated fact older than AGE.

use serde::Serialize;

use crate::cli::stale::{cutoff, stale_facts, Age, StaleFact};
use crate::dataset::Dataset;
use crate::validate::{validate, Severity};

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    errors: usize,
    warnings: usize,
    /// What the judge will do with names that are ordinary words: not a problem, but worth knowing.
    notes: usize,
    problems: Vec<ProblemView>,
    /// With `--stale`: the facts older than the limit (absent without it).
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<Vec<StaleFact>>,
}

/// `--stale AGE` and `--today DAY`: facts dated before `today` less `age` are listed.
#[derive(Debug, Clone)]
pub struct Staleness {
    pub age: Age,
    /// `YYYY-MM-DD`; the default is today in UTC.
    pub today: String,
}

#[derive(Serialize)]
struct ProblemView {
    severity: &'static str,
    path: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// Checks each file; returns the exit code (0 clean, 1 problems or, with `stale`, any stale
/// fact) or a could-not-run error (also for a `--today` that is not a day).
pub fn run(files: &[String], json: bool, strict: bool, stale: Option<&Staleness>) -> Result<u8, String> {
    let limit = match stale {
        Some(s) => Some(
            cutoff(&s.today, s.age).ok_or_else(|| format!("--today {:?} is not a date in YYYY-MM-DD form", s.today))?,
        ),
        None => None,
    };
    let mut failed = false;
    for file in files {
        let text = super::read_input(file)?;
        let report = check_text(file, &text, limit.as_deref());
        let stale_count = report.stale.as_ref().map_or(0, Vec::len);
        failed |= report.errors > 0 || (strict && report.warnings > 0) || stale_count > 0;
        if json {
            println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
        } else {
            for p in &report.problems {
                let at = match (p.line, p.column) {
                    (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
                    _ => file.to_string(),
                };
                println!("{at}: {}: {}: {}", p.severity, p.path, p.message);
            }
            if let (Some(facts), Some(limit)) = (&report.stale, &limit) {
                for s in facts {
                    println!("{file}: stale: {}: {} ({}) is before {limit}", s.path, s.as_of, s.company);
                }
            }
            let stale_line =
                limit.as_ref().map_or(String::new(), |l| format!(", {stale_count} fact(s) dated before {l}"));
            println!(
                "{file}: {} error(s), {} warning(s), {} note(s){stale_line}",
                report.errors, report.warnings, report.notes
            );
        }
    }
    Ok(u8::from(failed))
}

fn check_text<'a>(file: &'a str, text: &str, limit: Option<&str>) -> Report<'a> {
    let parsed = Dataset::from_json(text);
    let stale = match (&parsed, limit) {
        (Ok(d), Some(limit)) => Some(stale_facts(d, limit)),
        (Err(_), Some(_)) => Some(Vec::new()),
        (_, None) => None,
    };
    let problems: Vec<ProblemView> = match parsed {
        Err(e) => vec![ProblemView {
            severity: "error",
            path: e.path,
            message: e.message,
            line: Some(e.line),
            column: Some(e.column),
        }],
        Ok(dataset) => validate(&dataset)
            .into_iter()
            .map(|p| ProblemView {
                severity: if p.severity == Severity::Error { "error" } else { "warning" },
                path: p.path,
                message: p.message,
                line: None,
                column: None,
            })
            .chain(crate::organizer::word_findings::of(&dataset).into_iter().map(|w| ProblemView {
                severity: w.severity,
                path: format!("alias {:?}", w.alias),
                message: w.message,
                line: None,
                column: None,
            }))
            .collect(),
    };
    // Errors first, then warnings, then notes: what must be answered before what is worth knowing.
    let rank = |p: &ProblemView| ["error", "warning", "note"].iter().position(|s| *s == p.severity);
    let mut problems = problems;
    problems.sort_by_key(rank);
    let count = |severity: &str| problems.iter().filter(|p| p.severity == severity).count();
    let (errors, warnings, notes) = (count("error"), count("warning"), count("note"));
    Report { file, errors, warnings, notes, problems, stale }
}
