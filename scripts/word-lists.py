"""Builds data/words/<lang>.txt: the ordinary words of each language that the judge may meet as names.

A word is listed for a language when
  - wordfreq 3.1.1 (PyPI; its data CC BY-SA 4.0) gives it a Zipf frequency of at least MIN_ZIPF
    there (about one in a million words): rarer words seldom meet a page;
  - the language's Hunspell dictionary (Debian's hunspell-* packages) accepts it written in
    lowercase: a dictionary word, not a name ("edeka", "fnac" are not; "Aldi" is only capitalized);
    German nouns, capitalized, count when the dictionary marks them as nouns (`german_nouns`);
  - it is at least MIN_LEAD more frequent there than the median of the other languages: a name used
    the world over ("amazon", "google") is about as frequent everywhere, a word of the language is
    not ("tous" 6.1 in French against 1.9).
wordfreq folds "ß" to "ss" and keeps "œ" and "oe" apart, while the dictionaries spell "dreißig" and
"sœur": a word the dictionary rejects counts when it accepts that spelling (`dictionary_spellings`),
and both spellings are listed, since pages write both.
For Chinese and Japanese, written without spaces, `<lang>-frequent.txt` holds the frequent words
themselves (no dictionary filter): the judge uses them to keep a name from matching inside a longer
word. `<lang>.txt` holds those of them that a part-of-speech dictionary gives as one ordinary word,
not a proper noun (`unspaced_ordinary`): Janome's IPAdic for Japanese ("ライフ" 名詞,一般 but "トヨタ"
固有名詞), jieba's dictionary for Chinese ("理想" n, but "华为" nr).

Run by a developer, not by the build: python3 -m venv target/words && target/words/bin/pip install
wordfreq==3.1.1 janome==0.5.0 jieba==0.42.1 && apt-get install hunspell hunspell-<lang>... && target/words/bin/python
scripts/word-lists.py. The output is committed with data/words/README.md.
"""
import math
import statistics
import subprocess
import sys
import unicodedata
from pathlib import Path

import wordfreq

MIN_ZIPF = 3.0
MIN_LEAD = 0.8
# Language -> Hunspell dictionary. The 20 most used languages of the web and a few neighbours.
DICTIONARIES = {
    "en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "pt": "pt_BR",
    "nl": "nl_NL", "pl": "pl_PL", "sv": "sv_SE", "da": "da_DK", "nb": "nb_NO", "ru": "ru_RU",
    "uk": "uk_UA", "cs": "cs_CZ", "hu": "hu_HU", "ro": "ro_RO", "tr": "tr_TR", "el": "el_GR",
    "ca": "ca", "id": "id_ID", "ar": "ar", "he": "he_IL", "vi": "vi_VN", "ko": "ko_KR",
}
UNSPACED = ["zh", "ja"]
NON_LATIN = {"ru", "uk", "el", "ar", "he", "ko"}
COMPARED = list(DICTIONARIES) + UNSPACED + ["fa", "fi", "bg", "hi"]
OUT = Path(__file__).resolve().parents[1] / "data" / "words"


def zipf(freq):
    return math.log10(freq * 1e9) if freq else 0.0


def is_word(w):
    return len(w) >= 2 and all(unicodedata.category(c)[0] in "LM" for c in w)


def is_unspaced(c):
    """Han, kana and the other letters of scripts written without spaces between words."""
    name = unicodedata.name(c, "")
    return name.startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA", "CJK COMPATIBILITY IDEOGRAPH"))


def german_nouns():
    """German capitalizes its nouns, so the lowercase test misses them ("Bild", "Netz"). The German
    dictionary (igerman98) gives nouns its compounding flags i, j or m ("Bild/RTMSmij"); names have
    none ("Aldi/S", "Edeka/S", "Otto/S"). Returned lowercase."""
    nouns = set()
    with open("/usr/share/hunspell/de_DE.dic", encoding="utf-8", errors="replace") as dic:
        for line in dic:
            word, _, flags = line.strip().partition("/")
            if word[:1].isupper() and any(f in flags for f in "ijm"):
                nouns.add(word.lower())
    return nouns


def accepted(dictionary, words):
    """The words Hunspell's dictionary accepts (hunspell -G prints the correct ones)."""
    out = subprocess.run(["hunspell", "-d", dictionary, "-G"], input="\n".join(words), capture_output=True,
                         text=True, check=True).stdout
    return set(out.split())


# wordfreq's spelling -> what a dictionary may spell instead: German "ss" for "ß" (wordfreq case-folds
# it), and the ligatures that French writes or leaves out ("soeur", "sœur").
RESPELLINGS = {"de": [("ss", "ß")], "fr": [("oe", "œ"), ("ae", "æ")]}


def dictionary_spellings(lang, word):
    """The spellings of `word` to ask the dictionary: itself, and each one with one of its letter
    pairs respelled (two at most, so "schliesslich" also tries "schließlich")."""
    forms = {word}
    for plain, respelled in RESPELLINGS.get(lang, []):
        for _ in range(2):
            forms |= {f[:i] + respelled + f[i + len(plain):] for f in forms for i in range(len(f)) if f.startswith(plain, i)}
    return forms


def unspaced_ordinary(lang, words):
    """The frequent words of Chinese or Japanese that a part-of-speech dictionary gives as one
    ordinary word: anything but a proper noun (persons, places, organizations, other names)."""
    if lang == "ja":
        from janome.tokenizer import Tokenizer
        tokenizer = Tokenizer()

        def ordinary(w):
            tokens = list(tokenizer.tokenize(w))
            return len(tokens) == 1 and tokens[0].surface == w and "固有名詞" not in tokens[0].part_of_speech
    else:
        import jieba
        tags = {}
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as dic:
            for line in dic:
                cells = line.split()
                if len(cells) == 3:
                    tags[cells[0]] = cells[2]
        proper = {"nr", "nrfg", "nrt", "ns", "nt", "nz", "eng", "x"}

        def ordinary(w):
            return tags.get(w) not in proper | {None}
    return [w for w in words if ordinary(w)]


def main():
    freqs = {lang: wordfreq.get_frequency_dict(lang, "best") for lang in COMPARED}
    OUT.mkdir(parents=True, exist_ok=True)
    header = ("# Ordinary words of '{lang}' (scripts/word-lists.py; data/words/README.md): wordfreq 3.1.1, "
              "Zipf >= {z}, lead >= {lead}{dic}.\n")
    for lang in list(DICTIONARIES) + UNSPACED:
        frequent = [w for w, f in freqs[lang].items() if zipf(f) >= MIN_ZIPF and is_word(w)]
        if lang in DICTIONARIES:
            def lead(w):
                others = [zipf(freqs[o].get(w, 0)) for o in COMPARED if o != lang]
                return zipf(freqs[lang][w]) - statistics.median(others)
            frequent = [w for w in frequent if lead(w) >= MIN_LEAD]
            if lang in NON_LATIN:
                # Some of these dictionaries accept any Latin-script word; a word of the language is
                # written in its own script.
                frequent = [w for w in frequent if not any("LATIN" in unicodedata.name(c, "") for c in w)]
            spellings = {w: dictionary_spellings(lang, w) for w in frequent}
            ok = accepted(DICTIONARIES[lang], sorted(set().union(*spellings.values())))
            if lang == "de":
                ok |= german_nouns()
            words = sorted({s for w in frequent if spellings[w] & ok for s in {w} | (spellings[w] & ok)})
            dic = f", accepted in lowercase by Hunspell {DICTIONARIES[lang]}"
        else:
            words = sorted(w for w in frequent if len(w) >= 2 and any(is_unspaced(c) for c in w))
            dic = ", unspaced script: every frequent word written in it"
            write(header.format(lang=lang, z=MIN_ZIPF, lead="-", dic=dic), words, f"{lang}-frequent.txt")
            words = unspaced_ordinary(lang, words)
            dic = ", one ordinary word (not a proper noun) by " + ("Janome 0.5.0's IPAdic" if lang == "ja" else "jieba 0.42.1's dictionary")
        write(header.format(lang=lang, z=MIN_ZIPF, lead=MIN_LEAD if lang in DICTIONARIES else "-", dic=dic), words, f"{lang}.txt")
    (OUT / "function-words.tsv").write_text(function_words(freqs), encoding="utf-8")


def write(header, words, name):
    text = header + "\n".join(words) + "\n"
    (OUT / name).write_text(text, encoding="utf-8")
    print(f"{name}: {len(words)} words, {len(text.encode())} bytes", file=sys.stderr)


# Words that tell a language apart: for each spaced language, its most frequent words that are at
# least DISTINCT times as frequent there as in any other compared language ("und", "the", "avec").
FUNCTION_WORDS = 30
DISTINCT = 4.0


def function_words(freqs):
    lines = ["# The most frequent words of each language that are at least 4 times as frequent there as in",
             "# any other compared language (scripts/word-lists.py, wordfreq 3.1.1, CC BY-SA 4.0): what",
             "# src/detect.rs counts to tell a page's language when the page does not declare it."]
    for lang in DICTIONARIES:
        chosen = []
        for w, f in sorted(freqs[lang].items(), key=lambda kv: -kv[1]):
            if len(chosen) >= FUNCTION_WORDS:
                break
            if not is_word(w) or len(w) < 2:
                continue
            if all(f >= DISTINCT * freqs[o].get(w, 0) for o in COMPARED if o != lang):
                chosen.append(w)
        lines.append(f"{lang}\t{' '.join(chosen)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
