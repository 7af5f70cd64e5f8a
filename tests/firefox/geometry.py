"""The geometry check of scripts/lib/geometry.mjs, in Firefox: the same checker (pageChecker of
scripts/lib/geometry-page.mjs, its source printed by node, so there is one implementation) run in a
WebDriver BiDi sandbox of the page (an isolated world: page scripts cannot change what it sees), handed
the overlay's badge buttons by their BiDi sharedIds (BiDi serializes the closed shadow root, see
bed.py). The scrolling follows checkGeometry of geometry.mjs: the first screen, then, from the top
down, the next place a badge not yet seen whole in view could be drawn from.

Kinds: text (the badge covers a glyph of page text), viewport (outside the viewport), covered (the
topmost element at its centre is unrelated to its text), attribute (an alt/title/aria-label match
away from its element), unanchored (no text naming the badge nearby).
"""
import base64
import json
import re
import subprocess
import time
from pathlib import Path

from bed import ROOT

KINDS = ["text", "viewport", "covered", "attribute", "unanchored"]
VIEWPORTS = [{"name": "1280x800", "width": 1280, "height": 800}, {"name": "390x844", "width": 390, "height": 844}]
SANDBOX = "backstory-geometry"
SHOTS = ROOT / "target" / "geometry-firefox"
# Placement follows a scroll or resize through an IntersectionObserver and a look again 150 ms after
# the last one (main.js RECHECK_MS): boxes must stay put longer than that. Chromium's check also waits
# for the content script's work counter, which BiDi cannot read in Firefox (the content script's
# world is not among its realms), so the quiet time here is longer.
QUIET_S, SETTLE_S = 0.4, 3.0

_source = None


def checker_source():
    """The source of pageChecker (scripts/lib/geometry-page.mjs), as Function.prototype.toString gives it."""
    global _source
    if _source is None:
        _source = subprocess.run(
            ["node", "--input-type=module", "-e",
             "import { pageChecker } from './scripts/lib/geometry-page.mjs'; process.stdout.write(String(pageChecker));"],
            cwd=ROOT, capture_output=True, text=True, check=True).stdout
        if not _source.startswith("function pageChecker("):
            raise RuntimeError(f"unexpected checker source: {_source[:80]!r}")
    return _source


def count_kinds(violations):
    out = {k: 0 for k in KINDS}
    for v in violations:
        out[v["kind"]] += 1
    return out


def page_slug(name):
    """A file-name-safe name for a corpus page ("fathom/test_data__gap.html" -> "fathom-test_data__gap")."""
    return re.sub(r"[^\w.-]+", "-", name.removesuffix(".html"))


def set_viewport(bed, width, height):
    """The page's viewport (innerWidth x innerHeight) as Playwright's setViewportSize makes it."""
    bed.driver.browsing_context.set_viewport(context=bed.page_window, viewport={"width": width, "height": height})


class Checker:
    """pageChecker installed in a fresh sandbox of the page's window."""

    def __init__(self, bed):
        self.bed = bed
        self.target = {"context": bed.page_window, "sandbox": SANDBOX}
        self.run(f"(globalThis.__geometry = ({checker_source()})(), true)")

    def run(self, expression):
        """The value of a JS expression in the sandbox, through JSON."""
        res = self.bed.driver.script.evaluate(f"JSON.stringify({expression})", self.target, False)
        if res.get("type") == "exception" or "exceptionDetails" in res:
            raise RuntimeError(f"{expression[:60]}: {res.get('exceptionDetails')}")
        return json.loads(res["result"]["value"])

    def check(self, ids, **opts):
        res = self.bed.driver.script.call_function(
            "(opts, ...badges) => JSON.stringify(__geometry.check(badges, JSON.parse(opts)))",
            False, self.target, arguments=[{"type": "string", "value": json.dumps(opts)}] + [{"sharedId": i} for i in ids])
        if "exceptionDetails" in res:
            raise RuntimeError(f"check: {res['exceptionDetails']}")
        return json.loads(res["result"]["value"])


def badge_ids(bed):
    return [sid for sid, _ in bed.badges()]


def settle(c, moved):
    """Until the drawn badges have not moved for QUIET_S (at most SETTLE_S); after a scroll or resize
    (moved) at least QUIET_S in any case, for the extension's look again."""
    def read():
        return json.dumps([[b["hidden"], b["box"]["left"], b["box"]["top"]] for b in c.check(badge_ids(c.bed), boxesOnly=True)])
    start = time.monotonic()
    last, since = read(), time.monotonic()
    if not moved and not json.loads(last):
        return
    while time.monotonic() - start < SETTLE_S:
        time.sleep(0.06)
        now = read()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= QUIET_S:
            return


def next_stop(c, titles, visited, vh):
    """The scroll position that brings the highest place not yet in view (of the badges `titles`) to a
    third of the way down, or None (as nextStop of geometry.mjs)."""
    if not titles:
        return None
    ys = c.run(f"__geometry.targets({json.dumps(titles)})")
    def seen(y):
        return any(v + 40 <= y <= v + vh - 60 for v in visited)
    for y in ys:
        if not seen(y) and y > min(visited):
            return max(0, round(y - vh / 3))
    return None


def crop(bed, box, vw, vh, path):
    """A PNG of the badge and its surroundings (60 px across, 30 px down, inside the viewport)."""
    x, y = max(0, int(box["left"] - 60)), max(0, int(box["top"] - 30))
    w, h = min(vw, int(box["right"] + 61)) - x, min(vh, int(box["bottom"] + 31)) - y
    if w <= 0 or h <= 0:
        return None
    try:
        data = bed.driver.browsing_context.capture_screenshot(
            context=bed.page_window, clip={"type": "box", "x": x, "y": y, "width": w, "height": h})
    except Exception:  # a crop is a help for the reader, never a reason to fail the check
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(data))
    return str(path)


def check_geometry(bed, stops=20, shots=None, max_shots=float("inf"), name="page", resized=False):
    """Checks every badge of the loaded page at its current viewport (checkGeometry of geometry.mjs).
    shots: a folder for PNG crops of the first max_shots violations. Returns {badges, checked,
    anchors (checked badges per kind of anchor: text, attribute, structured), height, stops, violations:
    [{kind, title, detail, box, anchor, stop, shot}]}."""
    c = Checker(bed)
    size = c.run("__geometry.size()")
    seen = {}  # sharedId -> {title, checked, kinds}
    visited, violations, ids = [], [], []
    y = 0
    while y is not None and len(visited) < stops:
        was = c.run("scrollY")
        c.run(f"(scrollTo(0, {y}), true)")
        visited.append(c.run("scrollY"))
        settle(c, (len(visited) == 1 and resized) or visited[-1] != was)
        ids = badge_ids(bed)
        results = c.check(ids, rebuild=len(visited) == 1)
        for sid, r in zip(ids, results):
            state = seen.setdefault(sid, {"title": r["title"], "checked": False, "kinds": set()})
            if r.get("anchor") or any(v["kind"] == "unanchored" for v in r["violations"]):
                state["checked"] = True
            if r.get("anchor"):
                state["anchor"] = r["anchor"]["kind"]
            for v in r["violations"]:
                if v["kind"] in state["kinds"]:
                    continue  # one report per badge and kind, from where it was first seen
                state["kinds"].add(v["kind"])
                item = {"kind": v["kind"], "title": r["title"], "detail": v["detail"], "box": r["box"],
                        "anchor": r.get("anchor"), "stop": len(visited) - 1, "shot": None}
                if shots and len(violations) < max_shots:
                    item["shot"] = crop(bed, r["box"], size["vw"], size["vh"], Path(shots) / f"{name}-{len(violations) + 1}.png")
                violations.append(item)
        y = next_stop(c, [s["title"] for s in seen.values() if not s["checked"]], visited, size["vh"])
    c.run("(scrollTo(0, 0), true)")
    anchors = {}
    for s in seen.values():
        if s.get("anchor"):
            anchors[s["anchor"]] = anchors.get(s["anchor"], 0) + 1
    return {"badges": len(ids), "checked": sum(1 for s in seen.values() if s["checked"]), "anchors": anchors, "height": size["height"],
            "stops": len(visited), "violations": violations}


def load(bed, url, timeout=10):
    """Opens `url` in the page window and waits for the extension (bed.wait_settled) and for the
    load event (the page's images fail with 404; until then text still moves), at most `timeout` s."""
    bed.driver.get(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and bed.page_eval("document.readyState") != "complete":
        time.sleep(0.1)
    return bed.wait_settled(url)


def page_geometry(bed, name, viewports=VIEWPORTS, stops=20, shots=True, max_shots=float("inf"), fresh=False):
    """One page at each viewport: loaded at the first, then resized to the others (or loaded afresh
    for each, fresh), as pageGeometry of scripts/lib/page-geometry.mjs. One result per viewport:
    {page, viewport, host, curated, ran, findings, badges, checked, stops, height, violations, ms}."""
    out, loaded = [], False
    url = bed.urls[name]
    for vp in viewports:
        t0 = time.monotonic()
        set_viewport(bed, vp["width"], vp["height"])
        resized = loaded and not fresh
        if not loaded or fresh:
            findings = load(bed, url)
            loaded = True
        g = check_geometry(bed, stops=stops, max_shots=max_shots, resized=resized, name=page_slug(name),
                           shots=(SHOTS / vp["name"]) if shots else None)
        out.append({"page": name, "viewport": vp["name"], "host": bed.pages[name]["host"],
                    "curated": bed.pages[name]["curated"], "ran": findings is not None,
                    "findings": (findings or {}).get("total", 0), **g, "ms": round((time.monotonic() - t0) * 1000)})
    return out
