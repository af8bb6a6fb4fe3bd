"""Fault injection: every failure ends in one clear line, or works; nothing is lost or hung.

Real processes, real files: ``kill -9`` of ``ingest``/``reindex`` at seeded random moments
(integrity, whole-or-absent volumes, index = store, no surviving child process), processes
racing on a new store, a full file system and a read-only one (tmpfs, where this machine lets
the tests mount one), a damaged page, and Hypothesis fuzzing of the query language and the
command line ("exit 0 or a one-line error, never a traceback").
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from centralfiles import Archive
from centralfiles.cli import app
from centralfiles.errors import CentralfilesError
from centralfiles.search.index import SearchIndex, iter_index_ids

from .conftest import EXCERPT_DOCUMENTS, SEED_DOCUMENTS, SEEDS_DIR

KILLS = int(os.environ.get("CENTRALFILES_FAULT_KILLS", "30"))
SEED = int(os.environ.get("CENTRALFILES_FAULT_SEED", "20261201"))
runner = CliRunner()


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "centralfiles", *args]


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=timeout)


def assert_one_line_or_success(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), (result.returncode, result.stderr)
    if result.returncode == 1:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) >= 1, result.stderr
        assert all("\n" not in line for line in errors)


def volume_copy(excerpt: Path, target: Path, volume_id: str, reword: str = "") -> Path:
    text = excerpt.read_text(encoding="utf-8").replace(
        'xml:id="frus1964-68v13"', f'xml:id="{volume_id}"', 1
    )
    if reword:
        text = text.replace("European caucus", reword)
    target.write_text(text, encoding="utf-8")
    return target


def assert_consistent(db: Path, expected: dict[str, int]) -> None:
    """Integrity ok; every volume whole (its full document count) or absent; index = store."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for volume, count in conn.execute("SELECT volume, count(*) FROM documents GROUP BY volume"):
            assert count == expected[volume], (volume, count)
    with Archive(db) as archive:
        index = SearchIndex.open(archive.store)
        assert set(iter_index_ids(index)) == set(archive.store.document_ids())
        assert archive.search("NATO").total == archive.search("NATO").total  # answers


def session_processes(leader: int) -> list[psutil.Process]:
    alive = []
    for process in psutil.process_iter(["pid"]):
        try:
            if os.getsid(process.pid) == leader and process.pid != leader:
                alive.append(process)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return alive


def wait_for_no_survivors(leader: int, seconds: float = 10.0) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in session_processes(leader) if p.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return []
        time.sleep(0.1)
    return session_processes(leader)


@pytest.fixture(scope="module")
def volumes(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fault-volumes")
    made = {
        f"frus-kill-{k}": volume_copy(excerpt, folder / f"v{k}.xml", f"frus-kill-{k}")
        for k in range(3)
    }
    made["changed"] = volume_copy(excerpt, folder / "changed.xml", "frus-kill-0", "Atlantic caucus")
    return made


def test_kill_nine_at_random_moments_loses_nothing_and_leaves_no_process(
    tmp_path: Path, volumes: dict[str, Path]
) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "killed.db"
    expected = {f"frus-kill-{k}": EXCERPT_DOCUMENTS for k in range(3)} | {"text": SEED_DOCUMENTS}
    originals = [str(volumes[f"frus-kill-{k}"]) for k in range(3)]
    kills = 0
    durations: dict[str, float] = {}
    for trial in range(KILLS + 3):
        kind = ("ingest", "replace", "reindex")[trial % 3]
        if kind == "ingest":  # every volume changed since the last trial: all rewritten
            reworded = [
                volume_copy(Path(path), tmp_path / f"t{k}.xml", f"frus-kill-{k}", f"caucus {trial}")
                for k, path in enumerate(originals)
            ]
            args = ["ingest", *map(str, reworded), str(SEEDS_DIR), "--workers", "2"]
        elif kind == "replace":
            one = volumes["changed"] if trial % 2 else volumes["frus-kill-0"]
            args = ["ingest", str(one), *originals[1:], "--workers", "2"]
        else:
            args = ["reindex"]
        process = subprocess.Popen(
            command(*args, "--db", str(db)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        if kind not in durations:  # the first run of each kind is timed, not killed
            started = time.monotonic()
            process.wait(timeout=120)
            durations[kind] = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0.02, 0.8 * durations[kind]))
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
                kills += 1
        process.wait(timeout=30)
        survivors = wait_for_no_survivors(process.pid)
        for survivor in survivors:  # do not leave them behind for the rest of the suite
            survivor.kill()
        assert survivors == [], f"trial {trial} ({kind}): {survivors} outlived kill -9"
        # the parent's stderr is closed by every process that held it: reading it ends
        assert process.stderr is not None
        process.stderr.read()
        if db.exists():
            try:
                assert_consistent(db, expected)
            except BaseException as error:
                raise AssertionError(f"trial {trial} ({kind}, killed: {kills})") from error
    print(f"\nkill -9: {kills} of {KILLS + 3} runs killed, store and index consistent after each")
    assert kills >= min(20, KILLS), (kills, durations)
    recovered = run("ingest", *originals, str(SEEDS_DIR), "--db", str(db))
    assert recovered.returncode == 0, recovered.stderr
    assert_consistent(db, expected)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (
            3 * EXCERPT_DOCUMENTS + SEED_DOCUMENTS,
        )


@pytest.mark.parametrize(
    "pair",
    [("ingest", "ingest"), ("stats", "volumes"), ("ingest", "stats"), ("search", "ingest")],
    ids="+".join,
)
def test_processes_racing_on_a_new_store_all_succeed(
    tmp_path: Path, excerpt: Path, pair: tuple[str, str]
) -> None:
    args = {
        "ingest": ["ingest", str(SEEDS_DIR)],
        "stats": ["stats"],
        "volumes": ["volumes"],
        "search": ["search", "NATO"],
    }
    for round_ in range(4):
        db = tmp_path / f"race-{round_}.db"
        started = [
            subprocess.Popen(
                command(*args[verb], "--db", str(db)),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for verb in pair
        ]
        for process in started:
            _, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, (pair, stderr)
            assert "Traceback" not in stderr
        if "ingest" in pair:
            with sqlite3.connect(db) as conn:
                assert conn.execute("SELECT count(*) FROM documents").fetchone() == (
                    SEED_DOCUMENTS,
                )


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own (root and a kernel that allows it), else skipped."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path) -> None:
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    assert shutil.disk_usage(folder).free < 65536


def test_full_disk_fails_in_one_line_and_reads_still_answer(tmpfs: Path, excerpt: Path) -> None:
    db = tmpfs / "full.db"
    assert run("ingest", str(SEEDS_DIR), "--db", str(db)).returncode == 0
    fill(tmpfs)
    failed = run("ingest", str(excerpt), "--db", str(db))
    assert_one_line_or_success(failed)
    assert failed.returncode == 1
    for args in (["stats"], ["volumes"], ["search", "NATO"], ["show", "text/a1d8121ceced"]):
        answered = run(*args, "--db", str(db))
        assert answered.returncode == 0, (args, answered.stderr)
        assert "Traceback" not in answered.stderr
    (tmpfs / "filler").unlink()
    assert_consistent(db, {"text": SEED_DOCUMENTS, "frus1964-68v13": EXCERPT_DOCUMENTS})


def test_read_only_archive_reads_and_refuses_writes_in_one_line(tmpfs: Path, excerpt: Path) -> None:
    db = tmpfs / "archive.db"
    assert run("ingest", str(excerpt), "--db", str(db)).returncode == 0
    remount = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount the tmpfs read-only")
    for args in (["stats"], ["volumes"], ["show", "frus1964-68v13/d331"], ["search", "NATO"],
                 ["cables"], ["check"]):  # fmt: skip
        answered = run(*args, "--db", str(db))
        assert answered.returncode == 0, (args, answered.stderr)
        assert "Traceback" not in answered.stderr
    for args in (["ingest", str(SEEDS_DIR)], ["reindex"]):
        refused = run(*args, "--db", str(db))
        assert_one_line_or_success(refused)
        assert refused.returncode == 1, args


def test_immutable_files_read_and_refuse_writes(tmp_path: Path, excerpt: Path) -> None:
    db = tmp_path / "frozen.db"
    assert run("ingest", str(excerpt), "--db", str(db)).returncode == 0
    files = [db, *Path(f"{db}.index").rglob("*")]
    locked = subprocess.run(["chattr", "+i", *map(str, files)], capture_output=True)
    if locked.returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        for args in (["stats"], ["show", "frus1964-68v13/d331"], ["search", "NATO"]):
            answered = run(*args, "--db", str(db))
            assert answered.returncode == 0, (args, answered.stderr)
            assert "Traceback" not in answered.stderr
        refused = run("ingest", str(SEEDS_DIR), "--db", str(db))
        assert_one_line_or_success(refused)
        assert refused.returncode == 1
    finally:
        subprocess.run(["chattr", "-i", *map(str, files)], capture_output=True)


def test_damaged_page_is_named_in_one_line(tmp_path: Path, excerpt: Path) -> None:
    db = tmp_path / "damaged.db"
    assert run("ingest", str(excerpt), str(SEEDS_DIR), "--db", str(db)).returncode == 0
    size = db.stat().st_size
    with db.open("r+b") as handle:
        for page in range(2, size // 4096, 3):  # every third page after the header
            handle.seek(page * 4096 + 100)
            handle.write(os.urandom(512))
    for args in (["stats"], ["volumes"], ["search", "NATO"], ["show", "frus1964-68v13/d331"],
                 ["cables"], ["reindex"], ["ingest", str(SEEDS_DIR)], ["check"]):  # fmt: skip
        result = run(*args, "--db", str(db))
        assert_one_line_or_success(result)
    checked = run("check", "--db", str(db))
    assert checked.returncode == 1 and "damaged" in checked.stderr


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory, excerpt: Path) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "archive.db"
    with Archive(path) as archive:
        assert not archive.ingest([excerpt, SEEDS_DIR]).failed
    return path


QUERY_PIECES = st.sampled_from(
    ["NATO", "force", '"', "(", ")", "AND", "OR", "NOT", "-", "*", ":", "..", "title:",
     "date:", "year:", "date:9999", "date:0000-13", "year:1968..", "person:", "volume:",
     "classification:", "\x00", "é", "<script>", "'", "\\", " ", "date:1968-02-30", "id:"]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=st.one_of(st.text(max_size=60), st.lists(QUERY_PIECES, max_size=12).map("".join)),
    limit=st.integers(-5, 2000),
    offset=st.one_of(st.integers(-5, 200), st.integers(2**31, 2**70)),
    sort=st.sampled_from(["relevance", "date", "random"]),
)
def test_fuzzed_searches_answer_or_fail_with_a_user_error(
    archive_path: Path, query: str, limit: int, offset: int, sort: str
) -> None:
    with Archive(archive_path, mode="ro") as archive:
        try:
            results = archive.search(query, limit=limit, offset=offset, sort=sort)  # type: ignore[arg-type]
        except CentralfilesError as error:
            assert "\n" not in str(error)
            return
        assert 0 <= len(results.hits) <= limit
        for hit in results.hits:
            assert "<script>" not in hit.snippet


ARGUMENTS = st.lists(
    st.one_of(
        st.sampled_from(
            ["ingest", "volumes", "stats", "cables", "show", "search", "reindex", "check",
             "--json", "--limit", "--offset", "--sort", "--volume", "--format", "--workers",
             "0", "-1", "99999999999999999999", "date", "text", "NATO", "date:9999",
             "frus1964-68v13/d331", "x\udcff", "../../etc/passwd", "/dev/null", "--", "-x",
             "frus1964-68v13", "text/0", "\x00", "nope.txt"]
        ),
        st.text(max_size=12),
    ),
    max_size=6,
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=ARGUMENTS)
def test_fuzzed_command_lines_never_show_a_traceback(archive_path: Path, argv: list[str]) -> None:
    copy = archive_path.parent / "cli-fuzz.db"
    if not copy.exists():
        shutil.copy(archive_path, copy)
    result = runner.invoke(app, [*argv, "--db", str(copy)])
    assert result.exit_code in (0, 1, 2), (argv, result.output)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), (argv, repr(result.exception))
    assert "Traceback" not in result.output


def test_unusable_paths_are_reported_one_line_each_and_the_rest_stored(excerpt: Path) -> None:
    """Run as an unprivileged user (root reads everything), where the machine allows it."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run the command as another user")
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="centralfiles-perm-"))
    try:
        folder.chmod(0o777)
        good = folder / "good.xml"
        shutil.copy(excerpt, good)
        secret = folder / "secret.xml"
        shutil.copy(excerpt, secret)
        secret.chmod(0o000)
        closed = folder / "closed"
        closed.mkdir()
        (closed / "inside.txt").write_text("1. Telegram\n", encoding="utf-8")
        closed.chmod(0o000)
        (folder / "loop.xml").symlink_to(folder / "loop.xml")
        os.mkfifo(folder / "pipe.txt")
        db = folder / "archive.db"
        nobody = 65534
        paths = [good, secret, folder / "loop.xml", folder / "pipe.txt", folder]
        # the checkout's Python may not be reachable by that user: fork this process instead,
        # once every module the command needs is loaded (a warm-up run as root)
        runner.invoke(app, ["ingest", str(good), str(SEEDS_DIR), "--db", str(folder / "w.db")])
        import secrets  # noqa: F401  (tempfile's, imported lazily)

        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the forked child
            os.close(read_end)
            os.setgid(nobody)
            os.setuid(nobody)
            try:
                argv = ["ingest", *map(str, paths), "--workers", "0", "--db", str(db)]
                result = runner.invoke(app, argv)
                os.write(write_end, (result.stderr or repr(result.exception)).encode())
                os._exit(result.exit_code)
            except BaseException as error:
                os.write(write_end, f"child failed: {error!r}".encode())
                os._exit(3)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            stderr = pipe.read().decode()
        _, status = os.waitpid(child, 0)
        result = subprocess.CompletedProcess([], os.waitstatus_to_exitcode(status), "", stderr)
        assert "Traceback" not in result.stderr
        assert result.returncode == 1, result.stderr
        errors = result.stderr.strip().splitlines()
        assert all(line.startswith("error: ") for line in errors), errors
        for name, why in [
            ("secret.xml", "permission denied"),
            ("loop.xml", "a loop of symbolic links"),
            ("pipe.txt", "not a regular file"),
            ("closed", "permission denied"),
        ]:
            assert any(name in line and why in line for line in errors), (name, errors)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("SELECT count(*) FROM documents").fetchone() == (EXCERPT_DOCUMENTS,)
        finally:
            conn.close()
    finally:
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(folder, ignore_errors=True)
