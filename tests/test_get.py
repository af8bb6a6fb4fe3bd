"""`centralfiles get` and `catalog` against a real HTTP server on 127.0.0.1 (tests/mirror_server.py)
serving the shared excerpt and authorities, with faults: 404, a connection dropped mid-body, a
server killed mid-transfer, wrong and corrupt content, slow answers, a server ignoring Range."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from centralfiles import Archive
from centralfiles.cli import app
from centralfiles.errors import FetchError
from centralfiles.fetch import Downloader, mirror_from, verify_volume
from tests.conftest import AUTHORITIES, EXCERPT, EXCERPT_DOCUMENTS, ROOT, VOLUME
from tests.mirror_server import Faults, MirrorServer

HELDOUT = ROOT / "tests" / "data" / "links" / "heldout"
BIBLIOGRAPHY = b"""<?xml version="1.0" encoding="UTF-8"?>
<volume id="frus1964-68v13">
    <title type="complete">Foreign Relations of the United States, 1964\xe2\x80\x931968,
        Volume XIII, Western Europe Region</title>
    <published-year>1995</published-year>
    <coverage type="from">1964</coverage><coverage type="to">1968</coverage>
</volume>
"""


def mirror_files() -> dict[str, Path | bytes]:
    return {
        f"/volumes/{VOLUME}.xml": EXCERPT,
        "/volumes/frus1961-63v15.xml": HELDOUT / "frus1961-63v15.xml",
        "/volumes/frus1969-76v12.xml": HELDOUT / "frus1969-76v12.xml",
        f"/bibliography/{VOLUME}.xml": BIBLIOGRAPHY,
        "/hsg-people.tar.gz": AUTHORITIES[0],
        "/pocom.tar.gz": AUTHORITIES[1],
    }


@pytest.fixture
def server():
    running = MirrorServer(mirror_files()).start()
    yield running
    running.stop()


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "store" / "archive.db") as opened:
        yield opened


def fast(**options: float) -> Downloader:
    return Downloader(**{"retries": 0, "backoff": 0.01, "timeout": 5.0, **options})


def downloads(archive: Archive) -> Path:
    return archive.data_dir / "downloads" / "volumes"


def test_get_downloads_verifies_and_ingests_a_volume(
    server: MirrorServer, archive: Archive
) -> None:
    report = archive.get([VOLUME], mirror=server.url)
    assert report.failed == []
    [got] = report.got
    assert got.downloaded and got.size == EXCERPT.stat().st_size
    assert Path(got.path).read_bytes() == EXCERPT.read_bytes()
    assert report.ingest is not None and report.ingest.document_count == EXCERPT_DOCUMENTS
    assert archive.document(f"{VOLUME}/d331").number == "331"
    manifest = json.loads((archive.data_dir / "downloads" / "downloads.json").read_text())
    assert manifest[VOLUME]["sha256"] == got.sha256
    again = archive.get([VOLUME], mirror=server.url)  # idempotent: nothing fetched or stored
    assert not again.got[0].downloaded and again.ingest.ingested[0].unchanged
    assert sum(1 for path, _ in server.requests if path.endswith(f"{VOLUME}.xml")) == 1


def test_get_several_volumes_at_once(server: MirrorServer, archive: Archive) -> None:
    report = archive.get([VOLUME, "frus1961-63v15", "frus1969-76v12"], mirror=server.url, jobs=3)
    assert report.failed == []
    assert {v["id"] for v in archive.volumes()} == {VOLUME, "frus1961-63v15", "frus1969-76v12"}


def test_a_dropped_connection_is_resumed_from_the_partial_file(
    server: MirrorServer, archive: Archive
) -> None:
    path = f"/volumes/{VOLUME}.xml"
    server.faults.drop_after[path] = 200_000
    first = archive.get([VOLUME], mirror=server.url, downloader=fast())
    [error] = first.failed
    assert "broke off after 200,000 bytes" in error and "run the same command again" in error
    assert archive.volumes() == []  # nothing half-ingested
    part = downloads(archive) / f"{VOLUME}.xml.part"
    assert part.stat().st_size == 200_000
    del server.faults.drop_after[path]
    second = archive.get([VOLUME], mirror=server.url, downloader=fast())
    assert second.failed == [] and second.got[0].resumed_from == 200_000
    assert server.requests[-1] == (path, "bytes=200000-")
    assert Path(second.got[0].path).read_bytes() == EXCERPT.read_bytes()
    assert not part.exists()


def test_retries_resume_within_one_run(server: MirrorServer, archive: Archive) -> None:
    path = f"/volumes/{VOLUME}.xml"
    server.faults.drop_after[path] = 300_000
    server.faults.drop_once.add(path)  # the first request breaks; the retry gets the rest
    report = archive.get([VOLUME], mirror=server.url, downloader=fast(retries=3, backoff=0.2))
    assert report.failed == []
    assert [r for p, r in server.requests if p == path][-1] == "bytes=300000-"
    assert Path(report.got[0].path).read_bytes() == EXCERPT.read_bytes()


def test_a_server_ignoring_range_sends_the_whole_file_again(
    server: MirrorServer, archive: Archive
) -> None:
    path = f"/volumes/{VOLUME}.xml"
    server.faults.drop_after[path] = 100_000
    archive.get([VOLUME], mirror=server.url, downloader=fast())
    server.faults = Faults(ignore_range=True)
    report = archive.get([VOLUME], mirror=server.url, downloader=fast())
    assert report.failed == [] and report.got[0].resumed_from == 0
    assert Path(report.got[0].path).read_bytes() == EXCERPT.read_bytes()


def test_killing_the_server_mid_transfer_then_retrying_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "mirror"
    (folder / "volumes").mkdir(parents=True)
    (folder / "volumes" / f"{VOLUME}.xml").write_bytes(EXCERPT.read_bytes())
    port = _free_port()

    def start() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "mirror_server.py"), str(port), str(folder),
             "--chunk-delay", "0.2"],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert process.stdout is not None and process.stdout.readline().startswith("http://")
        return process

    server = start()
    with Archive(tmp_path / "archive.db") as archive:
        part = downloads(archive) / f"{VOLUME}.xml.part"
        result: dict[str, object] = {}
        url = f"http://127.0.0.1:{port}/"

        def first_run() -> None:
            result["report"] = archive.get([VOLUME], mirror=url, downloader=fast(timeout=3.0))

        worker = threading.Thread(target=first_run)
        worker.start()
        deadline = time.monotonic() + 20
        while (not part.exists() or part.stat().st_size < 131072) and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()  # SIGKILL mid-body
        server.wait()
        worker.join(30)
        first = result["report"]
        assert first.failed and "run the same command again to resume" in first.failed[0]
        kept = part.stat().st_size
        assert 0 < kept < EXCERPT.stat().st_size
        server = start()
        try:
            second = archive.get([VOLUME], mirror=f"http://127.0.0.1:{port}/", downloader=fast())
        finally:
            server.kill()
            server.wait()
        assert second.failed == [] and second.got[0].resumed_from == kept
        assert len(archive.store.document_ids(VOLUME)) == EXCERPT_DOCUMENTS


def test_an_unknown_id_is_refused_with_a_suggestion(server: MirrorServer, archive: Archive) -> None:
    report = archive.get(["frus1964-68v31"], mirror=server.url, downloader=fast())
    [error] = report.failed
    assert "not found (HTTP 404)" in error and "did you mean frus1964-68v13?" in error


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<html><body>Rate limit exceeded</body></html>",
         "not a TEI volume (its root element is <html>)"),
        ((HELDOUT / "frus1961-63v15.xml").read_bytes(),
         "it is the TEI of frus1961-63v15, not of frus1964-68v13"),
        (EXCERPT.read_bytes()[:300_000], "not well-formed XML at line"),
        (b"\x00\x01\x02 binary", "binary file, not XML"),
    ],
)  # fmt: skip
def test_wrong_or_corrupt_content_is_refused_and_nothing_is_stored(
    server: MirrorServer, archive: Archive, content: bytes, problem: str
) -> None:
    archive.get(["frus1961-63v15"], mirror=server.url)  # something already stored
    before = archive.stats()
    server.faults.replace[f"/volumes/{VOLUME}.xml"] = content
    report = archive.get([VOLUME], mirror=server.url, downloader=fast())
    [error] = report.failed
    assert problem in error and error.startswith("refused ")
    assert archive.stats() == before  # the store untouched
    assert not (downloads(archive) / f"{VOLUME}.xml").exists()
    assert not (downloads(archive) / f"{VOLUME}.xml.part").exists()


def test_a_slow_server_times_out_with_a_clear_error(server: MirrorServer, archive: Archive) -> None:
    server.faults.delay = 1.5
    report = archive.get([VOLUME], mirror=server.url, downloader=fast(timeout=0.3))
    [error] = report.failed
    assert "no answer within the timeout" in error and "try again later" in error


def test_server_errors_are_retried(server: MirrorServer, archive: Archive) -> None:
    path = f"/volumes/{VOLUME}.xml"
    server.faults.status[path] = 503
    threading.Timer(0.15, lambda: server.faults.status.clear()).start()
    report = archive.get([VOLUME], mirror=server.url, downloader=fast(retries=4, backoff=0.1))
    assert report.failed == []
    assert sum(1 for p, _ in server.requests if p == path) >= 2


def test_no_network_suggests_a_mirror(archive: Archive) -> None:
    report = archive.get([VOLUME], mirror=f"http://127.0.0.1:{_free_port()}/", downloader=fast())
    [error] = report.failed
    assert error.startswith("no network: cannot reach 127.0.0.1")
    assert error.endswith("use --mirror PATH for a local copy")


def test_a_file_larger_than_the_cap_is_refused(server: MirrorServer, archive: Archive) -> None:
    report = archive.get([VOLUME], mirror=server.url, downloader=fast(max_bytes=100_000))
    [error] = report.failed
    assert error.startswith("refused ") and error.endswith("limit for one file")
    assert archive.volumes() == []


def test_folder_and_file_url_mirrors(tmp_path: Path, archive: Archive) -> None:
    folder = tmp_path / "copy"
    (folder / "volumes").mkdir(parents=True)
    (folder / "volumes" / f"{VOLUME}.xml").write_bytes(EXCERPT.read_bytes())
    assert archive.get([VOLUME], mirror=str(folder)).failed == []
    again = archive.get([VOLUME], mirror=folder.as_uri(), refresh=True)
    assert again.failed == [] and again.got[0].downloaded


def test_get_people_imports_the_registry(server: MirrorServer, archive: Archive) -> None:
    report = archive.get(["people"], mirror=server.url)
    assert report.failed == []
    [done] = report.authorities
    assert done.kind == "people" and done.records == 16312


def test_a_wrong_authority_archive_is_refused(server: MirrorServer, archive: Archive) -> None:
    server.faults.replace["/pocom.tar.gz"] = AUTHORITIES[0].read_bytes()  # the registry instead
    report = archive.get(["pocom"], mirror=server.url, downloader=fast())
    assert report.failed == ["refused " + server.url + "pocom.tar.gz: it holds people, not pocom"]
    assert report.authorities == []


def test_catalog_lists_titles_caches_them_and_works_offline(
    server: MirrorServer, archive: Archive
) -> None:
    found = archive.catalog(mirror=server.url)
    assert found.ids() == ["frus1961-63v15", VOLUME, "frus1969-76v12"]
    entry = found.entries[1]
    assert entry.title.startswith("Foreign Relations of the United States, 1964–1968, Volume XIII")
    assert (entry.published, entry.coverage) == ("1995", "1964–1968")
    assert not found.cached and found.listed
    assert archive.catalog(mirror=server.url).cached  # from the cache
    server.stop()
    offline = archive.catalog(mirror=server.url, refresh=True, downloader=fast())
    assert offline.cached and offline.ids() == found.ids()
    assert offline.note.startswith("could not list") and found.listed in offline.note


def test_bad_mirrors_and_ids_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="unsupported scheme ftp://"):
        mirror_from("ftp://example.org/frus")
    with pytest.raises(FetchError, match="is not a folder"):
        mirror_from(str(tmp_path / "nowhere"))
    with Archive(tmp_path / "a.db") as archive:
        report = archive.get(["../../etc/passwd"], mirror=str(tmp_path))
    assert report.failed == ["'../../etc/passwd' is not a FRUS volume id (they look like "
                             "frus1964-68v13); `centralfiles catalog` lists them"]  # fmt: skip


def test_verify_volume_reads_the_whole_file(tmp_path: Path) -> None:
    broken = tmp_path / "v.xml"
    broken.write_bytes(EXCERPT.read_bytes().replace(b"</TEI>", b""))
    with pytest.raises(FetchError, match="not well-formed"):
        verify_volume(broken, VOLUME)


def test_cli_get_and_catalog(server: MirrorServer, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    done = runner.invoke(app, ["get", VOLUME, "--mirror", server.url, "--db", db, "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["failed"] == [] and data["downloads"][0]["name"] == VOLUME
    assert len(data["ingested"][0]["documents"]) == EXCERPT_DOCUMENTS
    wrong = runner.invoke(app, ["get", "frus1964-68v31", "--mirror", server.url, "--db", db])
    assert wrong.exit_code == 1 and "did you mean frus1964-68v13?" in wrong.stderr
    assert "Traceback" not in wrong.output
    listed = runner.invoke(app, ["catalog", "--mirror", server.url, "--db", db, "--json"])
    volumes = {v["id"]: v["stored"] for v in json.loads(listed.stdout)["volumes"]}
    assert volumes == {"frus1961-63v15": False, VOLUME: True, "frus1969-76v12": False}
    nothing = runner.invoke(app, ["get", "--db", db])
    assert nothing.exit_code == 1 and "centralfiles catalog" in nothing.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
