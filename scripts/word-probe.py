"""Which names a dataset flags when a page writes ordinary words: a probe without labels.

For each language of data/words, wordfreq's N most frequent words of that language, one per
paragraph of a page in that language (lowercase, then capitalized as at a sentence start), are
scanned with `backstory scan --json`. Every flag there is a name the page wrote as a word of its
language, unless the word is the brand itself ("toyota", "samsung"): reading the list shows where
the word lists and the judge miss words of languages the corpus has few pages of. A name that
stands only because the page confirms it (rules that wait, then `brand-list`) is listed apart:
one page holds every word, so "Meta" is confirmed there by "facebook" and a run of paragraphs
reads as a brand filter, which no real page of prose does.

Run by a developer, not by the build (wordfreq as for scripts/word-lists.py):
  target/words/bin/python scripts/word-probe.py DATASET [N] > report.md
e.g. with the eval's import of the name-suggestion index, after `make eval`:
  target/words/bin/python scripts/word-probe.py target/eval/nsi-large.json 20000
"""
import html
from importlib import metadata
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parents[1]
LANGS = sorted(p.stem for p in (ROOT / "data" / "words").glob("*.txt") if "-" not in p.stem)
BACKSTORY = ROOT / "target" / "release" / "backstory"


def page(lang, words):
    paragraphs = "".join(f"<p>{html.escape(w)}</p>" for w in words)
    return f'<!doctype html><html lang="{lang}"><head><title>{lang}</title></head><body>{paragraphs}</body></html>'


# Rules by which a name stands only because the rest of the page confirms it (src/judge.rs).
BY_THE_PAGE = {"ordinary-word", "ordinary-word-in-language", "context-on-page", "brand-list"}


def flagged(dataset, path):
    """The names flagged on their own, and those flagged by the page's confirmation."""
    out = subprocess.run([str(BACKSTORY), "scan", "--dataset", dataset, "--json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    hits = json.loads(out.splitlines()[0])["hits"]
    alone = sorted({h["alias"] for h in hits if h["rule"] not in BY_THE_PAGE})
    confirmed = sorted({h["alias"] for h in hits if h["rule"] in BY_THE_PAGE})
    return alone, confirmed


def main():
    dataset, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    version = metadata.version("wordfreq")
    print(f"# Names flagged on ordinary words\n\n`scripts/word-probe.py {dataset} {count}`: wordfreq "
          f"{version}'s {count} most frequent words per language, one per paragraph.\n")
    print("| language | flagged, lowercase | flagged, capitalized | names flagged on their own (either) "
          "| names the page confirmed |\n|---|---:|---:|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            words = wordfreq.top_n_list(lang, count)
            found = {}
            for form, spell in (("lower", str), ("title", lambda w: w[:1].upper() + w[1:])):
                path = Path(tmp) / f"{lang}.{form}.html"
                path.write_text(page(lang, [spell(w) for w in words]), encoding="utf-8")
                found[form] = flagged(dataset, path)
            alone = sorted(set(found["lower"][0]) | set(found["title"][0]))
            confirmed = sorted((set(found["lower"][1]) | set(found["title"][1])) - set(alone))
            print(f"| {lang} | {len(found['lower'][0])} | {len(found['title'][0])} | {', '.join(alone)} "
                  f"| {', '.join(confirmed)} |")


if __name__ == "__main__":
    main()
