"""The Firefox real-page test bed shared by corpus.py, corpus_geometry.py and bench/geometry_firefox.py:
saved corpus pages (../shared/corpus) served at their real host names by scripts/lib/corpus-server.mjs,
which Firefox reaches through its proxy (the proxy tunnels only the pages' hosts and refuses every
other host, so nothing leaves the machine), and headless firefox-esr with the built extension through
Selenium and geckodriver, like smoke.py. The server's certificate is made at test time and accepted by
this test browser only (acceptInsecureCerts).

Every test-bed host is checked: the sites the extension does not check by default are added to its
content script's matches in a copy of the extension (with their host access, which the shopper's click
on the permission prompt would give), so every page is checked from its first paint; "Check this site
too" itself is tested in smoke.py.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
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
SETTLE_TIMEOUT = 30


def corpus_names(only):
    """Saved page names as scripts/lib/corpus.mjs lists them (fathom, webshop, intl/pages), those
    the regular expression `only` finds."""
    names = []
    for sub in ("fathom", "webshop", "intl/pages"):
        base = CORPUS / sub
        if base.is_dir():
            names += sorted(f"{sub}/{p.relative_to(base).as_posix()}" for p in base.rglob("*.html"))
    return [n for n in names if only.search(n)]


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


def host_matches(pattern, host):
    """Whether a match pattern's host part ("https://*.amazon.com/*") covers `host`."""
    want = pattern.split("://", 1)[-1].split("/", 1)[0]
    if want == "*":
        return True
    if want.startswith("*."):
        return host == want[2:] or host.endswith(want[1:])
    return host == want


class FirefoxBed:
    """The server, a copy of the extension and one Firefox. pattern: a regular expression on page
    names (the server serves those pages). urls: {page name: url}; pages: {page name: {name, host,
    curated, url}} (curated: a site the extension checks by default); page_window, ext_window: the
    window handles (BiDi browsing contexts) of the page and of an extension page."""

    def __init__(self, pattern, width=1280, height=800):
        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not try to download drivers
        self.server = subprocess.Popen(["node", str(ROOT / "scripts/lib/corpus-server.mjs"), "--proxy", "--pages", pattern],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.driver = None
        self.ext = None
        try:
            info = json.loads(self.server.stdout.readline())
            self.urls = {p["name"]: p["url"] for p in info["pages"]}
            hosts = sorted({p["host"] for p in info["pages"]})

            self.ext = Path(tempfile.mkdtemp(prefix="backstory-ff-corpus-"))
            shutil.copytree(EXTENSION, self.ext, dirs_exist_ok=True)
            manifest = json.loads((self.ext / "manifest.json").read_text())
            default = manifest["content_scripts"][0]["matches"]
            self.pages = {p["name"]: {**p, "curated": any(host_matches(m, p["host"]) for m in default)} for p in info["pages"]}
            patterns = {f"https://{h}/*" for h in hosts}
            manifest["host_permissions"] = sorted(set(manifest.get("host_permissions", [])) | patterns)
            manifest["content_scripts"][0]["matches"] = sorted(set(manifest["content_scripts"][0]["matches"]) | patterns)
            (self.ext / "manifest.json").write_text(json.dumps(manifest, indent=2))

            self.uuid = str(uuid.uuid4())
            options = Options()
            options.binary_location = FIREFOX
            options.add_argument("-headless")
            options.add_argument(f"--width={width}")
            options.add_argument(f"--height={height}")
            options.enable_bidi = True
            options.accept_insecure_certs = True  # the test bed's throwaway certificate; this browser only
            options.page_load_strategy = "eager"  # a saved page may hold a request that never ends
            options.set_preference("extensions.webextensions.uuids", json.dumps({ADDON_ID: self.uuid}))
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
            self.driver = webdriver.Firefox(options=options, service=service)
            self.driver.install_addon(str(self.ext), temporary=True)
            self.page_window = self.driver.current_window_handle
            # An extension page in a window of its own: the page's window stays in front (a hidden tab
            # does no work), and this one asks the background what it stored.
            self.driver.switch_to.new_window("window")
            self.ext_window = self.driver.current_window_handle
            self.driver.get(f"moz-extension://{self.uuid}/extension/check/check.html")
            self.driver.switch_to.window(self.page_window)
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.driver:
            self.driver.quit()
        self.server.stdin.close()
        try:
            self.server.wait(10)
        except subprocess.TimeoutExpired:
            self.server.kill()
        if self.ext:
            shutil.rmtree(self.ext, ignore_errors=True)

    def ext_eval(self, expression):
        """Awaits `expression` in the extension page and returns its value as plain JSON."""
        res = self.driver.script.evaluate(f"(async () => JSON.stringify(await ({expression})))()", {"context": self.ext_window}, True)
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


def test_name(name):
    """A unittest method name for a page name."""
    return "test_" + re.sub(r"\W+", "_", name.removesuffix(".html"))
