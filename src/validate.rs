//! Dataset validation (`backstory check`): every problem in one pass, each with its JSON path.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::dataset::{
    language_tag, match_rules, AliasRule, CasePolicy, Confirm, Dataset, FORMAT_MARKER, FORMAT_VERSION,
};
use crate::normalize::{normalize, Fold};
use crate::words::is_common_word;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding: how bad, where (a JSON path such as `$.companies[3].symbols[0]`), and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.path, self.message)
    }
}

/// The error lines of `validate`, for commands that refuse an invalid dataset.
pub fn errors(d: &Dataset) -> Vec<String> {
    error_problems(d).iter().map(Problem::to_string).collect()
}

/// The errors of `validate` alone, without the lint: what an engine needs before it builds, in
/// every service-worker start. Only an organizer reads the lint; on a 13,000-company list it cost
/// about a quarter of validation natively (80 -> 55 ms; bench/README.md).
pub fn error_problems(d: &Dataset) -> Vec<Problem> {
    check(d, false)
}

/// Companies whose `as_of` is this many years older than the dataset's get a warning.
const STALE_YEARS: i32 = 5;

/// The problems found so far, and whether warnings are wanted (the lint): passes that can only
/// warn are skipped when they are not.
struct Findings(Vec<Problem>, bool);

impl Findings {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { severity: Severity::Error, path: path.into(), message: message.into() });
    }
    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.1 {
            self.0.push(Problem { severity: Severity::Warning, path: path.into(), message: message.into() });
        }
    }
}

/// Checks a parsed dataset as a whole. Errors make it unusable; warnings are a lint for organizers.
pub fn validate(d: &Dataset) -> Vec<Problem> {
    check(d, true)
}

fn check(d: &Dataset, lint: bool) -> Vec<Problem> {
    let mut f = Findings(Vec::new(), lint);
    if d.format != FORMAT_MARKER {
        f.error("$.format", format!("must be \"{FORMAT_MARKER}\""));
    }
    if d.format_version != FORMAT_VERSION {
        f.error("$.format_version", format!("this build reads version {FORMAT_VERSION}, not {}", d.format_version));
    }
    non_empty(&mut f, "$.id", &d.id);
    non_empty(&mut f, "$.title", &d.title);
    non_empty(&mut f, "$.publisher.name", &d.publisher.name);
    non_empty(&mut f, "$.license", &d.license);
    if let Some(url) = &d.publisher.url {
        https(&mut f, "$.publisher.url", url);
    }
    date(&mut f, "$.as_of", &d.as_of);
    if let Some(url) = &d.report_url {
        https(&mut f, "$.report_url", url);
    }
    let mut origins = HashSet::new();
    for (i, o) in d.profile_origins.iter().enumerate() {
        match origin(o) {
            Some(clean) if clean == o.trim_end_matches('/') => {
                origins.insert(clean);
            }
            _ => f.error(
                format!("$.profile_origins[{i}]"),
                format!("{o:?} is not an https origin such as \"https://example.org\""),
            ),
        }
    }

    let category_ids = unique_ids(&mut f, "categories", d.categories.iter().map(|c| c.id.as_str()));
    for (i, c) in d.categories.iter().enumerate() {
        non_empty(&mut f, format!("$.categories[{i}].label"), &c.label);
        if let Some(color) = &c.color {
            let hex = color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit());
            if !hex {
                f.error(format!("$.categories[{i}].color"), format!("{color:?} is not #rrggbb"));
            }
        }
    }
    let company_ids = unique_ids(&mut f, "companies", d.companies.iter().map(|c| c.id.as_str()));
    let brand_ids = unique_ids(&mut f, "brands", d.brands.iter().map(|b| b.id.as_str()));
    let _ = brand_ids;
    let dataset_year = year(&d.as_of);

    for (i, c) in d.companies.iter().enumerate() {
        let at = format!("$.companies[{i}]");
        non_empty(&mut f, format!("{at}.name"), &c.name);
        non_empty(&mut f, format!("{at}.legal_name"), &c.legal_name);
        non_empty(&mut f, format!("{at}.summary"), &c.summary);
        date(&mut f, format!("{at}.as_of"), &c.as_of);
        if let (Some(dy), Some(cy)) = (dataset_year, year(&c.as_of)) {
            if dy - cy >= STALE_YEARS {
                f.warn(format!("{at}.as_of"), format!("{} is {} years older than the dataset", c.as_of, dy - cy));
            }
        }
        for (j, cat) in c.categories.iter().enumerate() {
            if !category_ids.contains(cat.as_str()) {
                f.error(format!("{at}.categories[{j}]"), format!("unknown category {cat:?}"));
            }
        }
        if let Some(parent) = &c.parent {
            if !company_ids.contains(parent.as_str()) {
                f.error(format!("{at}.parent"), format!("no company has id {parent:?}"));
            } else if parent == &c.id {
                f.error(format!("{at}.parent"), "a company cannot be its own parent");
            }
        }
        for (j, s) in c.symbols.iter().enumerate() {
            if let Err(why) = symbol(s) {
                f.error(format!("{at}.symbols[{j}]"), why);
            }
        }
        if let Some(url) = &c.profile_url {
            if https(&mut f, format!("{at}.profile_url"), url) {
                let o = origin(url).unwrap_or_default();
                if !origins.contains(&o) {
                    f.error(format!("{at}.profile_url"), format!("{o} is not in profile_origins"));
                }
            }
        }
        if c.sources.is_empty() {
            f.warn(format!("{at}.sources"), format!("{:?} has no source", c.id));
        }
        for (j, s) in c.sources.iter().enumerate() {
            non_empty(&mut f, format!("{at}.sources[{j}].title"), &s.title);
            https(&mut f, format!("{at}.sources[{j}].url"), &s.url);
            if let Some(day) = &s.as_of {
                date(&mut f, format!("{at}.sources[{j}].as_of"), day);
            }
        }
        for (j, p) in c.profile.iter().enumerate() {
            let here = format!("{at}.profile[{j}]");
            non_empty(&mut f, format!("{here}.title"), &p.title);
            non_empty(&mut f, format!("{here}.text"), &p.text);
            // Each fact carries its own date and sources (issue 19), so a reader can weigh an old
            // fact; a section without them borrows the company's, which says less.
            match &p.as_of {
                Some(day) => date(&mut f, format!("{here}.as_of"), day),
                None => f.warn(
                    format!("{here}.as_of"),
                    "the section has no date of its own; the company's as_of stands for it",
                ),
            }
            if p.sources.is_empty() {
                f.warn(format!("{here}.sources"), "the section names none of the company's sources");
            }
            for (k, url) in p.sources.iter().enumerate() {
                if !c.sources.iter().any(|s| &s.url == url) {
                    f.error(format!("{here}.sources[{k}]"), format!("{url:?} is not among the company's sources"));
                }
            }
        }
        for (j, domain) in c.domains.iter().enumerate() {
            let ok = domain.contains('.')
                && domain.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == '-')
                && domain == &domain.to_ascii_lowercase();
            if !ok {
                f.error(format!("{at}.domains[{j}]"), format!("{domain:?} is not a lowercase host name"));
            }
        }
        if let Some(badge) = &c.badge {
            let n = badge.chars().count();
            if n == 0 || n > crate::badge::MAX_CHARS || badge.chars().any(char::is_whitespace) {
                f.error(
                    format!("{at}.badge"),
                    format!("{badge:?} must be 1 to {} characters without spaces", crate::badge::MAX_CHARS),
                );
            }
        }
        aliases(&mut f, &at, &c.aliases);
    }
    for (i, b) in d.brands.iter().enumerate() {
        let at = format!("$.brands[{i}]");
        non_empty(&mut f, format!("{at}.name"), &b.name);
        if b.owners.is_empty() {
            f.error(format!("{at}.owners"), format!("brand {:?} has no owner", b.id));
        }
        let mut total = 0.0;
        for (j, o) in b.owners.iter().enumerate() {
            if !company_ids.contains(o.company.as_str()) {
                f.error(format!("{at}.owners[{j}].company"), format!("no company has id {:?}", o.company));
            }
            if let Some(share) = o.share {
                total += share;
                if !(share > 0.0 && share <= 100.0) {
                    f.error(format!("{at}.owners[{j}].share"), "must be a percentage above 0 and at most 100");
                }
            }
        }
        if total > 100.0 {
            f.error(format!("{at}.owners"), format!("shares add up to {total}%"));
        }
        if let Some(l) = &b.licensee {
            licensee(&mut f, &at, b, l, &company_ids);
        }
        aliases(&mut f, &at, &b.aliases);
    }
    for (i, x) in d.exclusions.iter().enumerate() {
        non_empty(&mut f, format!("$.exclusions[{i}]"), x);
    }
    translations(&mut f, d);
    claims(&mut f, d);
    if lint {
        lint_aliases(&mut f, d);
        shared_symbols(&mut f, d);
        #[cfg(feature = "studio")]
        update_size(&mut f, d);
    }
    f.0.sort_by_key(|p| p.severity);
    f.0
}

/// A licence: a licensee given once (a dataset company or a plain name), and a licensor to grant
/// it, which is the brand's owner; a brand cannot be licensed to its own owner.
fn licensee(
    f: &mut Findings,
    at: &str,
    b: &crate::dataset::Brand,
    l: &crate::dataset::Licensee,
    company_ids: &HashSet<&str>,
) {
    let here = format!("{at}.licensee");
    match (&l.company, &l.name) {
        (Some(_), Some(_)) => f.error(&here, "give the licensee's company id or its name, not both"),
        (None, None) => f.error(&here, "give the licensee's company id or its name"),
        (None, Some(name)) => non_empty(f, format!("{here}.name"), name),
        (Some(id), None) => {
            if !company_ids.contains(id.as_str()) {
                f.error(format!("{here}.company"), format!("no company has id {id:?}"));
            } else if b.owners.iter().any(|o| &o.company == id) {
                f.error(format!("{here}.company"), format!("{id:?} owns the brand; an owner is not its licensee"));
            }
        }
    }
    if b.owners.is_empty() {
        f.error(&here, "a licensee needs a licensor: give the brand an owner");
    }
}

fn aliases(f: &mut Findings, at: &str, list: &[crate::dataset::Alias]) {
    for (k, a) in list.iter().enumerate() {
        let rule = a.rule();
        let here = format!("{at}.aliases[{k}]");
        if normalize(&rule.text, Fold::MATCH).text.trim().is_empty() {
            f.error(&here, "alias is empty");
            continue;
        }
        for (n, w) in rule.context.iter().enumerate() {
            non_empty(f, format!("{here}.context[{n}]"), w);
        }
        for (n, lang) in rule.word_in.iter().enumerate() {
            if crate::judge::primary_language(lang).is_none() {
                f.error(format!("{here}.word_in[{n}]"), format!("{lang:?} is not a language tag (\"fr\", \"pt-BR\")"));
            }
        }
        for (side, list) in [("in", &rule.markets.inside), ("out", &rule.markets.outside)] {
            for (n, m) in list.iter().enumerate() {
                if let Err(why) = crate::market::Market::parse(m) {
                    f.error(format!("{here}.markets.{side}[{n}]"), why);
                }
            }
        }
        if !f.1 {
            continue;
        }
        let folded = normalize(&rule.text, Fold::MATCH).text;
        for (n, x) in rule.exclude.iter().enumerate() {
            if !normalize(x, Fold::MATCH).text.contains(folded.trim()) {
                f.warn(
                    format!("{here}.exclude[{n}]"),
                    format!("{x:?} does not contain the alias {:?}, so it never suppresses it", rule.text),
                );
            }
        }
    }
}

/// Text in other languages (`translations`): each language tag canonical and known, each text
/// non-empty, a translated profile section for each of the company's own. Then a warning for each
/// kind of text (a category's label or description, a company's summary or profile) that a
/// language gives for some items but not all: the extension would show the others in the
/// dataset's own language among translated ones. Names are not expected: they usually stay.
fn translations(f: &mut Findings, d: &Dataset) {
    /// A category or company: its JSON path and id.
    type Item = (String, String);
    let mut languages = BTreeSet::new();
    let mut tag = |f: &mut Findings, at: &str, lang: &String| {
        if !language_tag(lang) {
            f.error(at, format!("{lang:?} is not a language tag such as \"de\", \"pt-BR\" or \"zh-Hans\" (ISO 639-1, canonical case)"));
        }
        languages.insert(lang.clone());
    };
    for (i, c) in d.categories.iter().enumerate() {
        for (lang, t) in &c.translations {
            let at = format!("$.categories[{i}].translations.{lang}");
            tag(f, &at, lang);
            if t.label.is_none() && t.description.is_none() {
                f.error(&at, "gives no text: give label, description or both");
            }
            if let Some(s) = &t.label {
                non_empty(f, format!("{at}.label"), s);
            }
            if let Some(s) = &t.description {
                non_empty(f, format!("{at}.description"), s);
            }
        }
    }
    for (i, c) in d.companies.iter().enumerate() {
        for (lang, t) in &c.translations {
            let at = format!("$.companies[{i}].translations.{lang}");
            tag(f, &at, lang);
            if t.name.is_none() && t.summary.is_none() && t.profile.is_none() {
                f.error(&at, "gives no text: give name, summary or profile");
            }
            if let Some(s) = &t.name {
                non_empty(f, format!("{at}.name"), s);
            }
            if let Some(s) = &t.summary {
                non_empty(f, format!("{at}.summary"), s);
            }
            if let Some(sections) = &t.profile {
                if sections.len() != c.profile.len() {
                    f.error(
                        format!("{at}.profile"),
                        format!(
                            "has {} sections where the company's profile has {}: translate each section, in order",
                            sections.len(),
                            c.profile.len()
                        ),
                    );
                }
                for (j, p) in sections.iter().enumerate() {
                    non_empty(f, format!("{at}.profile[{j}].title"), &p.title);
                    non_empty(f, format!("{at}.profile[{j}].text"), &p.text);
                }
            }
        }
    }
    let lint = f.1;
    for lang in languages.iter().filter(|_| lint) {
        // The items that should have a kind of text but lack it.
        let cat = |has: fn(&crate::dataset::CategoryText) -> bool| -> Vec<Item> {
            let mut out = Vec::new();
            for (i, c) in d.categories.iter().enumerate() {
                if !c.translations.get(lang).is_some_and(has) {
                    out.push((format!("$.categories[{i}]"), c.id.clone()));
                }
            }
            out
        };
        let company = |has: fn(&crate::dataset::CompanyText) -> bool,
                       applies: fn(&crate::dataset::Company) -> bool|
         -> Vec<Item> {
            let mut out = Vec::new();
            for (i, c) in d.companies.iter().enumerate() {
                if applies(c) && !c.translations.get(lang).is_some_and(has) {
                    out.push((format!("$.companies[{i}]"), c.id.clone()));
                }
            }
            out
        };
        let profiled = d.companies.iter().filter(|c| !c.profile.is_empty()).count();
        let kinds: [(&str, usize, Vec<Item>); 4] = [
            ("category label", d.categories.len(), cat(|t| t.label.is_some())),
            ("category description", d.categories.len(), cat(|t| t.description.is_some())),
            ("company summary", d.companies.len(), company(|t| t.summary.is_some(), |_| true)),
            ("company profile", profiled, company(|t| t.profile.is_some(), |c| !c.profile.is_empty())),
        ];
        for (what, total, lacking) in kinds {
            let Some((first, _)) = lacking.first() else { continue };
            if lacking.len() == total {
                continue; // the language does not translate this kind of text at all
            }
            let ids: Vec<&str> = lacking.iter().take(5).map(|(_, id)| id.as_str()).collect();
            let more = if lacking.len() > 5 { format!(" and {} more", lacking.len() - 5) } else { String::new() };
            f.warn(
                format!("{first}.translations"),
                format!(
                    "language {lang:?} has no {what} for {} of {total} ({}{more}); those show in the dataset's own language",
                    lacking.len(),
                    ids.join(", ")
                ),
            );
        }
    }
}

/// Who claims each folded alias; two different owners need a rule that tells them apart. Only
/// where a name is claimed twice are the claims' rules and owners read again: on a large list
/// keeping them for every name was half of all validation (and of every service-worker start).
fn claims(f: &mut Findings, d: &Dataset) {
    /// A claim: the company or brand at `index`, and which of its match rules.
    #[derive(Clone, Copy)]
    struct At {
        brand: bool,
        index: usize,
        rule: usize,
    }
    let fold = |rule: &AliasRule| normalize(&rule.text, Fold::MATCH).text.trim().to_string();
    let mut by_alias: HashMap<String, Vec<At>> = HashMap::new();
    for (index, c) in d.companies.iter().enumerate() {
        for (rule, r) in match_rules(&c.name, &c.aliases).iter().enumerate() {
            by_alias.entry(fold(r)).or_default().push(At { brand: false, index, rule });
        }
    }
    for (index, b) in d.brands.iter().enumerate() {
        for (rule, r) in match_rules(&b.name, &b.aliases).iter().enumerate() {
            by_alias.entry(fold(r)).or_default().push(At { brand: true, index, rule });
        }
    }
    // Its path, owners, whether its case or context sets it apart, and its markets.
    let claim = |at: At| {
        let (path, name, aliases, mut owners) = if at.brand {
            let b = &d.brands[at.index];
            (
                format!("$.brands[{}]", at.index),
                &b.name,
                &b.aliases,
                b.owners.iter().map(|o| o.company.as_str()).collect(),
            )
        } else {
            let c = &d.companies[at.index];
            (format!("$.companies[{}]", at.index), &c.name, &c.aliases, vec![c.id.as_str()])
        };
        owners.sort_unstable();
        let rule = match_rules(name, aliases).swap_remove(at.rule);
        let separated = rule.case == CasePolicy::Exact || !rule.context.is_empty();
        (path, owners, separated, rule.markets)
    };
    let mut shared: Vec<(&String, &Vec<At>)> = by_alias.iter().filter(|(_, ats)| ats.len() > 1).collect();
    shared.sort_by_key(|(alias, _)| *alias);
    for (alias, ats) in shared {
        let claims: Vec<_> = ats.iter().map(|&at| claim(at)).collect();
        for (n, (path, owners, separated, markets)) in claims.iter().enumerate() {
            for (other_path, other_owners, other_separated, other_markets) in &claims[..n] {
                let same_owner = owners.iter().any(|o| other_owners.contains(o));
                let apart = markets_apart(markets, other_markets);
                if !same_owner && !separated && !other_separated && !apart {
                    f.error(
                        path.clone(),
                        format!("alias {alias:?} is also claimed by {other_path} for another company, and no case, context or markets rule separates them"),
                    );
                }
            }
        }
    }
}

/// Whether two claims of one name never name their companies on the same page: one is scoped `in`
/// markets that the other lists `out` ("Texaco" in "gb" for one company, out of "gb" for another).
fn markets_apart(a: &crate::market::Markets, b: &crate::market::Markets) -> bool {
    let within = |x: &crate::market::Markets, y: &crate::market::Markets| {
        !x.inside.is_empty() && x.inside.iter().all(|m| y.outside.contains(m))
    };
    within(a, b) || within(b, a)
}

/// A stock symbol names one company; on two, the page's mention goes to whichever comes first.
fn shared_symbols(f: &mut Findings, d: &Dataset) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, c) in d.companies.iter().enumerate() {
        for (j, s) in c.symbols.iter().enumerate() {
            match first.get(s.as_str()) {
                Some(&k) if k != i => {
                    f.warn(
                        format!("$.companies[{i}].symbols[{j}]"),
                        format!("{s} is also a symbol of $.companies[{k}] ({})", d.companies[k].id),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(s, i);
                }
            }
        }
    }
}

/// The command line warns before signing what installed extensions would refuse as an update. The
/// compact JSON is the least the file can weigh; `sign` and `pack` also check the file's own size.
#[cfg(feature = "studio")]
fn update_size(f: &mut Findings, d: &Dataset) {
    let bytes = serde_json::to_string(d).map_or(0, |j| j.len());
    if let Some(w) = crate::organizer::size::update_size_warning(bytes) {
        f.warn("$", w.replacen("the file is", "the dataset is at least", 1));
    }
}

/// Warns about aliases that will fire on ordinary prose unless a rule holds them back.
fn lint_aliases(f: &mut Findings, d: &Dataset) {
    let mut check = |path: String, rule: &AliasRule| {
        if rule.case == CasePolicy::Exact || !rule.context.is_empty() || rule.confirm == Confirm::Page {
            return;
        }
        let folded = normalize(&rule.text, Fold::MATCH).text.trim().to_string();
        let letters = folded.chars().filter(|c| c.is_alphanumeric()).count();
        if is_common_word(&folded) {
            f.warn(
                path,
                format!("alias {:?} is an ordinary English word; give it a case, context or confirm rule", rule.text),
            );
        } else if letters <= 3 {
            f.warn(
                path,
                format!("alias {:?} has three letters or fewer; give it a case, context or confirm rule", rule.text),
            );
        }
    };
    for (i, c) in d.companies.iter().enumerate() {
        for rule in match_rules(&c.name, &c.aliases) {
            check(format!("$.companies[{i}] ({})", c.id), &rule);
        }
    }
    for (i, b) in d.brands.iter().enumerate() {
        for rule in match_rules(&b.name, &b.aliases) {
            check(format!("$.brands[{i}] ({})", b.id), &rule);
        }
    }
}

fn unique_ids<'a>(f: &mut Findings, list: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        let at = format!("$.{list}[{i}].id");
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            f.error(&at, format!("id {id:?} must be lowercase letters, digits and '-'"));
        }
        if !seen.insert(id) {
            f.error(at, format!("duplicate id {id:?}"));
        }
    }
    seen
}

fn non_empty(f: &mut Findings, path: impl Into<String>, value: &str) {
    if value.trim().is_empty() {
        f.error(path, "must not be empty");
    }
}

/// Errors unless `url` is an absolute https URL; returns whether it is.
fn https(f: &mut Findings, path: impl Into<String>, url: &str) -> bool {
    if origin(url).is_some() {
        return true;
    }
    f.error(path, format!("{url:?} is not an https URL"));
    false
}

/// `https://host[:port]` of an https URL, lowercased, or `None`.
pub fn origin(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let valid = !host.is_empty()
        && !host.contains('@')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    valid.then(|| format!("https://{}", host.to_ascii_lowercase()))
}

/// Why `s` is not a valid `EXCHANGE:SYMBOL`; public so importers report it at the input's cell.
pub fn symbol(s: &str) -> Result<(), String> {
    let Some((exchange, ticker)) = s.split_once(':') else {
        return Err(format!("{s:?} is not EXCHANGE:SYMBOL"));
    };
    if !crate::exchanges::is_known(exchange) {
        return Err(format!("unknown exchange {exchange:?} in {s:?} (see DATASET.md for the codes)"));
    }
    let ok = !ticker.is_empty()
        && ticker.len() <= 12
        && ticker.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '-');
    if !ok {
        return Err(format!("symbol {ticker:?} in {s:?} must be capitals, digits, '.' or '-'"));
    }
    Ok(())
}

fn date(f: &mut Findings, path: impl Into<String>, day: &str) {
    let parts: Vec<&str> = day.split('-').collect();
    let ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && matches!(parts[1].parse::<u32>(), Ok(1..=12))
        && matches!(parts[2].parse::<u32>(), Ok(1..=31));
    if !ok {
        f.error(path, format!("{day:?} is not a date in YYYY-MM-DD form"));
    }
}

fn year(day: &str) -> Option<i32> {
    day.get(..4)?.parse().ok()
}
