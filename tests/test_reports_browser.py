"""The HTML report in a real browser: headless Chromium at a desktop and a phone width.

For the sample lecture (checked offline through the CLI) and for a result with every finding
code, at 1366 px and 390 px: nothing runs off the side of the page, the "To fix" list starts in
the first screen, every in-page link (``#note-N``) has its target, nothing is written to the
console and nothing is fetched. Skipped, with the reason, where no Chromium or Chrome is
installed (``.ci/run`` installs Debian's ``chromium`` when it can).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reports import html
from sourcecheck.cli import cli
from tests.browser import Browser, find_chromium
from tests.report_factories import SAMPLE, every_code_result
from tests.shared import REASON as SHARED_REASON

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None,
                       reason="no Chromium or Chrome installed (apt-get install chromium; .ci/run tries)"),
]

#: (width, height) in CSS pixels: a common laptop and a common phone.
SIZES = [pytest.param((1366, 768), id="desktop-1366"), pytest.param((390, 844), id="phone-390")]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with Browser.launch() as b:
        yield b


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("html")
    found = {}
    every = out / "every-code.html"
    every.write_text(html.write(every_code_result()), encoding="utf-8")
    found["every-code"] = every
    if SAMPLE.exists():
        sample = out / "lecture.html"
        done = CliRunner().invoke(cli, ["check", str(SAMPLE), "--offline", "--cache-dir", str(out / "cache"),
                                        "--format", "html", "-o", str(sample)])
        assert done.exit_code in (0, 1), done.output
        found["lecture"] = sample
    return found


def check_page(browser: Browser, path: Path, size: tuple[int, int], shots: Path | None = None) -> None:
    width, height = size
    page = browser.open(path, width, height)
    if shots is not None:
        page.screenshot(shots / f"{path.stem}-{width}.png")
    layout = page.evaluate("""(() => {
        const d = document.documentElement;
        const heading = document.getElementById('to-fix-heading');
        const first = document.querySelector('#to-fix li, #to-fix p');
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > innerWidth + 1
                         && !e.closest('.scroll'))
            .map(e => e.tagName + '.' + e.className).slice(0, 5);
        const links = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'));
        return {
            scrollWidth: d.scrollWidth, innerWidth: innerWidth, innerHeight: innerHeight,
            headingTop: heading ? heading.getBoundingClientRect().top : null,
            firstItemTop: first ? first.getBoundingClientRect().top : null,
            wide: wide,
            links: links,
            missing: links.filter(h => !document.getElementById(decodeURIComponent(h.slice(1)))),
            noteLinks: links.filter(h => /^#note-\\d+$/.test(h)).length,
        };
    })()""")
    assert layout["scrollWidth"] <= layout["innerWidth"], f"horizontal overflow: {layout}"
    assert not layout["wide"], f"elements wider than the screen: {layout['wide']}"
    assert layout["headingTop"] is not None and layout["firstItemTop"] is not None
    assert layout["firstItemTop"] < layout["innerHeight"], f"'To fix' is below the first screen: {layout}"
    assert layout["noteLinks"] > 0
    assert not layout["missing"], f"links without a target: {layout['missing']}"
    assert page.console_errors == []
    assert page.requests == []


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["every-code", "lecture"])
def test_html_report_in_chromium(browser: Browser, pages: dict[str, Path], name: str, size: tuple[int, int]) -> None:
    if name not in pages:
        pytest.skip(SHARED_REASON)
    shots = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None
    check_page(browser, pages[name], size, shots)


def test_the_check_sees_overflow_and_a_fetch(browser: Browser, tmp_path: Path) -> None:
    """The assertions above can fail: a page that is too wide and loads an image is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><meta name="viewport" content="width=device-width">'
                   '<div style="width:2000px">wide</div><img src="http://127.0.0.1:9/x.png">'
                   '<script>console.error("boom")</script>', encoding="utf-8")
    page = browser.open(bad, 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") > 390
    assert any("127.0.0.1:9" in r for r in page.requests)
    assert any("boom" in e for e in page.console_errors)
