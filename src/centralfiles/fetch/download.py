"""One file onto disk, safely: ``Downloader.fetch(source, dest)``.

The bytes go to ``dest`` + ``.part``; only a complete file that passes the caller's check is
renamed onto ``dest`` (atomic on one file system), so ``dest`` is never half a file. A
transfer that breaks off keeps its ``.part`` (with the URL and the server's validator in
``.part.json``) and the next run asks for the rest with an HTTP ``Range`` request guarded by
``If-Range``: a server that ignores the range, or a file that changed meanwhile, is read again
from the start. Timeouts, dropped connections, 429 and 5xx answers are retried with
exponential backoff; a file larger than ``max_bytes`` is refused before and while it is read.
Local sources (a mirror folder) are copied the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from centralfiles.errors import FetchError

#: the largest file accepted: FRUS volumes reach about 60 MB, the authorities 10 MB
MAX_DOWNLOAD_BYTES = 1024 * 1024 * 1024
CHUNK = 256 * 1024

Progress = Callable[[int, "int | None"], None]
Check = Callable[[Path], None]


@dataclass
class Fetched:
    """What ``fetch`` did: where the file is, its size and SHA-256, and how many bytes of an
    earlier partial download were kept (``resumed_from``)."""

    source: str
    path: Path
    size: int
    sha256: str
    resumed_from: int = 0


class _Retry(Exception):
    """A failure worth another try (the partial file stays)."""

    def __init__(self, why: str, *, connect: bool = False) -> None:
        super().__init__(why)
        self.why = why
        self.connect = connect


class Downloader:
    """Downloads over one ``httpx.Client`` (connection reuse; thread-safe for ``--jobs``)."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 0.5,
        max_bytes: int = MAX_DOWNLOAD_BYTES,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            follow_redirects=True,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            headers={"User-Agent": f"centralfiles/{_version()}"},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Downloader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the public step ---------------------------------------------------------------------

    def fetch(
        self,
        source: str,
        dest: Path,
        *,
        progress: Progress | None = None,
        check: Check | None = None,
    ) -> Fetched:
        """``source`` (a URL or a local path) onto ``dest``; ``check(part)`` runs on the
        complete temporary file before it is renamed, and a check that raises deletes it."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        if _is_url(source):
            resumed = self._http(source, part, progress)
        else:
            resumed = self._copy(Path(source), part, progress)
        try:
            if check is not None:
                check(part)
            digest, size = _sha256(part)
        except BaseException:
            _discard(part)
            raise
        os.replace(part, dest)
        _meta(part).unlink(missing_ok=True)
        return Fetched(source, dest, size, digest, resumed)

    def get_bytes(self, url: str, *, limit: int = 16 * 1024 * 1024) -> bytes:
        """A small resource (a listing, a bibliographic record) in memory, with the same
        retries; raises ``FetchError`` (404 included)."""
        for attempt in range(self.retries + 1):
            try:
                with self.client.stream("GET", url) as response:
                    _raise_for_status(url, response)
                    data = bytearray()
                    for chunk in response.iter_bytes(CHUNK):
                        data += chunk
                        if len(data) > limit:
                            raise FetchError(_too_large(url, len(data), limit))
                    return bytes(data)
            except _Retry as error:
                self._wait_or_fail(url, attempt, error, received=0)
            except httpx.TransportError as error:
                self._wait_or_fail(url, attempt, _transport(error), received=0)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- HTTP --------------------------------------------------------------------------------

    def _http(self, url: str, part: Path, progress: Progress | None) -> int:
        """Download into ``part``; returns the bytes of an earlier partial file that were kept
        (the first attempt's; retries within the run resume too)."""
        kept: int | None = None
        for attempt in range(self.retries + 1):
            have = _usable_part(part, url)
            try:
                reused = self._http_attempt(url, part, have, progress)
                return reused if kept is None else kept
            except _Retry as error:
                if kept is None:
                    kept = have
                self._wait_or_fail(url, attempt, error, received=_size(part))
            except httpx.TransportError as error:
                if kept is None:
                    kept = have
                self._wait_or_fail(url, attempt, _transport(error), received=_size(part))
        raise AssertionError("unreachable")  # pragma: no cover

    def _http_attempt(self, url: str, part: Path, have: int, progress: Progress | None) -> int:
        """One request that completes ``part``; returns how many of its ``have`` bytes were
        kept (0 when the server sent the whole file)."""
        # byte offsets must be those of the file itself: no content coding, raw chunks as they
        # arrive (a buffered chunker would lose what came before a dropped connection)
        headers = {"Accept-Encoding": "identity"}
        validator = _validator(part) if have else None
        if have:
            headers["Range"] = f"bytes={have}-"
            if validator:
                headers["If-Range"] = validator
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code == 416 and have:
                total = _content_range_total(response.headers.get("content-range", ""))
                if total == have:
                    return have  # the partial file was already complete
                _discard(part)
                raise _Retry("the partial file did not match the server's; starting again")
            _raise_for_status(url, response)
            mode = "wb"
            if response.status_code == 206:
                start = _content_range_start(response.headers.get("content-range", ""))
                if start != have:
                    _discard(part)
                    raise _Retry("the server sent another range; starting again")
                mode = "ab"
            else:
                have = 0  # 200: the whole file (the server ignored the range, or it changed)
            length = response.headers.get("content-length")
            expected = have + int(length) if length and length.isdigit() else None
            if expected is not None and expected > self.max_bytes:
                raise FetchError(_too_large(url, expected, self.max_bytes))
            _meta(part).write_text(json.dumps({"url": url, "validator": _new_validator(response)}))
            received = have
            with part.open(mode) as out:
                for chunk in response.iter_raw():
                    received += len(chunk)
                    if received > self.max_bytes:
                        out.close()
                        _discard(part)
                        raise FetchError(_too_large(url, received, self.max_bytes))
                    out.write(chunk)
                    if progress:
                        progress(received, expected)
                out.flush()
                os.fsync(out.fileno())
            if expected is not None and received < expected:
                raise _Retry(f"the connection closed after {received} of {expected} bytes")
        return have

    def _wait_or_fail(self, url: str, attempt: int, error: _Retry, *, received: int) -> None:
        if attempt < self.retries:
            time.sleep(min(self.backoff * 2**attempt, 8.0))
            return
        host = urlsplit(url).netloc
        tries = self.retries + 1
        if error.connect and not received:
            raise FetchError(
                f"no network: cannot reach {host} ({error.why}); use --mirror PATH for a local "
                "copy",
                retry=True,
            )
        if received:
            raise FetchError(
                f"{url}: the transfer broke off after {received:,} bytes ({error.why}; {tries} "
                "tries); run the same command again to resume",
                retry=True,
            )
        raise FetchError(f"{url}: {error.why} ({tries} tries); try again later", retry=True)

    # -- local files ---------------------------------------------------------------------------

    def _copy(self, source: Path, part: Path, progress: Progress | None) -> int:
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            raise FetchError(f"{source}: not found in the mirror") from None
        except OSError as error:
            raise FetchError(f"{source}: cannot read it ({error.strerror})") from None
        if not source.is_file():
            raise FetchError(f"{source}: not a file")
        if size > self.max_bytes:
            raise FetchError(_too_large(str(source), size, self.max_bytes))
        have = _usable_part(part, str(source))
        if have > size:
            _discard(part)
            have = 0
        _meta(part).write_text(json.dumps({"url": str(source), "validator": None}))
        with source.open("rb") as handle, part.open("ab" if have else "wb") as out:
            handle.seek(have)
            done = have
            while chunk := handle.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, size)
            out.flush()
            os.fsync(out.fileno())
        return have


def _version() -> str:
    try:
        return importlib.metadata.version("centralfiles")
    except importlib.metadata.PackageNotFoundError:  # a source checkout, not installed
        return "dev"


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _raise_for_status(url: str, response: httpx.Response) -> None:
    code = response.status_code
    if code in (200, 206):
        return
    if code in (404, 410):
        raise FetchError(f"{url}: not found (HTTP {code})")
    if code == 429 or code >= 500:
        raise _Retry(f"HTTP {code} {response.reason_phrase}".strip())
    raise FetchError(f"{url}: refused by the server (HTTP {code} {response.reason_phrase})")


def _transport(error: httpx.TransportError) -> _Retry:
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        reason = str(error) or type(error).__name__
        return _Retry(reason.split("] ")[-1], connect=True)
    if isinstance(error, httpx.TimeoutException):
        return _Retry("no answer within the timeout")
    return _Retry(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)


_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_UNSATISFIED = re.compile(r"bytes\s+\*/(\d+)")


def _content_range_start(value: str) -> int | None:
    match = _RANGE.match(value)
    return int(match[1]) if match else None


def _content_range_total(value: str) -> int | None:
    match = _UNSATISFIED.match(value) or _RANGE.match(value)
    if not match:
        return None
    total = match.group(match.lastindex or 1)
    return int(total) if total.isdigit() else None


def _meta(part: Path) -> Path:
    return part.with_name(part.name + ".json")


def _usable_part(part: Path, url: str) -> int:
    """Bytes of an earlier partial download of the same ``url`` (0 when none or another)."""
    size = _size(part)
    if not size:
        return 0
    try:
        meta = json.loads(_meta(part).read_text())
    except (OSError, ValueError):
        meta = {}
    if meta.get("url") != url:
        _discard(part)
        return 0
    return size


def _validator(part: Path) -> str | None:
    try:
        return json.loads(_meta(part).read_text()).get("validator")
    except (OSError, ValueError):
        return None


def _new_validator(response: httpx.Response) -> str | None:
    """A strong ETag, else Last-Modified: what ``If-Range`` may carry (RFC 9110 13.1.5)."""
    etag = response.headers.get("etag")
    if etag and not etag.startswith("W/"):
        return etag
    return response.headers.get("last-modified")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _discard(part: Path) -> None:
    with contextlib.suppress(OSError):
        part.unlink()
    with contextlib.suppress(OSError):
        _meta(part).unlink()


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _too_large(source: str, size: int, limit: int) -> str:
    over, cap = _human(size), _human(limit)
    return f"refused {source}: it is over {over}, more than the {cap} limit for one file"


def _human(size: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


__all__ = ["MAX_DOWNLOAD_BYTES", "Downloader", "Fetched"]
