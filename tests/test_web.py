"""The reading room's pages through the ASGI app: content, links, state in the URL, safety."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from centralfiles.web import create_app


@pytest.fixture(scope="module")
def client(reading_room_db: Path) -> TestClient:
    with TestClient(create_app(reading_room_db)) as opened:
        yield opened


def tree(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text[:500]
    return lxml_html.fromstring(response.text)


def test_home_shows_volumes_counts_dates_and_a_search_box(client: TestClient) -> None:
    page = tree(client.get("/"))
    rows = page.xpath("//table[@class='volumes']//tr[td]")
    assert any(
        "frus1964-68v13" in row.text_content() and "33" in row.text_content() for row in rows
    )
    assert "1968-04" in page.text_content()
    assert page.xpath("//form[@role='search']//input[@name='q']")


def test_search_page_has_hits_facets_histogram_and_pagination(client: TestClient) -> None:
    page = tree(client.get("/search", params={"q": "NATO"}))
    assert page.xpath("//ol[@class='hits']/li")
    assert "documents match" in page.xpath("string(//p[@class='summary'])")
    facet_links = page.xpath("//aside[@class='facets']//a/@href")
    secret = next(href for href in facet_links if "classification" in href and "Secret" in href)
    query = parse_qs(urlparse(secret).query)["q"][0]
    assert query == "NATO classification:Secret"
    bars = page.xpath("//*[local-name()='svg']//*[local-name()='a']/@href")
    assert bars and all("date%3A1968-" in bar for bar in bars)  # by month: under three years
    assert page.xpath("//nav[@class='pagination']//a[@rel='next']")
    refined = tree(client.get(secret))
    chips = refined.xpath("//ul[@class='chips']//a")
    assert [chip.text_content().split()[0] for chip in chips] == ["classification:Secret"]
    removed = parse_qs(urlparse(chips[0].get("href")).query)["q"][0]
    assert removed == "NATO"


def test_search_page_sorts_by_date_and_reports_a_bad_query(client: TestClient) -> None:
    page = tree(client.get("/search", params={"q": "NATO", "sort": "date"}))
    dates = page.xpath("//ol[@class='hits']//span[@class='date']/text()")
    dated = [d for d in dates if d != "undated"]
    assert dated == sorted(dated)
    bad = client.get("/search", params={"q": "titel:x"})
    assert bad.status_code == 400 and "did you mean title:" in bad.text


def test_document_page_has_the_apparatus(client: TestClient) -> None:
    page = tree(client.get("/documents/frus1964-68v13/d331"))
    text = page.text_content()
    assert "European caucus in NATO" in text
    assert "Brussels, October 5, 1968" in text
    chips = page.xpath("//aside[@class='metadata']//li/text()")
    assert "Secret" in chips
    assert "DEF 12 NATO" in text
    popover = page.xpath("//div[@id='pop-fn2'][@popover]")
    assert popover and "Dated October 5" in popover[0].text_content()
    assert page.xpath("//button[@popovertarget='pop-fn2']")
    assert page.xpath("//li[@id='fn2']")
    official = page.xpath("//p[@class='official']/a/@href")
    assert official == ["https://history.state.gov/historicaldocuments/frus1964-68v13/d331"]
    assert page.xpath("//nav[@class='prev-next']/a[@rel='prev']/@href") == [
        "/documents/frus1964-68v13/d330"
    ]
    assert page.xpath("//meta[@name='citation_title']/@content")
    assert page.xpath("//meta[@name='citation_editor']/@content") == [
        "Charles S. Sampson",
        "Glenn W. LaFantasie",
    ]
    assert "Document 331" in page.xpath("string(//blockquote[@id='cite-hsg'])")
    downloads = page.xpath("//p[@class='downloads']/a/@href")
    assert any("style=bibtex" in href for href in downloads)


def test_internal_references_are_links(client: TestClient) -> None:
    page = tree(client.get("/documents/frus1964-68v13/d332"))
    links = page.xpath("//li[@id='fn3']//a[@class='ref']/@href")
    assert links == ["/documents/frus1964-68v13/d331#fn3"]


def test_text_document_links_to_its_counterpart(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": 'volume:text "Strengthening NATO"'}).json()
    text_id = found["hits"][0]["id"]
    page = tree(client.get(f"/documents/{text_id}"))
    assert page.xpath("//a[@href='/documents/frus1964-68v13/d322']")
    published = tree(client.get("/documents/frus1964-68v13/d322"))
    assert published.xpath(f"//a[@href='/documents/{text_id}']")


def test_volume_page_lists_the_chapter_tree(client: TestClient) -> None:
    page = tree(client.get("/volumes/frus1964-68v13"))
    assert page.xpath("//a[@href='/documents/frus1964-68v13/d300']")
    assert "Charles S. Sampson" in page.text_content()


def test_unknown_pages_are_html_errors_not_traces(client: TestClient) -> None:
    for url in (
        "/documents/frus1964-68v13/d999",
        "/volumes/nope",
        "/nowhere",
        "/documents/a/..%2F..",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"].startswith("text/html")
        assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "url",
    ["/", "/search?q=NATO", "/documents/frus1964-68v13/d331", "/api/stats", "/static/style.css"],
)
def test_security_headers_on_every_response(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def assert_inert(page_html: str) -> None:
    parsed = lxml_html.fromstring(page_html)
    scripts = parsed.xpath("//script")
    assert all(s.get("src") == "/static/reader.js" and not (s.text or "").strip() for s in scripts)
    assert not parsed.xpath("//img")
    for element in parsed.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on"), (element.tag, name)
            if name in ("href", "src", "action"):
                assert not value.strip().lower().startswith("javascript:"), value
    assert "<script>alert" not in page_html


def test_hostile_document_renders_inert(client: TestClient) -> None:
    response = client.get("/documents/frus-hostile/d331")
    assert response.status_code == 200
    assert_inert(response.text)
    assert "&lt;script&gt;alert" in response.text  # shown as text, not run


def test_hostile_query_is_echoed_inert(client: TestClient) -> None:
    for query in [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
    ]:
        response = client.get("/search", params={"q": query})
        assert response.status_code in (200, 400)
        assert_inert(response.text)
    response = client.get("/search", params={"q": "European caucus"})
    assert_inert(response.text)
    assert re.search(r"frus-hostile/d331", response.text)


def test_document_page_shows_a_papers_number_a_channel_alias_and_repeats(tmp_path: Path) -> None:
    from centralfiles import Archive

    data = Path(__file__).parent / "data" / "links"
    with Archive(tmp_path / "a.db") as archive:
        paths = [data / "fresh11" / "frus1925v02.xml", data / "fresh8" / "frus1949v07p1.xml"]
        assert not archive.ingest(paths).failed
    with TestClient(create_app(tmp_path / "a.db")) as opened:
        text = tree(opened.get("/documents/frus1925v02/d179")).text_content()
        assert "Instruction number" in text and "No. 631" in text  # "No. 631" opener
        text = tree(opened.get("/documents/frus1949v07p1/d221")).text_content()
        assert "Also sent as" in text and "Gocus 624" in text  # "246. Gocus 624."
        # "Repeated in telegram 209, March 11, 8 p. m., to The Hague, and as 287 to Brussels"
        assert (
            "Repeated as209 to The Hague, 1949-03-11 (by the Department of State); 287 to "
            "Brussels (by the Department of State)" in text
        )
