"""Firefox on real pages: saved corpus pages (../shared/corpus) at their real host names, and Firefox
must draw the badges the extension counts as Chromium does. Headless firefox-esr through
Selenium and geckodriver, like smoke.py; the pages come from the test bed of bed.py (the server of
scripts/lib/corpus-server.mjs, which Firefox reaches through its proxy: the proxy tunnels only
the pages' hosts and refuses every other host, so nothing leaves the machine). Badge geometry on
the same pages is corpus_geometry.py.

For each page: the overlay holds a badge for every finding the popup lists (the stored findings,
less quiet ones in menus and footers and those over the page's badge cap; on a shop that is itself
a profiled company, at most that many), and, scrolled through, Firefox draws as many of them as
Chromium does on the same page (chromium_drawn.mjs), within what the two browsers' text layout
changes: the extension hides a badge that has no free spot beside its text, in either browser.

Run: target/venv/bin/python tests/firefox/corpus.py. Skipped when ../shared is absent.
FIREFOX_CORPUS: a regular expression on page names to run instead of the default subset ("." for all).
"""
import json
import os
import re
import subprocess
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bed import CORPUS, ROOT, FirefoxBed, corpus_names, has_notice, test_name  # noqa: E402

WIDTH, HEIGHT = 1280, 800
LAYOUT_SLACK = 0.05  # of the badges Chromium draws: what Firefox's own text layout may leave without a free spot

# The default subset, five pages (the whole corpus takes Firefox over half an hour here;
# FIREFOX_CORPUS="." runs it): names in alt/title attributes of links around a product image and its
# title (Amazon France), a page over the badge cap of 150 on a site added with "Check this site too"
# (Amazon Brazil), an image's alt (eBay), a Portuguese shop added the same way (Submarino), and a shop
# that is itself a profiled company, whose own name gets the site notice (Amazon US).
SUBSET = "|".join([
    r"intl/pages/green-db/amazon__chromebook-indice-fr",
    r"intl/pages/archive-query-log/amazon-notebook-dell",
    r"fathom/training_data__ebay",
    r"intl/pages/pricetag/br__submarino",
    r"fathom/training_data__amazon",
])
ONLY = re.compile(os.environ.get("FIREFOX_CORPUS", SUBSET))


class FirefoxCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not corpus_names(ONLY):
            raise unittest.SkipTest(f"no shared corpus pages at {CORPUS} (BACKSTORY_SHARED) matching {ONLY.pattern}")
        # What Chromium draws on the same pages at the same size (its own test bed, one browser run).
        ref = subprocess.run(["node", str(ROOT / "tests/firefox/chromium_drawn.mjs"), ONLY.pattern, str(WIDTH), str(HEIGHT)],
                             capture_output=True, text=True, check=True)
        cls.chromium = json.loads(ref.stdout.strip().splitlines()[-1])
        cls.bed = FirefoxBed(ONLY.pattern, WIDTH, HEIGHT)
        cls.urls = cls.bed.urls

    @classmethod
    def tearDownClass(cls):
        cls.bed.close()

    def page_eval(self, expression):
        return self.bed.page_eval(expression)

    def overlay(self):
        return self.bed.overlay()

    def badges(self):
        return self.bed.badges()

    def drawn_while_scrolling(self):
        """sharedIds of the badges drawn (not hidden) at any scroll position. The extension draws a
        badge when its text is within 400 px of the viewport and looks again 150 ms after a scroll:
        stops 400 px further apart than the viewport is tall, 300 ms each, as chromium_drawn.mjs
        does in Chromium."""
        h = self.page_eval("document.documentElement.scrollHeight")
        drawn, y = set(), 0
        while True:
            self.page_eval(f"(scrollTo(0, {min(y, max(0, h - HEIGHT))}), true)")
            time.sleep(0.3)
            drawn |= {sid for sid, a in self.badges() if "hidden" not in a}
            if y >= h - HEIGHT:
                return drawn
            y += HEIGHT + 400

    def check_page(self, name):
        url = self.urls[name]
        self.bed.driver.get(url)
        findings = self.bed.wait_settled(url)
        self.assertIsNotNone(findings, f"no findings stored for {url}: did the content script run?")
        drawn = self.drawn_while_scrolling()
        badges = self.badges()
        # A badge is made for every finding the popup lists, except quiet ones (in menus and footers,
        # unless the shopper asks for badges there) and those over the page's cap; on a shop that is
        # itself a profiled company, its own name gets none either (the site notice says it).
        quiet = sum(c.get("quiet", 0) for c in findings.get("companies", []))
        counted = findings["total"] - quiet - findings.get("capped", 0)
        if has_notice(self.overlay()):
            self.assertLessEqual(len(badges), counted, f"{name}: more badges than findings")
        else:
            self.assertEqual(len(badges), counted, f"{name}: {len(badges)} badges for {counted} findings ({findings})")
        # Every badge is drawn somewhere, but those the extension leaves hidden for want of a free spot
        # beside their text, which Chromium does too (chromium_drawn.mjs). Firefox lays text out with
        # its own font metrics, so a spot free in one browser may be taken in the other: a few badges
        # either way are layout (LAYOUT_SLACK), more are Firefox hiding badges it should draw.
        never = {}
        for sid, a in badges:
            if sid not in drawn:
                never[a.get("title")] = never.get(a.get("title"), 0) + 1
        reference = self.chromium.get(name, {})
        shown, chromium_shown = len(badges) - sum(never.values()), reference.get("drawn", 0)
        slack = max(1, round(LAYOUT_SLACK * chromium_shown))
        self.assertGreaterEqual(shown, chromium_shown - slack,
                                f"{name}: Firefox drew {shown} of {len(badges)} badges, Chromium {chromium_shown} of {reference.get('badges')}; "
                                f"never drawn in Firefox {never}, in Chromium {reference.get('never')}")
        print(f"# {name}: {len(badges)} badges, {shown} drawn (Chromium {chromium_shown} of "
              f"{reference.get('badges')}), {findings['total']} findings ({quiet} quiet, {findings.get('capped', 0)} over the cap)", flush=True)


def _page_test(name):
    def test(self):
        self.check_page(name)
    test.__doc__ = f"every counted badge drawn on {name}"
    return test


for _name in corpus_names(ONLY):
    setattr(FirefoxCorpus, test_name(_name), _page_test(_name))
if not corpus_names(ONLY):  # one skipped test says why, where an empty run would say nothing
    FirefoxCorpus.test_corpus = unittest.skip(f"no shared corpus pages at {CORPUS} (BACKSTORY_SHARED) matching {ONLY.pattern}")(lambda self: None)


if __name__ == "__main__":
    unittest.main(verbosity=2)
