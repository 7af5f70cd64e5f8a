//! The short label a badge shows: a company's own `badge` field, else one made from its name.
//!
//! One letter made Amazon and Alphabet both "A", Microsoft and Meta both "M": a shopper could not
//! tell them apart at a glance. Two characters tell most apart; a dataset sets `badge` where its
//! own companies still collide.

/// At most this many characters: the badge is a 16 px circle, and three capitals at its font
/// size are already as wide as the circle.
pub const MAX_CHARS: usize = 3;

/// Words that say what kind of company it is, not which one: "Bank of America" is "BA", not "Bo".
const FILLER: [&str; 18] = [
    "the",
    "of",
    "and",
    "&",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "group",
    "plc",
    "ltd",
    "ltd.",
    "ag",
    "sa",
];

/// The badge text for a company: `explicit` when the dataset gives one, else derived from `name`:
/// an all-capital first word of two or three letters as written ("HP", "IBM"); else the initials of
/// the first two words that name it ("Lockheed Martin" -> "LM"); else the first two letters of its
/// one word ("Amazon" -> "Am", "Alphabet" -> "Al"), or its two capitals ("PayPal" -> "PP"). Never empty: "?" for a name without letters.
///
/// # Examples
/// ```
/// use backstory::badge::badge_text;
/// assert_eq!(badge_text("Amazon", None), "Am");
/// assert_eq!(badge_text("Alphabet", None), "Al");
/// assert_eq!(badge_text("General Motors", None), "GM");
/// assert_eq!(badge_text("HP Inc.", None), "HP");
/// assert_eq!(badge_text("Meta Platforms", Some("Me")), "Me");
/// ```
pub fn badge_text(name: &str, explicit: Option<&str>) -> String {
    if let Some(text) = explicit.map(str::trim).filter(|t| !t.is_empty()) {
        return text.chars().take(MAX_CHARS).collect();
    }
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let first = words.first().copied().unwrap_or("");
    let letters = |w: &str| w.chars().filter(|c| c.is_alphanumeric()).collect::<Vec<char>>();
    let first_letters = letters(first);
    let is_acronym = (2..=MAX_CHARS).contains(&first_letters.len())
        && first_letters.iter().all(|c| c.is_uppercase() || c.is_ascii_digit());
    if is_acronym {
        return first_letters.into_iter().collect();
    }
    let naming: Vec<&str> = words.iter().copied().filter(|w| !FILLER.contains(&w.to_lowercase().as_str())).collect();
    if naming.len() >= 2 && naming[0].chars().next().is_some_and(char::is_uppercase) {
        if let (Some(a), Some(b)) = (letters(naming[0]).first().copied(), letters(naming[1]).first().copied()) {
            if b.is_uppercase() || b.is_ascii_digit() {
                return [a].into_iter().chain(b.to_uppercase()).collect();
            }
        }
    }
    let word = letters(naming.first().copied().unwrap_or(first));
    // One word written in two ("PayPal", "ExxonMobil"): its two capitals, as a person reads it.
    if word.first().is_some_and(|c| c.is_uppercase()) {
        if let Some(w) = word.windows(2).find(|w| w[0].is_lowercase() && w[1].is_uppercase()) {
            return [word[0], w[1]].into_iter().collect();
        }
    }
    let mut chars = word.into_iter();
    match chars.next() {
        None => "?".to_owned(),
        Some(a) => a.to_uppercase().chain(chars.next().into_iter().flat_map(char::to_lowercase)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::badge_text;

    #[test]
    fn derived_labels_tell_the_lookalikes_apart() {
        let rows = [
            ("Amazon", "Am"),
            ("Alphabet", "Al"),
            ("Microsoft", "Mi"),
            ("Meta Platforms", "MP"),
            ("Lockheed Martin", "LM"),
            ("Bank of America", "BA"),
            ("HP Inc.", "HP"),
            ("IBM", "IBM"),
            ("The Home Depot", "HD"),
            ("3M", "3M"),
            ("eBay", "Eb"),
            ("PayPal", "PP"),
            ("ExxonMobil", "EM"),
            ("Nestlé", "Ne"),
            ("L'Oréal", "Lo"),
            ("Booking Holdings", "BH"),
            ("Coca-Cola", "CC"),
            ("JPMorgan Chase", "JC"),
            ("!!!", "?"),
            ("", "?"),
        ];
        for (name, want) in rows {
            assert_eq!(badge_text(name, None), want, "{name}");
        }
    }

    #[test]
    fn an_explicit_label_wins_and_is_cut_to_three_characters() {
        assert_eq!(badge_text("Meta Platforms", Some("Me")), "Me");
        assert_eq!(badge_text("Meta Platforms", Some("  ")), "MP");
        assert_eq!(badge_text("Amazon", Some("AMZN")), "AMZ");
    }
}
