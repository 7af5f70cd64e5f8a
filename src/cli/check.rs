//! `backstory check`: validates dataset files and prints every problem with its JSON path, and,
//! with `--stale AGE`, every dated fact older than AGE.

use serde::Serialize;

use crate::cli::stale::{cutoff, stale_facts, Age, StaleFact};
use crate::dataset::{AliasRule, CasePolicy, Confirm, Dataset};
use crate::normalize::{normalize, Fold};
use crate::validate::{validate, Severity};
use crate::words::{is_common_word, is_english_word};

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
            .chain(word_warnings(&dataset))
            .chain(held_back(&dataset))
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

/// Names the word lists call ordinary words of some language (or that sit inside longer Chinese or
/// Japanese words) without a rule that says so: on pages in those languages they would flag the
/// word. `backstory words --write` adds the rules.
fn word_warnings(dataset: &Dataset) -> Vec<ProblemView> {
    let mut annotated = dataset.clone();
    crate::languages::annotate(&mut annotated)
        .into_iter()
        .map(|(alias, (langs, longer))| {
            let mut what = Vec::new();
            if !langs.is_empty() {
                what.push(format!("is an ordinary word in {}", langs.join(", ")));
            }
            if longer > 0 {
                what.push(format!("sits inside {longer} longer Chinese or Japanese word(s)"));
            }
            ProblemView {
                severity: "warning",
                path: format!("alias {alias:?}"),
                message: format!(
                    "{}; run `backstory words --write` to let pages in those languages hold it back",
                    what.join(" and ")
                ),
                line: None,
                column: None,
            }
        })
        .collect()
}

/// What the judge does with the dataset's names that are ordinary words, so an organizer knows it
/// before shipping: a note for each alias that waits for the page (it gets a badge there only where
/// the page also names its company by another name, its web address or a brand label), and a
/// warning for a one-word alias that is an ordinary English word but that no rule holds back on an
/// English page ("Dove": "a dove" would name its owner).
fn held_back(dataset: &Dataset) -> Vec<ProblemView> {
    let company_name = |id: &str| -> String {
        dataset.companies.iter().find(|c| c.id == id).map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let named = dataset.companies.iter().map(|c| (&c.name, &c.aliases, c.name.clone()));
    let brands = dataset.brands.iter().map(|b| {
        let owner = b.owners.first().map_or_else(|| b.name.clone(), |o| company_name(&o.company));
        (&b.name, &b.aliases, owner)
    });
    let mut out = Vec::new();
    for (name, aliases, owner) in named.chain(brands) {
        for rule in crate::dataset::match_rules(name, aliases) {
            out.extend(held_back_finding(&rule, &owner));
        }
    }
    out
}

fn held_back_finding(rule: &AliasRule, owner: &str) -> Vec<ProblemView> {
    let view = |severity, message| ProblemView {
        severity,
        path: format!("alias {:?}", rule.text),
        message,
        line: None,
        column: None,
    };
    let badge_only = format!(
        "it gets a badge only where the page also names {owner} otherwise (another of its names, its web address or a brand label)"
    );
    let mut out = Vec::new();
    if rule.confirm == Confirm::Page {
        out.push(view("note", format!("waits on every page: {badge_only}")));
    } else if !rule.word_in.is_empty() {
        let langs = rule.word_in.join(", ");
        out.push(view(
            "note",
            if rule.context.is_empty() {
                format!("is an ordinary word in {langs}: on a page in one of those languages {badge_only}")
            } else {
                format!("is an ordinary word in {langs}: on a page in one of those languages it needs a context word nearby")
            },
        ));
    }
    // validate() already warns about the commonest words ("Apple"); this is the rest of the dictionary.
    let folded = normalize(&rule.text, Fold::MATCH).text.trim().to_string();
    let held_in_english = rule.confirm == Confirm::Page
        || rule.case == CasePolicy::Exact
        || !rule.context.is_empty()
        || rule.word_in.iter().any(|l| crate::judge::primary_language(l).as_deref() == Some("en"));
    if !held_in_english && !folded.contains(' ') && is_english_word(&folded) && !is_common_word(&folded) {
        out.push(view(
            "warning",
            "is an ordinary English word that nothing holds back on an English page; give it a case, \
             context or confirm rule, or `word_in: [\"en\"]`"
                .to_string(),
        ));
    }
    out
}
