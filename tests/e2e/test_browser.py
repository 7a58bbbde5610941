"""The reading room in a real browser: Debian's Chromium driven by Playwright against `fonds serve`.

A fresh home is filled with the demo samples by `fonds import`, then `fonds serve` (gunicorn, two
workers) answers on a free port. The test searches from the home page, narrows by a facet, opens a
document, and checks the phone layout without JavaScript. Screenshots land in test-artifacts/
(gitignored) at 1280 px and at a 390 px phone width.

Never run `playwright install`: the browser is /usr/bin/chromium (apt's package).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from servers import free_port, stop, wait_until_answering

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUERY = "embassy"  # a word several demo samples of different types share


def _fonds(home: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("FONDS_DATABASE_URL", None)
    return subprocess.Popen([sys.executable, "-m", "fonds", "--home", str(home), *args], env=env, **kwargs)


@pytest.fixture(scope="module")
def server(tmp_path_factory, request):
    """A running `fonds serve` over the demo samples; its base URL. Stopped with its process group."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run the browser tests")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    from fonds.demo import SAMPLES_DIR

    home = tmp_path_factory.mktemp("fonds-home")
    log_path = home / "serve.log"
    with open(home / "import.log", "wb") as log:
        imported = _fonds(home, "import", str(SAMPLES_DIR), stdout=log, stderr=subprocess.STDOUT)
        assert imported.wait(timeout=180) == 0, (home / "import.log").read_text()

    port = free_port()
    log = open(log_path, "wb")
    proc = _fonds(
        home, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )

    def finish() -> None:
        stop(proc)
        log.close()

    request.addfinalizer(finish)
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base + "/search?format=json", proc, lambda r: json.load(r)["total"] > 0, log_path.read_text)
    return base


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


def _count(page) -> int:
    text = page.locator(".result-count").inner_text()
    match = re.match(r"([\d,]+) documents?", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_narrow_and_read_at_desktop_width(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(server + "/")
        assert page.locator("h1").count() == 1
        _shot(page, "home-1280")

        # The skip link is the first stop for the keyboard, and it shows when focused.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        assert page.locator(".skip-link").bounding_box()["y"] >= 0

        # Search from the home page's box.
        page.get_by_label("Search the documents").fill(QUERY)
        page.get_by_label("Search the documents").press("Enter")
        page.wait_for_url(re.compile(r"/search\?q=" + QUERY))
        total = _count(page)
        assert total > 1
        assert page.locator("li.hit").count() == min(total, 20)
        assert page.locator("li.hit mark").count() > 0
        _shot(page, "search-1280")

        # Narrow by a type: the count becomes that value's count.
        values = page.locator('section[aria-labelledby="facet-type"] a.facet__value')
        assert values.count() >= 2, "the query should find documents of several types"
        first = values.first
        label = first.locator(".facet__label").inner_text()
        expected = int(first.locator(".count").inner_text().split()[0].replace(",", ""))
        assert expected < total
        first.click()
        page.wait_for_load_state()
        assert _count(page) == expected
        selected = page.locator('section[aria-labelledby="facet-type"] a[aria-current="true"]')
        assert selected.locator(".facet__label").inner_text() == label
        assert label in page.locator(".active-filters").inner_text()
        _shot(page, "search-narrowed-1280")

        # Open a result: the document page, laid out like the WCDA page.
        hit = page.locator("li.hit h3 a").first
        title = hit.inner_text()
        hit.click()
        page.wait_for_url(re.compile(r"/documents/"))
        assert page.locator("h1").inner_text() == title
        info = page.locator("section.document__info")
        assert info.locator("h2").inner_text().lower() == "document information"
        labels = info.locator("dt").all_inner_texts()
        assert "Record ID" in labels and "Source" in labels and "Type" in labels
        assert info.locator("dt", has_text="Type").locator("xpath=following-sibling::dd[1]").inner_text() == label
        # Reading measure: the text column stays near 68 characters.
        width = page.locator(".document__text").bounding_box()["width"]
        assert 480 < width < 800
        # The formatted citations are put in place after the page has loaded.
        cite = page.locator(".document__cite .citations[data-loaded] figure.citation")
        cite.first.wait_for()
        assert cite.locator("figcaption").all_inner_texts()[2:] == ["MLA (9th ed.)", "APA (7th ed.)"]
        assert title.lower() in cite.first.locator(".cite-text").inner_text().lower()  # Chicago title-cases
        _shot(page, "document-1280")

        page.goto(server + "/browse/dates")
        assert page.locator(".bar").count() > 3
        _shot(page, "browse-dates-1280")
        page.goto(server + "/documents/999999999/missing")
        assert page.locator("h1").inner_text() == "Not found"
        _shot(page, "error-404-1280")
    finally:
        context.close()


def test_phone_width_without_javascript(server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)

    def fits() -> None:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 390px"

    try:
        page.goto(server + "/")
        fits()
        _shot(page, "home-390")
        page.get_by_label("Search the documents").fill(QUERY)
        page.get_by_role("button", name="Search").first.click()
        page.wait_for_url(re.compile(r"/search\?"))
        total = _count(page)
        assert total > 1
        fits()
        # Facets come after the results on a phone, with a link down to them.
        results_y = page.locator("ol.hits").bounding_box()["y"]
        facets_y = page.locator("aside.facets").bounding_box()["y"]
        assert facets_y > results_y
        assert page.locator(".refine-jump a").is_visible()
        _shot(page, "search-390")

        page.locator('section[aria-labelledby="facet-type"] a.facet__value').first.click()
        page.wait_for_load_state()
        assert _count(page) < total

        page.fill("#date-from", "1950")
        page.fill("#date-to", "1969")
        page.locator("#date-to").press("Enter")
        page.wait_for_url(re.compile(r"from=1950"))
        assert "to=1969" in page.url and "type=" in page.url  # the facet survives a new query
        assert page.locator(".clear-dates").is_visible()
        fits()

        page.goto(server + "/search?q=" + QUERY)
        page.locator("li.hit h3 a").first.click()
        page.wait_for_url(re.compile(r"/documents/"))
        fits()
        assert page.locator("section.document__info dl").is_visible()
        # Without JavaScript the formatted citations are one link away, on a page of their own.
        page.locator(".citations__link a").click()
        page.wait_for_url(re.compile(r"/citations$"))
        assert page.locator("figure.citation").count() == 4
        fits()
        _shot(page, "citations-390")
        page.go_back()
        _shot(page, "document-390")

        page.goto(server + "/browse/dates")
        fits()
        _shot(page, "browse-dates-390")
    finally:
        context.close()
