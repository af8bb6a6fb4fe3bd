"""A real HTTP server on 127.0.0.1 serving a FRUS mirror, with faults the tests switch on.

Layout as ``centralfiles get --mirror`` expects: ``/volumes/`` (an index page),
``/volumes/<id>.xml``, ``/bibliography/<id>.xml``, ``/hsg-people.tar.gz``, ``/pocom.tar.gz``.
Files are served with a strong ETag and single-range ``Range`` support. Faults (``Faults``):
a 404 for chosen paths, the connection dropped after N bytes of the body, other content in
place of a file, a delay before answering, a pause between chunks, a forced status (503), and
a server that ignores ``Range``. Every request is recorded (path and Range header).

Run as a script (``python tests/mirror_server.py PORT FOLDER [--chunk-delay S]``) it serves a
folder until killed: the resume test kills it mid-transfer.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Faults:
    missing: set[str] = field(default_factory=set)
    drop_after: dict[str, int] = field(default_factory=dict)  # path -> body bytes sent
    drop_once: set[str] = field(default_factory=set)  # paths whose drop happens only once
    replace: dict[str, bytes] = field(default_factory=dict)  # path -> other content
    delay: float = 0.0  # before the status line
    chunk_delay: float = 0.0  # between 64 KB chunks
    ignore_range: bool = False
    status: dict[str, int] = field(default_factory=dict)  # path -> forced status (500, 429)


class QuietHTTPServer(ThreadingHTTPServer):
    """A threading server that does not print a traceback when a client drops a connection.

    ``socketserver`` writes such tracebacks to ``sys.stderr``, which a CLI test's runner has
    captured at that moment: a client hanging up (as a cancelled download does) would then
    show up in the command's output as if the command had crashed.
    """

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@dataclass
class MirrorServer:
    files: dict[str, Path | bytes]  # URL path -> file or content
    faults: Faults = field(default_factory=Faults)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    port: int = 0

    def start(self) -> MirrorServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("Range")))
                server._answer(self)

        self.httpd = QuietHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _content(self, path: str) -> bytes | None:
        if path in self.faults.replace:
            return self.faults.replace[path]
        found = self.files.get(path)
        if found is None:
            return None
        return found if isinstance(found, bytes) else found.read_bytes()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        faults = self.faults
        if faults.delay:
            time.sleep(faults.delay)
        path = handler.path.split("?", 1)[0]
        if path in faults.status:
            return _send(handler, faults.status[path], b"forced failure")
        if path == "/volumes/":
            names = sorted(p.rsplit("/", 1)[1] for p in self.files if p.startswith("/volumes/"))
            page = "".join(
                f'<li><a href="{html.escape(n)}">{html.escape(n)}</a></li>' for n in names
            )
            return _send(handler, 200, f"<html><body><ul>{page}</ul></body></html>".encode())
        body = None if path in faults.missing else self._content(path)
        if body is None:
            return _send(handler, 404, b"not found")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        start = 0
        wanted = handler.headers.get("Range")
        if_range = handler.headers.get("If-Range")
        status = 200
        if wanted and not faults.ignore_range and (if_range is None or if_range == etag):
            match = re.fullmatch(r"bytes=(\d+)-", wanted.strip())
            if match:
                start = int(match[1])
                if start >= len(body):
                    handler.send_response(416)
                    handler.send_header("Content-Range", f"bytes */{len(body)}")
                    handler.send_header("Content-Length", "0")
                    handler.end_headers()
                    return None
                status = 206
        handler.send_response(status)
        handler.send_header("Content-Length", str(len(body) - start))
        handler.send_header("ETag", etag)
        handler.send_header("Accept-Ranges", "bytes")
        if status == 206:
            handler.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        handler.end_headers()
        limit = faults.drop_after.get(path)
        position = start
        sent = 0
        while position < len(body):
            chunk = body[position : position + 65536]
            if limit is not None and sent + len(chunk) > limit:
                if path in faults.drop_once:
                    faults.drop_after.pop(path, None)
                handler.wfile.write(chunk[: limit - sent])
                handler.wfile.flush()
                handler.close_connection = True
                handler.connection.shutdown(2)  # the connection dies mid-body
                return None
            handler.wfile.write(chunk)
            handler.wfile.flush()
            position += len(chunk)
            sent += len(chunk)
            if faults.chunk_delay:
                time.sleep(faults.chunk_delay)
        return None


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    handler.send_response(status)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Content-Type", "text/html" if body.startswith(b"<html") else "text/plain")
    handler.end_headers()
    handler.wfile.write(body)


def folder_files(folder: Path) -> dict[str, Path | bytes]:
    """A mirror folder's files by URL path."""
    return {"/" + p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), Path(sys.argv[2])
    delay = float(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--chunk-delay" else 0.0
    running = MirrorServer(folder_files(folder), Faults(chunk_delay=delay), port=port).start()
    print(running.url, flush=True)
    running.thread.join()
