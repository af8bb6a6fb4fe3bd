"""The reading room in a real browser: Debian's chromium driven by Playwright, against a real
``centralfiles serve`` on 127.0.0.1 (no browser is ever downloaded).

A reader's path: search "force levels", filter by Secret, open d331, open footnote 2 with the
keyboard, follow d332's footnote 3 to d331, copy the citation, download BibTeX and parse it;
an axe-core audit of the home, search and document pages; screenshots at desktop and phone
width into ``$CENTRALFILES_SCREENSHOTS`` (default: a folder in the system temp dir).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import httpx
import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("CENTRALFILES_CHROMIUM") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(
    os.environ.get("CENTRALFILES_SCREENSHOTS", Path(tempfile.gettempdir()) / "centralfiles-shots")
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(reading_room_db: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "centralfiles",
            "serve",
            "--db",
            str(reading_room_db),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {process.stderr.read()}")  # type: ignore[union-attr]
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=server, accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    yield opened
    context.close()
    assert errors == [], errors  # no script errors, no CSP violations


def test_a_reader_searches_filters_reads_follows_and_cites(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_label("Search the documents").fill('"force levels"')
    page.get_by_label("Search the documents").press("Enter")
    page.wait_for_url("**/search?q=*")
    assert "documents match" in page.locator("p.summary").inner_text()
    page.locator("aside.facets a", has_text="Secret").first.click()
    page.wait_for_url("**classification*")
    assert page.locator("ul.chips a").first.inner_text().startswith("classification:Secret")
    page.goto("/documents/frus1964-68v13/d331")
    assert "European caucus in NATO" in page.locator("div.body").inner_text()

    marker = page.locator("button[popovertarget='pop-fn2']")
    marker.focus()
    page.keyboard.press("Enter")
    popover = page.locator("#pop-fn2")
    popover.wait_for(state="visible")
    assert "Dated October 5" in popover.inner_text()
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")

    page.goto("/documents/frus1964-68v13/d332")
    page.locator("li#fn3 a.ref").click()
    page.wait_for_url("**/documents/frus1964-68v13/d331#fn3")
    assert page.locator("li#fn3").is_visible()

    page.locator("button.copy[data-copy='cite-hsg']").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Foreign Relations of the United States, 1964–1968, Volume XIII")
    assert copied.endswith("/historicaldocuments/frus1964-68v13/d331")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="BibTeX").click()
    saved = tmp_path / "cite.bib"
    download_info.value.save_as(saved)
    [entry] = bibtexparser.parse_string(saved.read_text(encoding="utf-8")).entries
    assert entry.key == "frus1964-68v13-d331"


def test_a_reader_follows_a_drafter_to_his_person_page(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/documents/frus1964-68v13/d322")
    people = page.get_by_role("region", name="People")
    people.get_by_role("link", name="Myerson, Jacob M.").first.click()  # the drafter
    page.wait_for_url("**/people/109604")
    assert page.get_by_role("heading", level=1).inner_text() == "Myerson, Jacob M."
    assert page.get_by_role("link", name="frus1964-68v13").count() >= 1  # the stored volume
    page.goto("/people?q=De+Staercke")  # one match: straight to the person
    page.wait_for_url("**/people/103414")
    page.locator('a[href^="/documents/frus1964-68v13/"]').first.click()  # a document naming him
    page.wait_for_url("**/documents/frus1964-68v13/d3*")
    page.goto("/people?q=Cleveland")  # several: the candidates
    assert page.get_by_role("link", name="Cleveland, Harlan").count() == 1


def test_pages_work_with_javascript_off(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/search?q=NATO")
    page.locator("aside.facets a", has_text="Secret").first.click()
    assert "classification:Secret" in page.url.replace("%3A", ":")
    page.goto("/documents/frus1964-68v13/d331")
    page.locator("button[popovertarget='pop-fn2']").click()
    assert page.locator("#pop-fn2").is_visible()  # the popover needs no script
    assert page.locator("button.copy").first.is_hidden()  # nothing that cannot work
    context.close()


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=%22force+levels%22", "/documents/frus1964-68v13/d331", "/people/103414"],
)
def test_accessibility_audit_finds_nothing_serious(page, path: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    page.goto(path)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize(("width", "name"), [(1280, "desktop"), (390, "phone")])
def test_screenshots_for_review(browser, server: str, width: int, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=server, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    for slug, path in [
        ("home", "/"),
        ("search", "/search?q=%22force+levels%22"),
        ("document", "/documents/frus1964-68v13/d331"),
        ("volume", "/volumes/frus1964-68v13"),
    ]:
        page.goto(path)
        page.screenshot(path=str(SHOTS / f"{slug}-{name}.png"), full_page=True)
        width_used = page.evaluate("document.documentElement.scrollWidth")
        assert width_used <= width + 1, f"{slug} scrolls sideways at {width}px"
    context.close()


def test_concurrent_readers_all_get_answers(server: str) -> None:
    """Many readers at once, through the real server's worker threads (each thread must use
    its own store connection): every response is a 200."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [
        "/search?q=NATO",
        "/documents/frus1964-68v13/d331",
        "/api/search?q=Brosio",
        "/api/documents/frus1964-68v13/d322/citation?style=chicago",
        "/volumes/frus1964-68v13",
    ]

    def read(index: int) -> int:
        with httpx.Client(base_url=server, timeout=30) as client:
            return max(client.get(paths[(index + k) % len(paths)]).status_code for k in range(8))

    with ThreadPoolExecutor(24) as pool:
        statuses = list(pool.map(read, range(48)))
    assert set(statuses) == {200}
