//! Korean particles. Korean writes its case, topic and other particles glued to the noun before
//! them ("다이소에서", at Daiso; "이마트의", E-Mart's; "Costco에서", at Costco), so a name followed
//! by one still ends a word there. The particles are a small closed class of the grammar; one
//! counts only where the word ends right after it ("하나로마트" is another name).

use std::sync::OnceLock;

use crate::normalize::{is_boundary, normalize, Fold};

/// The postpositions of Korean grammar a shop's text glues to a brand, combined ones included.
const PARTICLES: [&str; 41] = [
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "만",
    "로",
    "나",
    "랑",
    "에서",
    "에게",
    "한테",
    "께서",
    "으로",
    "부터",
    "까지",
    "보다",
    "처럼",
    "마다",
    "조차",
    "이나",
    "이랑",
    "하고",
    "에는",
    "에도",
    "에서는",
    "에서도",
    "으로는",
    "으로도",
    "에게서",
    "한테서",
    "께서는",
    "에서부터",
    "으로부터",
    "이라고",
];

/// The particles as the automaton's text holds them (Hangul syllables decomposed into letters),
/// longest first.
fn folded() -> &'static [String] {
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    FOLDED.get_or_init(|| {
        let mut all: Vec<String> = PARTICLES.iter().map(|p| normalize(p, Fold::MATCH).text).collect();
        all.sort_by_key(|p| std::cmp::Reverse(p.len()));
        all
    })
}

/// Whether a Korean particle, then the end of the word, follows a name that ends at byte `end` of
/// the normalized text `hay`.
pub(super) fn particle_follows(hay: &str, end: usize) -> bool {
    let rest = &hay[end..];
    // Every particle begins with a Hangul syllable's first letter: the common case, a Latin word
    // going on ("gap" in "gaps"), is told at the first character.
    if !rest.chars().next().is_some_and(|c| ('\u{1100}'..='\u{1112}').contains(&c)) {
        return false;
    }
    folded()
        .iter()
        .any(|p| rest.starts_with(p.as_str()) && is_boundary(p.chars().next_back(), rest[p.len()..].chars().next()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn follows(text: &str, name: &str) -> bool {
        let hay = normalize(text, Fold::MATCH).text;
        let name = normalize(name, Fold::MATCH).text;
        let at = hay.find(&name).expect("the name is in the text");
        particle_follows(&hay, at + name.len())
    }

    #[test]
    fn a_particle_ends_the_word_after_a_korean_name() {
        assert!(follows("다이소에서 샀어요", "다이소"));
        assert!(follows("이마트의 할인", "이마트"));
        assert!(follows("쿠팡은", "쿠팡"));
        assert!(!follows("하나로마트", "하나"), "the word goes on after the particle");
        assert!(!follows("다이소닷컴", "다이소"), "not a particle");
        assert!(follows("Costco에서 샀어요", "costco"), "a name in Latin letters takes them too");
        assert!(!follows("LG이노텍", "lg"), "LG Innotek: the word goes on");
    }
}
