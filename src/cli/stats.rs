//! `backstory stats`: what a dataset holds, and its riskiest aliases (the ones most likely to
//! flag ordinary prose).

use serde::Serialize;

use crate::dataset::{match_rules, AliasRule, CasePolicy, Dataset};
use crate::normalize::{normalize, Fold};
use crate::words::is_common_word;

#[derive(Serialize)]
struct Stats<'a> {
    file: &'a str,
    companies: usize,
    brands: usize,
    aliases: usize,
    symbols: usize,
    categories: usize,
    riskiest_aliases: Vec<Risk>,
}

#[derive(Serialize)]
struct Risk {
    alias: String,
    owner: String,
    /// Higher is riskier: ordinary word (+4), three letters or fewer (+2), no case rule (+1),
    /// no context rule (+1).
    score: u32,
    reasons: Vec<&'static str>,
}

/// How many risky aliases are listed.
const LISTED: usize = 15;

pub fn run(file: &str, json: bool) -> Result<u8, String> {
    let text = super::read_input(file)?;
    let d = Dataset::from_json(&text).map_err(|e| format!("{file}: {e}"))?;
    let stats = collect(file, &d);
    if json {
        println!("{}", serde_json::to_string(&stats).map_err(|e| e.to_string())?);
        return Ok(0);
    }
    println!("{file}");
    println!("  companies   {}", stats.companies);
    println!("  brands      {}", stats.brands);
    println!("  aliases     {} (names included)", stats.aliases);
    println!("  symbols     {}", stats.symbols);
    println!("  categories  {}", stats.categories);
    if !stats.riskiest_aliases.is_empty() {
        println!("  riskiest aliases:");
        for r in &stats.riskiest_aliases {
            println!("    {:>2}  {:<24} {:<24} {}", r.score, r.alias, r.owner, r.reasons.join(", "));
        }
    }
    Ok(0)
}

fn collect<'a>(file: &'a str, d: &Dataset) -> Stats<'a> {
    let mut aliases = 0;
    let mut risks = Vec::new();
    let mut note = |rule: &AliasRule, owner: &str| {
        aliases += 1;
        if let Some(r) = risk(rule, owner) {
            risks.push(r);
        }
    };
    for c in &d.companies {
        for rule in match_rules(&c.name, &c.aliases) {
            note(&rule, &c.id);
        }
    }
    for b in &d.brands {
        for rule in match_rules(&b.name, &b.aliases) {
            note(&rule, &b.id);
        }
    }
    risks.sort_by(|a, b| b.score.cmp(&a.score).then(a.alias.cmp(&b.alias)));
    risks.truncate(LISTED);
    Stats {
        file,
        companies: d.companies.len(),
        brands: d.brands.len(),
        aliases,
        symbols: d.companies.iter().map(|c| c.symbols.len()).sum(),
        categories: d.categories.len(),
        riskiest_aliases: risks,
    }
}

fn risk(rule: &AliasRule, owner: &str) -> Option<Risk> {
    let folded = normalize(&rule.text, Fold::MATCH).text.trim().to_string();
    let mut score = 0;
    let mut reasons = Vec::new();
    if is_common_word(&folded) {
        score += 4;
        reasons.push("ordinary word");
    }
    if folded.chars().filter(|c| c.is_alphanumeric()).count() <= 3 {
        score += 2;
        reasons.push("three letters or fewer");
    }
    if score == 0 {
        return None;
    }
    if rule.case == CasePolicy::Any {
        score += 1;
        reasons.push("any case");
    }
    if rule.context.is_empty() {
        score += 1;
        reasons.push("no context rule");
    }
    Some(Risk { alias: rule.text.clone(), owner: owner.to_string(), score, reasons })
}
