"""The HTTP API through the ASGI app: the CLI's JSON over HTTP, and every error as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from fastapi.testclient import TestClient

from centralfiles import Archive
from centralfiles.web import create_app

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def client(reading_room_db: Path) -> TestClient:
    with TestClient(create_app(reading_room_db)) as opened:
        yield opened


@pytest.fixture(scope="module")
def text_id(reading_room_db: Path) -> str:
    with Archive(reading_room_db, mode="ro") as archive:
        return archive.search('volume:text "Strengthening NATO"').hits[0].id


def test_search_answers_the_cli_json(client: TestClient, reading_room_db: Path) -> None:
    response = client.get("/api/search", params={"q": '"force levels"', "limit": 50})
    assert response.status_code == 200
    with Archive(reading_room_db, mode="ro") as archive:
        assert response.json() == archive.search('"force levels"', limit=50).to_json()
    paged = client.get("/api/search", params={"q": "NATO", "limit": 3, "offset": 2, "sort": "date"})
    assert paged.status_code == 200 and len(paged.json()["hits"]) == 3


def test_document_is_the_json_contract_exactly(client: TestClient) -> None:
    response = client.get("/api/documents/frus1964-68v13/d331")
    assert response.status_code == 200
    golden = json.loads((GOLDEN / "show" / "frus1964-68v13_d331.json").read_text("utf-8"))
    body = response.json()
    # the golden store has no authorities; this one does, so its persons carry identities
    identities = {person["id"]: person.pop("identity") for person in body["persons"]}
    for person in golden["persons"]:
        assert person.pop("identity") is None
    assert body == golden
    assert identities["p_DSAM1"] == "103414"


def test_text_documents_work_the_same_way(client: TestClient, text_id: str) -> None:
    response = client.get(f"/api/documents/{text_id}")
    assert response.status_code == 200
    assert response.json()["id"] == text_id
    cited = client.get(f"/api/documents/{text_id}/citation", params={"style": "hsg"})
    assert cited.status_code == 200 and "Document 322" in cited.text  # its counterpart


@pytest.mark.parametrize(
    ("style", "media"),
    [
        ("hsg", "text/plain"),
        ("chicago", "text/plain"),
        ("chicago-bibliography", "text/plain"),
        ("bibtex", "application/x-bibtex"),
        ("ris", "application/x-research-info-systems"),
        ("csl-json", "application/vnd.citationstyles.csl+json"),
    ],
)
def test_citations_in_every_style(client: TestClient, style: str, media: str) -> None:
    response = client.get(
        "/api/documents/frus1964-68v13/d331/citation", params={"style": style, "download": True}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    if style == "bibtex":
        [entry] = bibtexparser.parse_string(response.text).entries
        assert "history.state.gov/historicaldocuments/frus1964-68v13/d331" in entry["url"]
    elif style == "ris":
        [entry] = rispy.loads(response.text)
        assert "frus1964-68v13/d331" in entry["urls"][0]
    elif style == "csl-json":
        [item] = json.loads(response.text)
        assert item["URL"].endswith("frus1964-68v13/d331")
    else:
        assert "Document 331" in response.text


def test_volumes_volume_stats_and_cables(client: TestClient, reading_room_db: Path) -> None:
    volumes = client.get("/api/volumes").json()
    assert {v["id"] for v in volumes} == {"frus1964-68v13", "frus-hostile", "text"}
    v13 = next(v for v in volumes if v["id"] == "frus1964-68v13")
    assert v13["document_dates"][0].startswith("1968-04")
    tree = client.get("/api/volumes/frus1964-68v13").json()
    assert tree["volume"]["id"] == "frus1964-68v13" and tree["documents"] == 33
    listed = [d["id"] for chapter in tree["chapters"] for d in chapter["documents"]]
    assert "frus1964-68v13/d331" in listed
    with Archive(reading_room_db, mode="ro") as archive:
        assert client.get("/api/stats").json() == archive.stats()
        assert client.get("/api/cables?volume=frus1964-68v13").json() == archive.cables(
            "frus1964-68v13"
        )


@pytest.mark.parametrize(
    ("url", "status", "error"),
    [
        ("/api/search?q=titel:caucus", 400, "bad query"),
        ("/api/search?q=NATO)", 400, "bad query"),
        ("/api/search?q=date:9999", 400, "bad query"),
        ("/api/search?q=NATO&limit=0", 422, "bad parameter"),
        ("/api/search?q=NATO&limit=5000", 422, "bad parameter"),
        ("/api/search?q=NATO&offset=99999999999999999999", 422, "bad parameter"),
        ("/api/search?q=NATO&sort=random", 422, "bad parameter"),
        ("/api/search?q=" + "x" * 1001, 422, "bad parameter"),
        ("/api/documents/frus1964-68v13/d999", 404, "not found"),
        ("/api/documents/frus1900v1/d1", 404, "not found"),
        ("/api/documents/..%2F..%2Fetc/passwd", 404, "not found"),
        ("/api/documents/frus1964-68v13/..", 404, "not found"),
        ("/api/documents/frus1964-68v13/d331/citation?style=bibtx", 422, "bad parameter"),
        ("/api/volumes/frus1900v1", 404, "not found"),
        ("/api/cables?volume=frus1900v1", 404, "not found"),
        ("/api/nowhere", 404, "not found"),
    ],
)
def test_errors_are_json_with_the_right_status(
    client: TestClient, url: str, status: int, error: str
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error and body["detail"]
    assert "Traceback" not in response.text


def test_a_bad_query_names_its_column(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "NATO titel:x"}).json()
    assert body["column"] == 6 and "did you mean title:" in body["detail"]


def test_openapi_schema_and_docs_page(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/search", "/api/documents/{volume}/{doc}", "/api/volumes", "/api/stats"):
        assert path in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
