"""Firefox on real pages, badge geometry: saved corpus pages (../shared/corpus) at their real host names
(the test bed of bed.py), each loaded at 1280x800 and then resized to 390x844, and every badge Firefox
draws checked by the checker of scripts/lib/geometry-page.mjs (geometry.py runs it in a BiDi sandbox):
no glyph of page text under it, inside the viewport, not covered, attribute matches at their element,
text naming it nearby. The Firefox side of tests/e2e/corpus-geometry.test.mjs: a page fails on any
violation. (No known violation is left; should one have to be accepted for a while, list it in
corpus_geometry.baseline.json beside this file, per viewport and page, the kinds of violation each
badge title has, or write it with FIREFOX_GEOMETRY_BASELINE=update.) Ends with a table per viewport: pages, badges, violations per
kind. Crops of the first violations: target/geometry-firefox/<viewport>/.

Run: target/venv/bin/python tests/firefox/corpus_geometry.py. Skipped when ../shared is absent.
FIREFOX_CORPUS: a regular expression on page names to run instead of the default subset ("." for all,
over half an hour here). FIREFOX_GEOMETRY_STOPS: scroll positions per page and viewport (10).
"""
import json
import os
import re
import sys
import time
import unittest
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bed import CORPUS, FirefoxBed, corpus_names, test_name  # noqa: E402
from geometry import KINDS, VIEWPORTS, Checker, badge_ids, count_kinds, load, page_geometry, set_viewport, settle  # noqa: E402

# The default subset, four pages with badges that take Firefox about two minutes at both sizes:
# names in alt/title attributes of inline links around a product tile (Amazon France, 64 badges,
# once badged down by the caption), a Portuguese shop added with "Check this site too"
# (Submarino), an image's alt (eBay), and a Polish shop whose footer link's badge once sat on the
# heading laid out beside it (Allegro).
SUBSET = "|".join([
    r"intl/pages/green-db/amazon__chromebook-indice-fr",
    r"intl/pages/pricetag/br__submarino",
    r"fathom/training_data__ebay",
    r"intl/pages/allegro-scraper/test_crawl__2__oferta-kabel-3w1-micro",
])
ONLY = re.compile(os.environ.get("FIREFOX_CORPUS", SUBSET))
STOPS = int(os.environ.get("FIREFOX_GEOMETRY_STOPS", 10))
MAX_SHOTS = 3  # PNG crops per page and viewport (bench/geometry_firefox.py saves all)
BASELINE = Path(__file__).with_name("corpus_geometry.baseline.json")
UPDATE = os.environ.get("FIREFOX_GEOMETRY_BASELINE") == "update"
KNOWN = json.loads(BASELINE.read_text())["known"] if BASELINE.exists() and not UPDATE else {}


def by_kind_and_title(violations):
    """{kind: {badge title: how many badges of that title have it}}."""
    out = {}
    for v in violations:
        k = out.setdefault(v["kind"], {})
        k[v["title"]] = k.get(v["title"], 0) + 1
    return out


def line(v):
    return f'  {v["kind"]}: "{v["title"]}" {v["detail"]}' + (f' [{os.path.relpath(v["shot"])}]' if v.get("shot") else "")


def beyond(result, allowed):
    """Lines for the violations of one page and viewport beyond the `allowed` counts."""
    problems = []
    for kind, titles in by_kind_and_title(result["violations"]).items():
        for title, n in titles.items():
            k = allowed.get(kind, {}).get(title, 0)
            if n <= k:
                continue
            problems.append(f'{result["viewport"]}: {n} "{title}" badge(s) with {kind} violations, {k} known:')
            problems += [line(v) for v in result["violations"] if v["kind"] == kind and v["title"] == title]
    return problems


def table(results):
    """Per viewport: pages, pages with badges, badges, checked in view, violations per kind."""
    rows = [f"| viewport | pages | with badges | badges | checked | {' | '.join(KINDS)} |",
            f"|---|---:|---:|---:|---:|{'|'.join('---:' for _ in KINDS)}|"]
    for vp in VIEWPORTS:
        rs = [r for r in results if r["viewport"] == vp["name"]]
        k = count_kinds([v for r in rs for v in r["violations"]])
        rows.append(f"| {vp['name']} | {len(rs)} | {sum(1 for r in rs if r['badges'])} | {sum(r['badges'] for r in rs)} | "
                    f"{sum(r['checked'] for r in rs)} | {' | '.join(str(k[x]) for x in KINDS)} |")
    return "\n".join(rows)


class FirefoxCorpusGeometry(unittest.TestCase):
    results = []

    @classmethod
    def setUpClass(cls):
        if not corpus_names(ONLY):
            raise unittest.SkipTest(f"no shared corpus pages at {CORPUS} (BACKSTORY_SHARED) matching {ONLY.pattern}")
        cls.started = time.monotonic()
        cls.bed = FirefoxBed(ONLY.pattern)

    @classmethod
    def tearDownClass(cls):
        cls.bed.close()
        if not cls.results:
            return
        print(f"\n# Firefox real-page geometry, {len({r['page'] for r in cls.results})} pages, {STOPS} stops, "
              f"{round(time.monotonic() - cls.started)} s\n{table(cls.results)}", flush=True)
        if UPDATE:
            known = {}
            for r in sorted(cls.results, key=lambda r: f"{r['viewport']} {r['page']}"):
                if r["violations"]:
                    known[f"{r['viewport']} {r['page']}"] = by_kind_and_title(r["violations"])
            # Pages not run this time keep what the file knew of them.
            old = json.loads(BASELINE.read_text())["known"] if BASELINE.exists() else {}
            ran = {f"{r['viewport']} {r['page']}" for r in cls.results}
            known = dict(sorted({**{k: v for k, v in old.items() if k not in ran}, **known}.items()))
            BASELINE.write_text(json.dumps({
                "about": "Badge geometry violations in Firefox known when this was written: per viewport and page, per kind, how many "
                         "badges of each title had it. tests/firefox/corpus_geometry.py fails on any beyond these. Delete this file to "
                         "make every violation fail; FIREFOX_GEOMETRY_BASELINE=update rewrites it (for the pages run).",
                "written": date.today().isoformat(), "stops": STOPS, "known": known}, indent=1) + "\n")
            print(f"# wrote {BASELINE}", flush=True)

    def check_page(self, name):
        problems = []
        for r in page_geometry(self.bed, name, stops=STOPS, max_shots=MAX_SHOTS):
            self.results.append(r)
            self.assertTrue(r["ran"], f"{r['viewport']}: no findings stored for {self.bed.urls[name]}: did the content script run?")
            problems += beyond(r, KNOWN.get(f"{r['viewport']} {name}", {}))
            print(f"# {r['viewport']} {name}: {r['badges']} badges, {r['checked']} checked, {r['stops']} stops, "
                  f"violations {json.dumps(count_kinds(r['violations']))} ({r['ms'] / 1000:.1f} s)", flush=True)
        if problems and not UPDATE:
            self.fail(f"badge geometry on {self.bed.urls[name]}:\n" + "\n".join(problems))

    def test_zz_a_shifted_badge_is_caught(self):
        """The check can fail: a drawn badge moved onto the start of its own text (a throwaway move
        inside the overlay, undone at once) is a text violation, beyond any baseline."""
        name = next((r["page"] for r in self.results if r["anchors"].get("text")), None)
        if name is None:
            self.skipTest("no page with a badge anchored in text checked in view")
        set_viewport(self.bed, VIEWPORTS[0]["width"], VIEWPORTS[0]["height"])
        load(self.bed, self.bed.urls[name])
        c = Checker(self.bed)
        # The first stop with a badge anchored in text in view and no violation: from the top, then
        # where the badges' texts are.
        k, vh = None, VIEWPORTS[0]["height"]
        for y in [0] + c.run(f"__geometry.targets({json.dumps([a.get('title') for _, a in self.bed.badges()])})")[:20]:
            c.run(f"(scrollTo(0, {max(0, y - vh // 3) if y else 0}), true)")
            settle(c, True)
            ids = badge_ids(self.bed)
            results = c.check(ids, rebuild=True)
            k = next((i for i, r in enumerate(results) if (r.get("anchor") or {}).get("kind") == "text" and not r["violations"]), None)
            if k is not None:
                break
        self.assertIsNotNone(k, f"{name}: no badge anchored in text in view at any stop")
        anchor = results[k]["anchor"]["rect"]
        dx = anchor["left"] + 2 - results[k]["box"]["left"]
        shifted = self.bed.driver.script.call_function(
            """(dx, b, ...all) => {
              const left = b.style.left;
              b.style.left = `${parseFloat(left) + dx}px`;
              try { return JSON.stringify(__geometry.check(all, {})); } finally { b.style.left = left; }
            }""", False, c.target, arguments=[{"type": "number", "value": dx}, {"sharedId": ids[k]}] + [{"sharedId": i} for i in ids])
        after = json.loads(shifted["result"]["value"])[k]
        kinds = {v["kind"] for v in after["violations"]}
        self.assertIn("text", kinds, f"{name}: badge moved by {dx:.0f} px onto its text, still {after}")
        problems = beyond({"viewport": VIEWPORTS[0]["name"], "violations": [{**v, "title": after["title"]} for v in after["violations"]]},
                          KNOWN.get(f"{VIEWPORTS[0]['name']} {name}", {}))
        self.assertTrue(problems, "the moved badge's violation counts as known")
        print(f"# moved a \"{after['title']}\" badge by {dx:.0f} px on {name}: " + "; ".join(f"{v['kind']}: {v['detail']}" for v in after["violations"]), flush=True)


def _page_test(name):
    def test(self):
        self.check_page(name)
    test.__doc__ = f"badge geometry on {name} at {' and '.join(v['name'] for v in VIEWPORTS)}"
    return test


for _name in corpus_names(ONLY):
    setattr(FirefoxCorpusGeometry, test_name(_name), _page_test(_name))
if not corpus_names(ONLY):  # one skipped test says why, where an empty run would say nothing
    FirefoxCorpusGeometry.test_corpus = unittest.skip(f"no shared corpus pages at {CORPUS} (BACKSTORY_SHARED) matching {ONLY.pattern}")(lambda self: None)


if __name__ == "__main__":
    unittest.main(verbosity=2)
