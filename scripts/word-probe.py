"""Which names a dataset flags when a page writes ordinary words: a probe without labels.

For each language of data/words, wordfreq's N most frequent words of that language, one per
paragraph of a page in that language (lowercase, then capitalized as at a sentence start), are
scanned with `backstory scan --json`. Every flag there is a name the page wrote as a word of its
language, unless the word is the brand itself ("toyota", "samsung"): reading the list shows where
the word lists and the judge miss words of languages the corpus has few pages of.

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


def flagged(dataset, path):
    out = subprocess.run([str(BACKSTORY), "scan", "--dataset", dataset, "--json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return sorted({h["alias"] for h in json.loads(out.splitlines()[0])["hits"]})


def main():
    dataset, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    version = metadata.version("wordfreq")
    print(f"# Names flagged on ordinary words\n\n`scripts/word-probe.py {dataset} {count}`: wordfreq "
          f"{version}'s {count} most frequent words per language, one per paragraph.\n")
    print("| language | flagged, lowercase | flagged, capitalized | names (either) |\n|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            words = wordfreq.top_n_list(lang, count)
            found = {}
            for form, spell in (("lower", str), ("title", lambda w: w[:1].upper() + w[1:])):
                path = Path(tmp) / f"{lang}.{form}.html"
                path.write_text(page(lang, [spell(w) for w in words]), encoding="utf-8")
                found[form] = flagged(dataset, path)
            names = sorted(set(found["lower"]) | set(found["title"]))
            print(f"| {lang} | {len(found['lower'])} | {len(found['title'])} | {', '.join(names)} |")


if __name__ == "__main__":
    main()
