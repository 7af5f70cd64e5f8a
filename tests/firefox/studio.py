"""Issue 20: the Organizer Studio in Firefox (headless firefox-esr through Selenium and geckodriver),
opened from file:// as an organizer with only a browser would: a sheet's errors by line and column,
a preview, a password-protected key pair, and store zips byte-identical to `backstory import` and
`backstory pack` on the same inputs (tests/e2e/studio.test.mjs does the same in Chromium).

Run: target/venv/bin/python tests/firefox/studio.py, after scripts/build-studio.sh.
"""
import base64
import os
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.firefox.options import Options
from selenium.webdriver.firefox.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
STUDIO = ROOT / "dist" / "studio" / "index.html"
CLI = ROOT / "target" / "debug" / "backstory"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("GECKODRIVER") or shutil.which("geckodriver") or str(Path.home() / ".cargo/bin/geckodriver")
TIMEOUT = 60

BROKEN = "brand,owner_company,symbol\nAcme Soap,Acme Corp,\nBolt Cola,,\nCrisp Chips,Crisp Foods,MOON:CRSP\n"
SHEET = "brand,owner_company,category,reason\nAcme Soap,Acme Corp,cleaning,Tested on animals.\nBolt Cola,Bolt Beverages,drinks,Sold through the boycott.\n"
ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#1e3a8a"/></svg>'
META = {"meta-id": "fair-list", "meta-title": "Fair list", "meta-publisher": "Fair Shopper",
        "meta-license": "CC0-1.0", "meta-version": "2"}
AS_OF = "2026-03-04"
BRAND = {"name": "Fair Shopper FF", "version": "1.4.0", "update-url": "https://lists.example.org/fair.json"}
COLOR = "#1e3a8a"


class StudioInFirefox(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not try to download drivers
        if not CLI.exists():
            subprocess.run(["cargo", "build", "--quiet", "--features", "cli", "--bin", "backstory"], cwd=ROOT, check=True)
        cls.dir = Path(tempfile.mkdtemp(prefix="backstory-studio-ff-"))
        cls.downloads = cls.dir / "downloads"
        cls.downloads.mkdir()
        options = Options()
        options.binary_location = FIREFOX
        options.add_argument("-headless")
        # Downloads land in cls.downloads without a dialog.
        options.set_preference("browser.download.folderList", 2)
        options.set_preference("browser.download.dir", str(cls.downloads))
        options.set_preference("browser.download.useDownloadDir", True)
        options.set_preference("browser.download.always_ask_before_handling_new_types", False)
        options.set_preference("browser.helperApps.neverAsk.saveToDisk", "application/zip,application/json,text/plain")
        cls.driver = webdriver.Firefox(options=options, service=Service(GECKODRIVER))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def status(self, element_id, text):
        """Waits until the status line `element_id` says `text`, and returns it."""
        WebDriverWait(self.driver, TIMEOUT).until(lambda d: text in d.find_element(By.ID, element_id).text)
        return self.driver.find_element(By.ID, element_id).text

    def fill(self, element_id, value):
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(value)

    def set_value(self, element_id, value):
        """Date and colour inputs take a value, not keystrokes, in every locale."""
        self.driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)

    def download(self, name):
        """Clicks the link that downloads `name` and returns the file's bytes."""
        self.driver.find_element(By.LINK_TEXT, f"Download {name}").click()
        path = self.downloads / name
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if path.exists() and not (self.downloads / f"{name}.part").exists() and path.stat().st_size > 0:
                return path.read_bytes()
            time.sleep(0.2)
        self.fail(f"{name} was not downloaded: {sorted(p.name for p in self.downloads.iterdir())}")

    def test_from_a_spreadsheet_to_zips_pack_rebuilds_byte_for_byte(self):
        d = self.driver
        for name, text in (("broken.csv", BROKEN), ("sheet.csv", SHEET), ("icon.svg", ICON)):
            (self.dir / name).write_text(text)
        d.get(STUDIO.as_uri())
        self.status("loading", "Ready.")

        d.find_element(By.ID, "sheet-file").send_keys(str(self.dir / "broken.csv"))
        for element_id, value in META.items():
            self.fill(element_id, value)
        self.set_value("meta-as-of", AS_OF)
        d.find_element(By.ID, "check").click()
        self.status("sheet-status", "Fix the errors")
        cells = d.execute_script(
            "return [...document.querySelectorAll('#issues tbody tr.error')].map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])")
        self.assertEqual(cells, [["3", "2"], ["4", "3"]])

        d.find_element(By.ID, "sheet-file").send_keys(str(self.dir / "sheet.csv"))
        d.find_element(By.ID, "check").click()
        self.status("sheet-status", "Ready to build: 2 companies, 2 brands; 0 error(s)")

        self.fill("preview-text", "Acme Soap is on sale.")
        d.find_element(By.ID, "preview").click()
        self.status("preview-status", "name(s) found")
        first = d.execute_script("return [...document.querySelector('#candidates tbody tr').cells].map((c) => c.textContent)")
        self.assertEqual(first[:3], ["Acme Soap", "Acme Corp", "flag"])

        for element_id, value in BRAND.items():
            self.fill(element_id, value)
        self.set_value("color", COLOR)
        d.find_element(By.ID, "icon").send_keys(str(self.dir / "icon.svg"))
        self.fill("new-password", "correct horse battery")
        self.fill("new-password-2", "correct horse battery")
        d.find_element(By.ID, "keygen").click()
        self.status("key-status", "New key pair")
        secret = self.download("backstory.key")
        public = self.download("backstory.pub")
        self.assertEqual(base64.b64decode(secret.decode().split("\n")[1])[:4], b"EdSc", "encrypted with scrypt")

        d.find_element(By.ID, "build").click()
        self.status("build-status", "Built.")
        listed = self.download("fair.json")
        self.download("fair.json.minisig")
        zips = {b: self.download(f"fair-shopper-ff-{b}.zip") for b in ("chromium", "firefox")}

        (self.dir / "backstory.pub").write_bytes(public)
        cli_list = self.dir / "cli.json"
        subprocess.run([str(CLI), "import", "--from", "csv", str(self.dir / "sheet.csv"), "-o", str(cli_list), "--id", "fair-list",
                        "--title", "Fair list", "--publisher", "Fair Shopper", "--license", "CC0-1.0", "--as-of", AS_OF,
                        "--version", "2"], check=True, capture_output=True)
        self.assertEqual(cli_list.read_bytes(), listed)
        out = self.dir / "out"
        subprocess.run([str(CLI), "pack", "--dataset", str(cli_list), "--name", BRAND["name"], "--color", COLOR, "--icon",
                        str(self.dir / "icon.svg"), "--version", BRAND["version"], "--update-url", BRAND["update-url"],
                        "--public-key", str(self.dir / "backstory.pub"), "--extension", str(ROOT / "dist" / "chromium"),
                        "-o", str(out)], check=True, capture_output=True)
        for browser, data in zips.items():
            self.assertEqual((out / f"fair-shopper-ff-{browser}.zip").read_bytes(), data, browser)
        verified = subprocess.run([str(CLI), "verify", "--public-key", str(self.dir / "backstory.pub"),
                                   "--signature", str(self.downloads / "fair.json.minisig"), str(self.downloads / "fair.json")],
                                  capture_output=True, text=True)
        self.assertEqual(verified.returncode, 0, verified.stdout + verified.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
