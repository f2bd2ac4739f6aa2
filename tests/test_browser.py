"""The user's paths in a real browser: headless Chromium (Debian's chromium and chromium-driver, which
.ci/run installs) driven by Selenium against `provenance serve` on the checked seed, and the static
report opened from a file. With PROVENANCE_SCREENSHOTS set to a folder (the README's pictures are in
docs/images), the article page and the queue are saved there as PNG files.
"""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote
from pathlib import Path

import pytest
from click.testing import CliRunner

from pages import assert_highlights_match
from provenance import storage
from provenance.cli import cli

webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("datasette")
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [pytest.mark.model, pytest.mark.browser,
              pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                                 reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")]
ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90
# The DOM's highlights, as tests/pages.py reads them from HTML.
HIGHLIGHTS_JS = ("return [...document.querySelectorAll('a.pv-m')].map(a => [a.className.split(' '), "
                 "a.getAttribute('href'), +a.dataset.start, +a.dataset.end, a.textContent]);")


def invoke(args):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="provenance")


@pytest.fixture(scope="module")
def seed_db(cached_model, seed_path, tmp_path_factory):
    """The seed checked from the project folder, so its stored path (shown on the page) is seeds/..."""
    db_path = tmp_path_factory.mktemp("browser") / "seed.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        assert invoke(["check", seed_path.relative_to(ROOT), "--db", db_path]).exit_code == 0
    return db_path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_db):
    """`provenance serve --root` on the seed database: (base URL, sign-in URL); stopped at the end."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", "from provenance.cli import cli; cli()", "serve",
                                str(seed_db), "--port", str(port), "--root"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        sign_in = lines[1].split(": ", 1)[1].strip()
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/-/provenance")
        yield base, sign_in
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url):
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def chromium(scripts=True):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    if not scripts:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    return driver


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(cached_model, seed_path, tmp_path_factory):
    """The static report of the seed, written to a file, and the JSON output of the same check."""
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(invoke(["check", seed_path, "--no-db", "--format", "html"]).output, encoding="utf-8")
    analysis, = json.loads(invoke(["check", seed_path, "--no-db", "--format", "json"]).output)
    return path, analysis


def screenshot(driver, name, tmp_path):
    folder = Path(os.environ.get("PROVENANCE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(folder / name))


def stored(db_path):
    db = storage.open_db(db_path)
    try:
        article_id = storage.article_summaries(db)[0]["id"]
        return storage.stored_analysis(db, article_id), storage.flagged_claims(db)
    finally:
        db.conn.close()


def test_a_click_on_a_quotation_shows_its_source_and_focus_moves_the_details(server, browser, seed_db, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, _ = server
    analysis, _ = stored(seed_db)
    quotation = next(a for a in analysis.attributions if a.kind == "direct")
    browser.get(f"{base}/-/provenance/seed/articles/{quote(analysis.article.id, safe='')}")
    card = browser.find_element(By.ID, f"a-{quotation.id}")
    assert not card.is_displayed()
    browser.find_element(By.CSS_SELECTOR, f'a.pv-m.content[href="#a-{quotation.id}"]').click()
    assert card.is_displayed()
    assert f"Source\n{quotation.speaker.name}\nType\n{quotation.speaker.type}" in card.text
    screenshot(browser, "article-page.png", tmp_path)
    browser.switch_to.active_element.send_keys(Keys.TAB)  # keyboard focus on the next highlight
    focused = browser.switch_to.active_element.get_attribute("href").rsplit("#", 1)[1]
    assert browser.find_element(By.ID, focused).is_displayed()
    assert not card.is_displayed() or focused == f"a-{quotation.id}"


def test_a_verdict_submitted_in_the_queue_lands_in_the_database(server, browser, seed_db, tmp_path):
    from selenium.webdriver.common.by import By

    base, sign_in = server
    _, flagged = stored(seed_db)
    browser.get(sign_in)
    browser.get(f"{base}/-/provenance/seed/queue")
    item = browser.find_element(By.ID, f"claim-{flagged[0]['id']}")
    screenshot(browser, "review-queue.png", tmp_path)
    item.find_element(By.CSS_SELECTOR, 'input[value="needs-source"]').click()
    item.find_element(By.NAME, "note").send_keys("who counted?")
    item.find_element(By.CSS_SELECTOR, 'input[type="submit"]').click()
    assert f"{flagged[0]['id']}: needs-source by root" in browser.find_element(By.CLASS_NAME, "message-info").text
    with sqlite3.connect(seed_db) as conn:
        rows = conn.execute("SELECT claim_id, verdict, note, reviewer FROM reviews").fetchall()
    conn.close()
    assert rows == [(flagged[0]["id"], "needs-source", "who counted?", "root")]


def test_the_static_report_renders_offline_with_the_json_offsets(report, seed_path, browser):
    from selenium.webdriver.common.by import By

    path, analysis = report
    browser.get(path.as_uri())
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    found = [(set(classes), href, start, end, text) for classes, href, start, end, text
             in browser.execute_script(HIGHLIGHTS_JS)]
    assert_highlights_match(found, seed_path.read_text(encoding="utf-8"), analysis["attributions"], prefix="1-")
    quotation = next(a for a in analysis["attributions"] if a["kind"] == "direct")
    link = browser.find_element(By.CSS_SELECTOR, f'a.pv-m.content[href="#1-a-{quotation["id"]}"]')
    assert link.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    link.click()
    assert quotation["speaker"]["name"] in browser.find_element(By.ID, f"1-a-{quotation['id']}").text


def test_without_scripts_a_click_shows_the_details_by_css_alone(report):
    from selenium.webdriver.common.by import By

    path, analysis = report
    driver = chromium(scripts=False)
    try:
        driver.get(path.as_uri())
        assert driver.find_element(By.CLASS_NAME, "pv-page").get_attribute("class") == "pv-page"  # no script ran
        quotation = next(a for a in analysis["attributions"] if a["kind"] == "direct")
        card = driver.find_element(By.ID, f"1-a-{quotation['id']}")
        assert not card.is_displayed()
        driver.find_element(By.CSS_SELECTOR, f'a.pv-m.content[href="#1-a-{quotation["id"]}"]').click()
        assert card.is_displayed() and quotation["speaker"]["name"] in card.text
    finally:
        driver.quit()
