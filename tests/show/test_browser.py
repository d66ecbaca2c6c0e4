"""Real-browser tests: headless Chromium opens the picture and the report offline.

Needs Debian's ``chromium`` and ``chromium-driver`` packages (``.ci/run``
installs them). Without them the tests are skipped, unless
``REFGRAPH_REQUIRE_BROWSER=1`` is set, when they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from toys import make_network

from refgraph.show import page as picture_page
from refgraph.show import picture as viz
from refgraph.show import report

pytestmark = pytest.mark.slow  # a headless browser per test

EVIL_IMG = "<img src=x onerror=\"document.title='pwned'\">"
EVIL_SCRIPT = "</script><script>window.pwned=1</script>"
EVIL_SVG = "<svg onload=\"window.pwned=2\">"
LOCAL_SCHEMES = {"file", "data", "about", "blob", "chrome", "devtools", "chrome-extension"}


def _find(names: tuple[str, ...], fallback: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return fallback if Path(fallback).exists() else None


def _unavailable(reason: str):
    if os.environ.get("REFGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"REFGRAPH_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed")
    binary = _find(("chromium", "chromium-browser"), "/usr/bin/chromium")
    driver_path = _find(("chromedriver",), "/usr/bin/chromedriver")
    if binary is None or driver_path is None:
        _unavailable("chromium and chromium-driver are not installed")

    profile = tempfile.mkdtemp(prefix="refgraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary  # with both paths given, Selenium Manager never runs
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-extensions",
                 "--disable-dev-shm-usage", "--window-size=1280,900",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_offline(driver, path: Path) -> None:
    """Open a local file with the network switched off, after clearing the logs."""
    driver.get_log("browser")
    driver.get_log("performance")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    driver.get(path.resolve().as_uri())


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def assert_nothing_external(driver) -> None:
    external = [u for u in requested_urls(driver) if urlparse(u).scheme not in LOCAL_SCHEMES]
    assert external == []


def assert_no_console_errors(driver) -> None:
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def wait_for(driver, script: str, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def evil_network():
    contacts = [
        {"id": "me", "name": "Me", "profession": "consultant"},
        {"id": "x1", "name": EVIL_IMG, "profession": EVIL_SVG},
        {"id": "x2", "name": EVIL_SCRIPT, "profession": "accountant"},
        {"id": "x3", "name": 'Linker <a href="https://example.com">x</a>',
         "profession": "href"},
    ]
    interactions = [
        ("2024-01-05", "me", "x1", "one_to_one"),
        ("2024-02-06", "x1", "me", "referral"),
        ("2024-02-07", "me", "x2", "one_to_one"),
        ("2024-02-08", "x2", "me", "business", 900),
        ("2024-02-09", "me", "x3", "call"),
        ("2024-02-10", "x3", "x1", "introduction"),
    ]
    return make_network(contacts, interactions)


def node_position(driver, node_id: str) -> tuple[float, float]:
    return tuple(driver.execute_script(
        "var p = window.refgraphPicture.network;"
        "var c = p.getPositions([arguments[0]])[arguments[0]];"
        "var d = p.canvasToDOM(c); return [d.x, d.y];", node_id))


def test_picture_renders_offline_and_data_stays_text(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    path = picture_page.write_html(evil_network(), tmp_path / "picture.html")
    open_offline(browser, path)
    wait_for(browser, "return window.refgraphPicture && "
                      "document.querySelectorAll('#picture canvas').length === 1")

    assert browser.title == "Referral network of Me"
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.execute_script("return document.images.length") == 0
    labels = browser.execute_script(
        "return window.refgraphPicture.nodes.get().map(function (n) { return n.label; })")
    assert EVIL_IMG in labels and EVIL_SCRIPT in labels

    # Hovering shows the name as plain text in vis-network's tooltip.
    canvas = browser.find_element(By.CSS_SELECTOR, "#picture canvas")
    x, y = node_position(browser, "x1")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)).perform()
    wait_for(browser, "var t = document.querySelector('div.vis-tooltip');"
                      "return t && t.style.visibility === 'visible' && t.innerText.length > 0")
    text, tags = browser.execute_script(
        "var t = document.querySelector('div.vis-tooltip');"
        "return [t.innerText, Array.from(t.querySelectorAll('*')).map("
        "function (e) { return e.tagName; })];")
    assert text.startswith(EVIL_IMG)
    assert set(tags) <= {"BR"}  # innerText turns line breaks into <br>, and nothing else
    assert browser.execute_script("return document.images.length") == 0
    assert browser.title == "Referral network of Me"
    assert browser.execute_script("return typeof window.pwned") == "undefined"

    assert_nothing_external(browser)
    assert_no_console_errors(browser)


def test_large_sample_picture_renders(browser, tmp_path, consultant):
    path = picture_page.write_html(consultant, tmp_path / "consultant.html")
    open_offline(browser, path)
    count = wait_for(browser, "return window.refgraphPicture && "
                              "window.refgraphPicture.nodes.length")
    assert count == viz.build_picture(consultant).shown_nodes
    assert browser.execute_script("return document.querySelectorAll('p.note').length") >= 1
    assert_nothing_external(browser)
    assert_no_console_errors(browser)


def test_report_renders_offline_with_its_picture(browser, tmp_path):
    from selenium.webdriver.common.by import By

    path = report.write_report(evil_network(), "2024-02", tmp_path / "report.html")
    open_offline(browser, path)
    wait_for(browser, "return document.readyState === 'complete'")
    assert browser.title == "Monthly report 2024-02 – Me"
    text = browser.find_element(By.TAG_NAME, "body").text
    assert EVIL_SCRIPT in text  # the name is shown, as text
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    # Every chart is an image that decoded; no image came from the data.
    images = browser.execute_script(
        "return Array.from(document.images).map(function (i) {"
        " return [i.src.slice(0, 26), i.complete && i.naturalWidth > 0]; })")
    assert images and all(src == "data:image/svg+xml;base64," and ok for src, ok in images)

    frame = browser.find_element(By.CSS_SELECTOR, "section#picture iframe")
    browser.switch_to.frame(frame)
    try:
        wait_for(browser, "return window.refgraphPicture && "
                          "document.querySelectorAll('#picture canvas').length === 1")
        assert browser.execute_script("return typeof window.pwned") == "undefined"
    finally:
        browser.switch_to.default_content()
    assert_nothing_external(browser)
    assert_no_console_errors(browser)


def test_report_fits_a_phone_screen(browser, tmp_path):
    path = report.write_report(evil_network(), "2024-02", tmp_path / "phone.html")
    browser.set_window_size(390, 844)
    try:
        open_offline(browser, path)
        wait_for(browser, "return document.readyState === 'complete'")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
    finally:
        browser.set_window_size(1280, 900)
    assert_no_console_errors(browser)
