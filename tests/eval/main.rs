//! `make eval`: detection quality on saved retail pages. Runs the text pipeline of `backstory
//! scan` (visible text by `page_text`, then the engine; each page at the host it was saved from,
//! as the real-page test bed serves it: `hosts.rs`) with the default dataset and with a large
//! one imported from the name-suggestion-index, and scores the hits against the hand labels in
//! `tests/corpus-labels.json`: precision, recall, and every false positive and false negative with
//! its context. The corpus lives outside the project (`../shared`, or `$BACKSTORY_SHARED`); without
//! it the evaluation says so and passes, and only the labels' own consistency is tested.
#![cfg(feature = "cli")]

mod hosts;
mod labels;
mod score;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use backstory::cli::read_page;
use backstory::cli::scan::{input_text, load_engine, scan_input, PageArgs};
use backstory::normalize::{normalize, Fold};
use backstory::utf16::utf16_to_byte;
use backstory::Engine;

use labels::{Labels, Mention, Page};
use score::{Expected, Found, Miss};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The corpus folders the label files label, every page of each.
const LABELED: [&str; 3] = ["fathom", "webshop", "intl"];
/// The corpora scored apart: name, the folders of each, and the precision goal for the
/// large dataset there.
const CORPORA: [(&str, &[&str], f64); 2] = [
    ("English corpus (fathom, webshop)", &["fathom", "webshop"], 0.97),
    ("intl corpus (8 languages)", &["intl"], 0.95),
];
/// The recall goal for the large dataset, on both corpora.
const GOAL_RECALL: f64 = 0.95;

fn shared() -> PathBuf {
    std::env::var_os("BACKSTORY_SHARED").map_or_else(|| PathBuf::from(ROOT).join("../shared"), PathBuf::from)
}

/// Names are compared as the engine compares them: case, accents and spacing folded.
fn key(s: &str) -> String {
    normalize(s, Fold::MATCH).text.trim().to_string()
}

/// The page's visible text and its hits, exactly as `backstory scan --host HOST PAGE` computes
/// them, HOST being the one the page was saved from (`hosts.rs`).
fn page_hits(engine: &Engine, path: &str, name: &str, sites: &HashMap<String, String>) -> (String, Vec<Found>) {
    // Read as `backstory scan` reads it: one intl page is GBK, as its meta charset says.
    let raw = read_page(path).unwrap_or_else(|e| panic!("{e}"));
    let host = hosts::saved_host(name, &raw, sites);
    let report = scan_input(engine, path, &raw, PageArgs { host: Some(&host), lang: None });
    let text = input_text(path, &raw);
    let found = report
        .hits
        .into_iter()
        .map(|h| {
            let range = (utf16_to_byte(&text, h.start), utf16_to_byte(&text, h.end));
            Found { company: h.company, text: text[range.0..range.1].to_string(), context: h.context, range }
        })
        .collect();
    (text, found)
}

/// Up to 40 characters each side of a byte range, on one line.
fn context(text: &str, (s, e): (usize, usize)) -> String {
    let before: Vec<char> = text[..s].chars().rev().take(40).collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = text[e..].chars().take(40).collect();
    format!("{before}{}{after}", &text[s..e])
        .split(|c: char| c.is_whitespace() || c == '\u{2029}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Totals {
    pages: usize,
    hits: usize,
    true_positives: usize,
    neutral: usize,
    false_positives: Vec<(String, Miss)>,
    false_negatives: Vec<(String, Miss)>,
}

impl Totals {
    fn precision(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_positives.len())
    }
    fn recall(&self) -> f64 {
        ratio(self.true_positives, self.true_positives + self.false_negatives.len())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn evaluate(
    engine: &Engine,
    labels: &Labels,
    corpus: &Path,
    folders: &[&str],
    which: fn(&Page) -> Option<&Vec<Mention>>,
) -> Totals {
    let mut t = Totals::default();
    let sites = hosts::intl_sites(corpus);
    for (name, page) in &labels.pages {
        if !folders.iter().any(|f| name.starts_with(&format!("{f}/"))) {
            continue;
        }
        let Some(mentions) = which(page) else { continue };
        let path = corpus.join(name);
        let (text, found) = page_hits(engine, &path.to_string_lossy(), name, &sites);
        let expected: Vec<Expected> = mentions
            .iter()
            .map(|m| Expected {
                company: m.company.clone(),
                text: m.text.clone(),
                count: m.count,
                arguable: m.arguable,
            })
            .collect();
        let uncovered = |e: &Expected, hits: &[Found]| {
            score::occurrences(&text, &e.text)
                .into_iter()
                .filter(|&(s, end)| !hits.iter().any(|h| h.range.0 < end && s < h.range.1))
                .map(|r| context(&text, r))
                .collect()
        };
        let out = score::score(&found, &expected, key, uncovered);
        t.pages += 1;
        t.hits += found.len();
        t.true_positives += out.true_positives;
        t.neutral += out.neutral;
        t.false_positives.extend(out.false_positives.into_iter().map(|m| (name.clone(), m)));
        t.false_negatives.extend(out.false_negatives.into_iter().map(|m| (name.clone(), m)));
    }
    t
}

fn print(title: &str, t: &Totals) {
    println!("\n== {title}");
    println!(
        "{} pages, {} hits: {} true positives, {} false positives, {} false negatives, {} on arguable mentions (not scored)",
        t.pages,
        t.hits,
        t.true_positives,
        t.false_positives.len(),
        t.false_negatives.len(),
        t.neutral
    );
    println!("precision {:.3}  recall {:.3}", t.precision(), t.recall());
    for (what, list) in [("false positive", &t.false_positives), ("false negative", &t.false_negatives)] {
        for (page, m) in list {
            println!("  {what}: {page}: {} \"{}\"  …{}…", m.company, m.text, m.context);
        }
    }
}

/// Imports the name-suggestion-index brand table with the CLI, as an organizer would.
fn import_large(tsv: &PathBuf) -> String {
    let out_dir = PathBuf::from(ROOT).join("target/eval");
    std::fs::create_dir_all(&out_dir).expect("target/eval is writable");
    let out = out_dir.join("nsi-large.json");
    let tsv = &with_markets(tsv, &out_dir);
    let run = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["import", "--from", "nsi", "--id", "nsi-large", "--as-of", "2025-11-01", "-o"])
        .arg(&out)
        .arg(tsv)
        .output()
        .expect("the backstory binary runs");
    let unmapped = String::from_utf8_lossy(&run.stderr).lines().filter(|l| l.contains("not mapped")).count();
    println!("{}", String::from_utf8_lossy(&run.stdout).trim());
    println!("(import: {unmapped} record(s) not mapped; `backstory import --from nsi` lists them)");
    assert!(run.status.code().is_some_and(|c| c <= 1), "import failed: {}", String::from_utf8_lossy(&run.stderr));
    out.to_string_lossy().into_owned()
}

/// The shared NSI table with the countries NSI lists each brand in (`tests/fixtures/nsi-markets.tsv`,
/// from NSI's locationSet; `scripts/nsi-markets.mjs`) as its `markets` column, as an organizer
/// importing NSI itself has them. `EVAL_NO_MARKETS=1` leaves them out, to measure what they change.
fn with_markets(tsv: &PathBuf, out_dir: &Path) -> PathBuf {
    if std::env::var_os("EVAL_NO_MARKETS").is_some() {
        return tsv.clone();
    }
    let markets =
        std::fs::read_to_string(PathBuf::from(ROOT).join("tests/fixtures/nsi-markets.tsv")).expect("nsi-markets.tsv");
    let by_id: std::collections::HashMap<&str, &str> =
        markets.lines().skip(1).filter_map(|l| l.split_once('\t')).collect();
    let table = std::fs::read_to_string(tsv).expect("nsi-brands.tsv readable");
    let mut out = String::new();
    for (n, line) in table.lines().enumerate() {
        let extra =
            if n == 0 { "markets" } else { by_id.get(line.split('\t').next().unwrap_or("")).copied().unwrap_or("") };
        out.push_str(&format!("{line}\t{extra}\n"));
    }
    let path = out_dir.join("nsi-brands-markets.tsv");
    std::fs::write(&path, out).expect("target/eval is writable");
    path
}

#[test]
#[ignore = "run by `make eval`: needs the shared corpus"]
fn eval_corpus() {
    let corpus = shared().join("corpus");
    if !corpus.is_dir() {
        println!("eval skipped: no corpus at {} (set BACKSTORY_SHARED to the shared folder)", corpus.display());
        return;
    }
    let labels = labels::load(ROOT);
    let default = load_engine(None).expect("the bundled dataset builds");
    for (corpus_name, folders, _) in CORPORA {
        let t = evaluate(&default, &labels, &corpus, folders, |p| Some(&p.default));
        print(&format!("default dataset (extension/data/default.json), {corpus_name}, every labeled page"), &t);
    }

    let tsv = shared().join("reference/nsi-brands.tsv");
    if !tsv.is_file() {
        println!("\nlarge dataset skipped: {} not found", tsv.display());
        return;
    }
    let large = load_engine(Some(&import_large(&tsv))).expect("the imported dataset builds");
    let mut verdicts = Vec::new();
    for (corpus_name, folders, goal_precision) in CORPORA {
        let t = evaluate(&large, &labels, &corpus, folders, |p| p.large.as_ref());
        print(&format!("large dataset (name-suggestion-index), {corpus_name}"), &t);
        let met = t.precision() >= goal_precision && t.recall() >= GOAL_RECALL;
        verdicts.push(format!(
            "{corpus_name}: precision {:.3} (goal {goal_precision}), recall {:.3} (goal {GOAL_RECALL}): {}",
            t.precision(),
            t.recall(),
            if met { "met" } else { "NOT met" }
        ));
    }
    println!("\nlabeled pages:\n  {}", labels.large_subset);
    println!("large-dataset goals:");
    for v in &verdicts {
        println!("  {v}");
    }
    assert!(verdicts.iter().all(|v| v.ends_with(": met")), "large-dataset goals not met");
}

#[test]
fn labels_name_real_companies_and_pages() {
    let labels = labels::load(ROOT);
    let default = load_engine(None).expect("the bundled dataset builds");
    assert!(!labels.about.is_empty() && !labels.large_subset.is_empty(), "say how the labels were made");
    for (name, page) in &labels.pages {
        assert!(page.notes.iter().all(|n| !n.trim().is_empty()), "{name}: empty note");
        assert!(name.ends_with(".html") && !name.starts_with('/'), "{name}: name pages by their path under the corpus");
        for m in page.default.iter().chain(page.large.iter().flatten()) {
            assert!(m.count > 0 && !m.text.trim().is_empty(), "{name}: {m:?}");
            assert!(!m.arguable || m.note.is_some(), "{name}: an arguable label needs a note saying why: {m:?}");
        }
        for m in &page.default {
            assert!(
                default.company_index(&m.company).is_some(),
                "{name}: {} is no company of the default dataset",
                m.company
            );
        }
    }
    let corpus = shared().join("corpus");
    if corpus.is_dir() {
        for folder in LABELED {
            for name in corpus_pages(&corpus, folder) {
                assert!(labels.pages.contains_key(&name), "{name} has no labels");
            }
        }
        for name in labels.pages.keys() {
            assert!(corpus.join(name).is_file(), "{name} is labeled but not in {}", corpus.display());
        }
    }
}

/// The HTML pages of a corpus folder, at any depth (`intl` keeps its pages under
/// `pages/<source>/`), named by their path under the corpus with `/` separators.
fn corpus_pages(corpus: &Path, folder: &str) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("corpus folder readable").flatten() {
            let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                walk(&entry.path(), &name, out);
            } else if name.ends_with(".html") {
                out.push(name);
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus.join(folder), folder, &mut out);
    out.sort();
    out
}

/// For labeling: writes each corpus page's visible text (blocks on their own lines) to
/// `$BACKSTORY_EVAL_TEXT/<page path with / as __>.txt`, the text a labeler reads and the engine
/// scans, and beside it `.hits.tsv`: every hit of the default dataset and of the imported
/// name-suggestion-index one (dataset, company, byte start, byte end in the text as it is
/// before the newline replacement, which keeps lengths, the text at the hit), the candidates a
/// labeler starts from before searching every name.
#[test]
#[ignore = "labeling aid: BACKSTORY_EVAL_TEXT=dir cargo test --features cli --test eval dump -- --ignored"]
fn dump_visible_text() {
    let (Some(out), corpus) = (std::env::var_os("BACKSTORY_EVAL_TEXT"), shared().join("corpus")) else {
        println!("set BACKSTORY_EVAL_TEXT to a folder");
        return;
    };
    std::fs::create_dir_all(&out).expect("output folder");
    let default = load_engine(None).expect("the bundled dataset builds");
    let tsv = shared().join("reference/nsi-brands.tsv");
    let large = tsv.is_file().then(|| load_engine(Some(&import_large(&tsv))).expect("the imported dataset builds"));
    let sites = hosts::intl_sites(&corpus);
    for dir in std::fs::read_dir(&corpus).expect("corpus readable").flatten() {
        for name in corpus_pages(&corpus, &dir.file_name().to_string_lossy()) {
            let path = corpus.join(&name).to_string_lossy().into_owned();
            let base = PathBuf::from(&out).join(name.replace('/', "__"));
            let mut rows = String::new();
            let engines = [("default", Some(&default)), ("large", large.as_ref())];
            let mut text = String::new();
            for (which, engine) in engines {
                let Some(engine) = engine else { continue };
                let (t, found) = page_hits(engine, &path, &name, &sites);
                for f in found {
                    rows += &format!(
                        "{which}\t{}\t{}\t{}\t{}\n",
                        f.company,
                        f.range.0,
                        f.range.1,
                        f.text.replace(['\t', '\n'], " ")
                    );
                }
                text = t;
            }
            // U+2029 (3 bytes) becomes a newline (1 byte): the offsets above are into the text before.
            std::fs::write(base.with_extension("txt"), text.replace('\u{2029}', "\n")).expect("write text");
            std::fs::write(base.with_extension("raw"), &text).expect("write text");
            std::fs::write(base.with_extension("hits.tsv"), rows).expect("write hits");
        }
    }
}
