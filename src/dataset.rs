//! The dataset format v1 as Rust types, parsed from JSON (see DATASET.md for the specification).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::market::Markets;

/// The value every v1 dataset carries in its `format` field.
pub const FORMAT_MARKER: &str = "backstory-dataset";
/// The only `format_version` this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole dataset: metadata, categories, companies, brands and global exclusion phrases.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format: String,
    pub format_version: u32,
    pub id: String,
    pub title: String,
    pub publisher: Publisher,
    /// Monotonic: an update with a version not above the one in use is refused.
    pub version: u64,
    pub license: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    pub as_of: String,
    /// Origins (`https://host`) that company profile links may point to.
    pub profile_origins: Vec<String>,
    /// Where "wrong match" reports go; `{alias}` and `{host}` are replaced, URL-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_url: Option<String>,
    pub categories: Vec<Category>,
    pub companies: Vec<Company>,
    #[serde(default)]
    pub brands: Vec<Brand>,
    /// Phrases that never flag, whatever alias they contain ("Amazon rainforest").
    #[serde(default)]
    pub exclusions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub description: String,
    /// Badge colour as `#rrggbb`; the extension picks one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The label and description in other languages, by language tag (`language_tag`); the
    /// extension shows the user's and falls back to `label` and `description`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, CategoryText>,
}

/// A category's text in one language; a field left out falls back to the category's own.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CategoryText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A company's display text in one language; a field left out falls back to the company's own.
/// Display only: a translated `name` is never matched (aliases are).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CompanyText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Every section of the company's `profile`, in the same order. Text only: a section's date
    /// and sources are its own in every language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Vec<SectionText>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub legal_name: String,
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// `EXCHANGE:SYMBOL`, e.g. `NASDAQ:AMZN`.
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headquarters: Option<String>,
    /// Id of the parent company, when it is in the dataset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub categories: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub profile: Vec<ProfileSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub as_of: String,
    /// Host names the company operates ("amazon.com" also covers "www.amazon.com").
    #[serde(default)]
    pub domains: Vec<String>,
    /// The badge's short label ("Me" for Meta), at most `badge::MAX_CHARS` characters; absent,
    /// one is made from the name (`badge::badge_text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
    /// Name, summary and profile in other languages, by language tag (`language_tag`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, CompanyText>,
}

/// One section of a company's offline profile: one fact or a few, with their own date and sources.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProfileSection {
    pub title: String,
    pub text: String,
    /// When the section's facts were true; absent, the company's `as_of` stands for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// URLs of the company's `sources` that the section's facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// A profile section's text in another language.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SectionText {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<Alias>,
    pub owners: Vec<Owner>,
    #[serde(default)]
    pub alternatives: Vec<String>,
    /// Who runs the brand under licence from its owners, where its names apply (an alias with
    /// `markets` scopes the licence to those markets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licensee: Option<Licensee>,
}

/// The company that runs a brand under licence: one in the dataset (`company`, an id) or one
/// that is not (`name`). Exactly one of the two.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Licensee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub company: String,
    /// Ownership share in percent, for joint ventures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// An alias is either a bare string (default rules) or an object with match rules.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Alias {
    Plain(String),
    Ruled(AliasRule),
}

/// Declarative match rules for one alias. Data only: no expressions, no regular expressions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AliasRule {
    pub text: String,
    #[serde(default)]
    pub case: CasePolicy,
    #[serde(default)]
    pub accents: AccentPolicy,
    /// The alias counts only if one of these words appears in the same text block.
    #[serde(default)]
    pub context: Vec<String>,
    /// Phrases containing the alias that must never flag ("ring size").
    #[serde(default)]
    pub exclude: Vec<String>,
    /// `page`: the alias counts on a page only where the page also names the company otherwise.
    #[serde(default, skip_serializing_if = "Confirm::is_none")]
    pub confirm: Confirm,
    /// Languages (primary subtags: "fr", "it") in which the alias is an ordinary word: on a page
    /// in one of them it waits as `confirm: page` does; elsewhere it is a name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub word_in: Vec<String>,
    /// Where the alias names this company: only `in` these markets, never `out` of them (a
    /// country code, "site:example.com" or "lang:fr"; `market.rs`).
    #[serde(default, skip_serializing_if = "Markets::is_empty")]
    pub markets: Markets,
}

/// What else a page must show before an alias counts there.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Confirm {
    /// The alias counts on its own.
    #[default]
    None,
    /// The alias counts only on a page that also names its company by an alias without this rule,
    /// writes the alias as a web address ("staples.com") or after a brand label ("Brand: Staples"),
    /// or is a site named after it.
    /// For brands whose name is an ordinary word ("Staples", "Gap"): on their own shop and beside
    /// their other names they are the brand; elsewhere mostly the word.
    Page,
}

impl Confirm {
    fn is_none(&self) -> bool {
        *self == Confirm::None
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CasePolicy {
    /// Any letter case matches (Unicode case folding).
    #[default]
    Any,
    /// The text must have the alias's exact letter case.
    Exact,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AccentPolicy {
    /// Accents must be as written (after case folding).
    #[default]
    Exact,
    /// Accents may be present or absent: "Nestle" matches "Nestlé".
    Optional,
}

impl Alias {
    /// The alias as a rule, with defaults filled in for a bare string.
    pub fn rule(&self) -> AliasRule {
        match self {
            Alias::Plain(text) => AliasRule {
                text: text.clone(),
                case: CasePolicy::Any,
                accents: AccentPolicy::Exact,
                context: Vec::new(),
                exclude: Vec::new(),
                confirm: Confirm::None,
                word_in: Vec::new(),
                markets: Markets::default(),
            },
            Alias::Ruled(rule) => rule.clone(),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Alias::Plain(text) => text,
            Alias::Ruled(rule) => &rule.text,
        }
    }
}

/// A JSON syntax or shape error, with the position serde_json reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// JSON path of the value that failed (`$` for syntax errors).
    pub path: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}: {}", self.line, self.column, self.path, self.message)
    }
}

impl std::error::Error for ParseError {}

/// serde_json appends " at line L column C"; the position is kept in fields instead.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

impl Dataset {
    /// Parses a dataset from JSON text without validating references (see `validate`).
    ///
    /// # Errors
    /// Returns the first syntax or shape error with its line and column.
    pub fn from_json(json: &str) -> Result<Dataset, ParseError> {
        let mut de = serde_json::Deserializer::from_str(json);
        let dataset: Dataset = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = strip_position(&inner.to_string());
            // serde_path_to_error writes "." for the root and "?" where a syntax error cut the path.
            let path = if path == "." || path.contains('?') { "$".to_string() } else { format!("$.{path}") };
            ParseError { path, message, line: inner.line(), column: inner.column() }
        })?;
        de.end().map_err(|e| ParseError {
            path: "$".to_string(),
            message: strip_position(&e.to_string()),
            line: e.line(),
            column: e.column(),
        })?;
        Ok(dataset)
    }
}

/// ISO 639-1 codes: the primary subtags a translation's language tag may have.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig \
    ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml \
    mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg \
    si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh \
    yi yo za zh zu";

/// Whether `tag` is a language tag a translation may be given for, written the canonical way: an
/// ISO 639-1 language, then optionally a script and a region: `de`, `pt-BR`, `zh-Hans`,
/// `zh-Hant-TW`, `es-419`. One spelling per language, so `DE` and `de` cannot be two translations.
///
/// # Examples
/// ```
/// use backstory::dataset::language_tag;
/// assert!(language_tag("pt-BR") && language_tag("zh-Hans") && language_tag("es-419"));
/// assert!(!language_tag("DE") && !language_tag("pt_BR") && !language_tag("xx") && !language_tag("german"));
/// ```
pub fn language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    if primary.len() != 2 || !LANGUAGES.split_whitespace().any(|l| l == primary) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    let script = |s: &str| {
        s.len() == 4
            && s.starts_with(|c: char| c.is_ascii_uppercase())
            && s[1..].chars().all(|c| c.is_ascii_lowercase())
    };
    let region = |s: &str| {
        (s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()))
            || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
    };
    match rest.as_slice() {
        [] => true,
        [a] => script(a) || region(a),
        [a, b] => script(a) && region(b),
        _ => false,
    }
}

/// The match rules of a name and its aliases: the name itself plus each alias. An alias object
/// with the name's own text gives the name its rules instead of adding a second entry.
pub fn match_rules(name: &str, aliases: &[Alias]) -> Vec<AliasRule> {
    use crate::normalize::{normalize, Fold};
    let folded_name = normalize(name, Fold::MATCH).text;
    let mut rules: Vec<AliasRule> = aliases.iter().map(Alias::rule).collect();
    if !rules.iter().any(|r| normalize(&r.text, Fold::MATCH).text == folded_name) {
        rules.insert(0, Alias::Plain(name.to_string()).rule());
    }
    rules
}
