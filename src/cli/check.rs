//! `backstory check`: validates dataset files and prints every problem with its JSON path.

use serde::Serialize;

use crate::dataset::Dataset;
use crate::validate::{validate, Severity};

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    errors: usize,
    warnings: usize,
    problems: Vec<ProblemView>,
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

/// Checks each file; returns the exit code (0 clean, 1 problems) or a could-not-run error.
pub fn run(files: &[String], json: bool, strict: bool) -> Result<u8, String> {
    let mut failed = false;
    for file in files {
        let text = super::read_input(file)?;
        let report = check_text(file, &text);
        failed |= report.errors > 0 || (strict && report.warnings > 0);
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
            println!("{file}: {} error(s), {} warning(s)", report.errors, report.warnings);
        }
    }
    Ok(u8::from(failed))
}

fn check_text<'a>(file: &'a str, text: &str) -> Report<'a> {
    let problems: Vec<ProblemView> = match Dataset::from_json(text) {
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
            .collect(),
    };
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    Report { file, errors, warnings: problems.len() - errors, problems }
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
