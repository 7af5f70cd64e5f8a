"""Firefox on real pages: saved corpus pages (../shared/corpus) at their real host names, and Firefox
must draw the badges the extension counts as Chromium does. Headless firefox-esr through
Selenium and geckodriver, like smoke.py; the pages come from the test bed's server
(scripts/lib/corpus-server.mjs), which Firefox reaches through its proxy: the proxy tunnels only
the pages' hosts and refuses every other host, so nothing leaves the machine. The server's
certificate is made at test time and accepted by this test browser only (acceptInsecureCerts).

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
import shutil
import subprocess
import tempfile
import time
import unittest
import uuid
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.firefox.options import Options
from selenium.webdriver.firefox.service import Service

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("BACKSTORY_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
EXTENSION = Path(os.environ.get("BACKSTORY_FIREFOX_DIST", ROOT / "dist" / "firefox"))
ADDON_ID = "backstory@backstory.example"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or str(Path.home() / ".cargo/bin/geckodriver")
WIDTH, HEIGHT = 1280, 800
SETTLE_TIMEOUT = 30
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


def corpus_names():
    """Saved page names as scripts/lib/corpus.mjs lists them (fathom, webshop, intl/pages)."""
    names = []
    for sub in ("fathom", "webshop", "intl/pages"):
        base = CORPUS / sub
        if base.is_dir():
            names += sorted(f"{sub}/{p.relative_to(base).as_posix()}" for p in base.rglob("*.html"))
    return [n for n in names if ONLY.search(n)]


def shadow_badges(node, in_shadow=False):
    """(sharedId, attributes) of each badge button in a BiDi-serialized tree, inside shadow roots."""
    value = node.get("value") or {}
    attrs = value.get("attributes") or {}
    if in_shadow and value.get("localName") == "button" and "badge" in attrs.get("class", "").split():
        yield node.get("sharedId"), attrs
    for child in value.get("children") or []:
        yield from shadow_badges(child, in_shadow)
    if value.get("shadowRoot"):
        yield from shadow_badges(value["shadowRoot"], True)


def has_notice(node, in_shadow=False):
    """Whether the overlay shows the site notice (role=status): the shop is a profiled company."""
    value = node.get("value") or {}
    if in_shadow and (value.get("attributes") or {}).get("role") == "status":
        return True
    if any(has_notice(c, in_shadow) for c in value.get("children") or []):
        return True
    return bool(value.get("shadowRoot")) and has_notice(value["shadowRoot"], True)


class FirefoxCorpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not corpus_names():
            raise unittest.SkipTest(f"no shared corpus pages at {CORPUS} (BACKSTORY_SHARED) matching {ONLY.pattern}")
        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not try to download drivers
        # What Chromium draws on the same pages at the same size (its own test bed, one browser run).
        ref = subprocess.run(["node", str(ROOT / "tests/firefox/chromium_drawn.mjs"), ONLY.pattern, str(WIDTH), str(HEIGHT)],
                             capture_output=True, text=True, check=True)
        cls.chromium = json.loads(ref.stdout.strip().splitlines()[-1])
        cls.server = subprocess.Popen(["node", str(ROOT / "scripts/lib/corpus-server.mjs"), "--proxy", "--pages", ONLY.pattern],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        info = json.loads(cls.server.stdout.readline())
        cls.urls = {p["name"]: p["url"] for p in info["pages"]}
        hosts = sorted({p["host"] for p in info["pages"]})

        # Every test-bed host is checked: the sites the extension does not check by default are added
        # to its content script's matches in this copy (with their host access, which the shopper's
        # click on the permission prompt would give), so every page is checked from its first paint;
        # "Check this site too" itself is tested in smoke.py.
        cls.ext = Path(tempfile.mkdtemp(prefix="backstory-ff-corpus-"))
        shutil.copytree(EXTENSION, cls.ext, dirs_exist_ok=True)
        manifest = json.loads((cls.ext / "manifest.json").read_text())
        patterns = {f"https://{h}/*" for h in hosts}
        manifest["host_permissions"] = sorted(set(manifest.get("host_permissions", [])) | patterns)
        manifest["content_scripts"][0]["matches"] = sorted(set(manifest["content_scripts"][0]["matches"]) | patterns)
        (cls.ext / "manifest.json").write_text(json.dumps(manifest, indent=2))

        cls.uuid = str(uuid.uuid4())
        options = Options()
        options.binary_location = FIREFOX
        options.add_argument("-headless")
        options.add_argument(f"--width={WIDTH}")
        options.add_argument(f"--height={HEIGHT}")
        options.enable_bidi = True
        options.accept_insecure_certs = True  # the test bed's throwaway certificate; this browser only
        options.page_load_strategy = "eager"  # a saved page may hold a request that never ends
        options.set_preference("extensions.webextensions.uuids", json.dumps({ADDON_ID: cls.uuid}))
        # Every request goes to the test bed's proxy, which refuses all hosts but the pages'.
        for scheme in ("http", "ssl"):
            options.set_preference(f"network.proxy.{scheme}", "127.0.0.1")
            options.set_preference(f"network.proxy.{scheme}_port", info["proxyPort"])
        options.set_preference("network.proxy.type", 1)
        options.set_preference("network.proxy.no_proxies_on", "")
        options.set_preference("network.dns.disablePrefetch", True)
        options.set_preference("network.prefetch-next", False)
        options.set_preference("network.http.speculative-parallel-limit", 0)
        service = Service(GECKODRIVER, service_args=["--allow-system-access"])
        try:
            cls.driver = webdriver.Firefox(options=options, service=service)
        except Exception:
            cls._stop_server()
            raise
        try:
            cls.driver.install_addon(str(cls.ext), temporary=True)
            cls.page_window = cls.driver.current_window_handle
            # An extension page in a window of its own: the page's window stays in front (a hidden tab
            # does no work), and this one asks the background what it stored.
            cls.driver.switch_to.new_window("window")
            cls.ext_window = cls.driver.current_window_handle
            cls.driver.get(f"moz-extension://{cls.uuid}/extension/check/check.html")
            cls.driver.switch_to.window(cls.page_window)
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def _stop_server(cls):
        cls.server.stdin.close()
        try:
            cls.server.wait(10)
        except subprocess.TimeoutExpired:
            cls.server.kill()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls._stop_server()
        shutil.rmtree(cls.ext, ignore_errors=True)

    @classmethod
    def ext_eval(cls, expression):
        """Awaits `expression` in the extension page and returns its value as plain JSON."""
        res = cls.driver.script.evaluate(f"(async () => JSON.stringify(await ({expression})))()", {"context": cls.ext_window}, True)
        return json.loads(res["result"]["value"])

    def page_eval(self, expression):
        res = self.driver.script.evaluate(f"JSON.stringify({expression})", {"context": self.page_window}, False)
        return json.loads(res["result"]["value"])

    def overlay(self):
        """The overlay host serialized with its closed shadow tree (BiDi sees inside, as smoke.py explains)."""
        res = self.driver.script.evaluate(
            "document.querySelector('backstory-overlay')", {"context": self.page_window}, False,
            serialization_options={"maxDomDepth": 6, "includeShadowTree": "all"})
        return res.get("result") or {}

    def badges(self):
        return list(shadow_badges(self.overlay()))

    def findings(self, url):
        """What the popup would list for the tab showing `url`: the stored findings of that tab."""
        return self.ext_eval(f"""(async () => {{
            const [tab] = await browser.tabs.query({{url: {json.dumps(url)}}});
            if (!tab) return null;
            const key = 'findings:' + tab.id;
            return (await browser.storage.session.get(key))[key] ?? null;
        }})()""")

    def wait_settled(self, url):
        """Until the badges and the stored findings have not changed for a second; returns the findings."""
        last, since, deadline = None, time.monotonic(), time.monotonic() + SETTLE_TIMEOUT
        while time.monotonic() < deadline:
            f = self.findings(url)
            key = json.dumps([len(self.badges()), f and f.get("total"), f and f.get("capped")])
            if key != last:
                last, since = key, time.monotonic()
            elif f is not None and time.monotonic() - since >= 1.0:
                return f
            time.sleep(0.2)
        return self.findings(url)

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
        self.driver.get(url)
        findings = self.wait_settled(url)
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


for _name in corpus_names():
    setattr(FirefoxCorpus, "test_" + re.sub(r"\W+", "_", _name.removesuffix(".html")), _page_test(_name))
if not corpus_names():  # one skipped test says why, where an empty run would say nothing
    FirefoxCorpus.test_corpus = unittest.skip(f"no shared corpus pages at {CORPUS} (BACKSTORY_SHARED) matching {ONLY.pattern}")(lambda self: None)


if __name__ == "__main__":
    unittest.main(verbosity=2)
