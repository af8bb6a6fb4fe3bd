"""Serve benchmark: the reading room and the API under concurrent load, against static files.

A store is built (or reused with ``--workdir``) from the real excerpt (``shared/frus``), the
seeds (``shared/seeds``) and a synthetic corpus of ``--documents`` documents written by
``bench/synth.py`` (deterministic by ``--seed``), ingested with ``centralfiles ingest --db``.
Then a real ``centralfiles serve`` subprocess is started on 127.0.0.1 (a free port) and
``--clients`` concurrent asyncio clients (one ``httpx.AsyncClient``, one connection each) send
requests for ``--seconds`` seconds, after a short warm-up that is not timed, over a weighted mix
of route classes:

  search_page    ``/search?q=...`` (queries of ``shared/bench/queries.txt``; sort, offset)
  document_page  ``/documents/{volume}/{doc}`` (ids sampled from the store with sqlite3)
  api_search     ``/api/search?q=...``
  citation       ``/api/documents/{volume}/{doc}/citation?style=...`` (a random style)
  static         ``/static/style.css``, the baseline: the same server, no archive work

Reported: requests/s overall and per class, p50/p95/p99 latency per class (ms, the whole
response read), errors (any non-2xx or exception, by status), the server's peak RSS (psutil
polled on its pid; also without file-backed pages, and USS/PSS at the end of the load), CPU
use, each class's p95 over the static p95, and when there were errors the latencies of the 2xx
responses alone; printed as a table and written as JSON with ``--json``. PASS/FAIL lines
compare with the targets (0 errors; p95 < 100 ms for pages and < 50 ms for API search at 100k
documents; RSS < 1 GB); nothing is asserted. The server is always stopped (SIGINT, then
killed after a timeout).

    python bench/serve.py [--documents 100000] [--clients 50] [--seconds 60]
                          [--workdir /tmp/serve-bench] [--json results.json] [--seed 1]
                          [--warmup 5]

The client runs on the same machine as the server: on 2 cores it takes part of the CPU the
server would otherwise have, so the figures are a lower bound on what the server can do.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
FRUS = SHARED / "frus"
SEEDS = SHARED / "seeds"
QUERIES = SHARED / "bench" / "queries.txt"
CENTRALFILES = ROOT / ".venv" / "bin" / "centralfiles"
HOST = "127.0.0.1"

#: route class -> weight in the mix
MIX = {
    "search_page": 25,
    "document_page": 30,
    "api_search": 20,
    "citation": 15,
    "static": 10,
}
BASELINE = "static"
STYLES = ("hsg", "chicago", "bibtex", "ris", "csl-json")
SAMPLE_IDS = 5000  # document ids drawn from the store for document pages and citations
WARMUP_SECONDS = 5.0
REQUEST_TIMEOUT = 30.0  # seconds, per request
MAX_REQUESTS_PER_CLIENT = 1_000_000  # a bound on every client loop besides its deadline
STARTUP_TIMEOUT = 120.0
STOP_TIMEOUT = 15.0
RSS_INTERVAL = 0.1
HTML_DETAIL = re.compile(r'<p class="error"[^>]*>(.*?)</p>', re.S)
ERROR_SAMPLES = 3  # response texts kept per (class, status)
#: (label, route classes, p95 limit in ms) - the serve targets
P95_TARGETS = (
    ("pages", ("search_page", "document_page"), 100.0),
    ("API search", ("api_search",), 50.0),
)
RSS_TARGET_MB = 1024.0


# --- the store ------------------------------------------------------------------------------


def read_marker(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(f"{db}.index", ignore_errors=True)


def build_store(work: Path, documents: int, seed: int) -> dict[str, Any]:
    """The store in ``work`` (``archive.db``), built unless one for the same corpus is there."""
    work.mkdir(parents=True, exist_ok=True)
    corpus, db = work / "corpus", work / "archive.db"
    corpus_marker, store_marker = work / "corpus.json", work / "store.json"
    wanted = {"documents": documents, "seed": seed}
    build: dict[str, Any] = {"corpus_reused": False, "store_reused": False}

    if read_marker(corpus_marker) == wanted and corpus.is_dir():
        build["corpus_reused"] = True
        print(f"corpus: reusing {corpus} ({documents:,} synthetic documents, seed {seed})")
    else:
        store_marker.unlink(missing_ok=True)
        corpus_marker.unlink(missing_ok=True)
        shutil.rmtree(corpus, ignore_errors=True)
        sys.path.insert(0, str(HERE))
        from synth import generate  # another engineer's deterministic FRUS-like corpus

        print(f"corpus: writing {documents:,} synthetic documents to {corpus} ...", flush=True)
        started = time.perf_counter()
        generate(corpus, documents, seed=seed)
        build["generate_s"] = time.perf_counter() - started
        corpus_marker.write_text(json.dumps(wanted), encoding="utf-8")
        print(f"corpus: written in {build['generate_s']:.1f} s", flush=True)
    build["corpus_mb"] = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 2**20

    marker = read_marker(store_marker)
    if marker and {k: marker.get(k) for k in wanted} == wanted and db.is_file():
        build["store_reused"] = True
        build["ingest_s"] = marker.get("ingest_s")
        print(f"store: reusing {db}")
    else:
        store_marker.unlink(missing_ok=True)
        remove_store(db)
        command = [str(CENTRALFILES), "ingest", str(FRUS), str(SEEDS), str(corpus)]
        command += ["--db", str(db), "--json"]
        print(f"store: {' '.join(command)}", flush=True)
        started = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=max(900.0, documents / 40)
        )
        build["ingest_s"] = time.perf_counter() - started
        if done.returncode:
            raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stderr[-3000:]}")
        report = json.loads(done.stdout)
        if report["failed"]:
            raise SystemExit(f"ingest failed for some paths: {report['failed'][:5]}")
        ingested = sum(len(item["documents"]) for item in report["ingested"])
        print(f"store: ingested {ingested:,} documents in {build['ingest_s']:.1f} s "
              f"({ingested / build['ingest_s']:,.0f} docs/s)", flush=True)  # fmt: skip
        store_marker.write_text(
            json.dumps(wanted | {"ingest_s": build["ingest_s"]}), encoding="utf-8"
        )
    build["store_mb"] = db.stat().st_size / 2**20
    build["index_mb"] = sum(
        p.stat().st_size for p in Path(f"{db}.index").rglob("*") if p.is_file()
    ) / 2**20  # fmt: skip
    return build


def sample_ids(db: Path, count: int, rng: random.Random) -> tuple[int, list[str]]:
    """The store's document count and ``count`` of its ids (read-only, before serving)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = sorted(row[0] for row in connection.execute("SELECT id FROM documents"))
    finally:
        connection.close()
    if not ids:
        raise SystemExit(f"no documents in {db}")
    return len(ids), rng.sample(ids, min(count, len(ids)))


def read_queries(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class RssMonitor:
    """Polls the RSS (and CPU times) of a process and its children on a thread."""

    def __init__(self, pid: int, interval: float = RSS_INTERVAL) -> None:
        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.last = 0
        self.peak_anon = 0  # RSS less file-backed and shared pages (mapped index files)
        self.peak_threads = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        rss = anon = threads = 0
        for process in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                memory = process.memory_info()
                rss += memory.rss
                anon += memory.rss - memory.shared
                threads += process.num_threads()
        self.last = rss
        self.peak = max(self.peak, rss)
        self.peak_anon = max(self.peak_anon, anon)
        self.peak_threads = max(self.peak_threads, threads)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error):
                self._sample()
            self._stop.wait(self.interval)

    def cpu_seconds(self) -> float:
        try:
            times = self.process.cpu_times()
        except psutil.Error:
            return float("nan")
        return times.user + times.system

    def unique_mb(self) -> tuple[float, float]:
        """USS and PSS of the process now (MB; reads smaps, so taken once, not polled)."""
        try:
            memory = self.process.memory_full_info()
        except (psutil.Error, AttributeError):
            return float("nan"), float("nan")
        return memory.uss / 2**20, getattr(memory, "pss", float("nan")) / 2**20

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)


@contextlib.contextmanager
def server(db: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], RssMonitor]]:
    """A ``centralfiles serve`` subprocess on a free loopback port, answering; always stopped."""
    port = free_port()
    command = [str(CENTRALFILES), "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    print(f"server: {' '.join(command)}", flush=True)
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    monitor = RssMonitor(process.pid)
    monitor.start()
    base = f"http://{HOST}:{port}"
    try:
        started = time.monotonic()
        if not wait_until_answering(base, process, started, log):
            raise SystemExit(f"server did not answer in {STARTUP_TIMEOUT:.0f} s:\n{tail(log)}")
        print(f"server: pid {process.pid} answering at {base} after "
              f"{time.monotonic() - started:.1f} s", flush=True)  # fmt: skip
        yield base, process, monitor
    finally:
        stop(process)
        monitor.stop()


def wait_until_answering(
    base: str, process: subprocess.Popen[bytes], started: float, log: Path
) -> bool:
    """Polls ``/api/stats`` until a 200 (True) or the startup timeout (False)."""
    with httpx.Client(base_url=base, timeout=5.0, trust_env=False) as probe:
        for _ in range(int(STARTUP_TIMEOUT / 0.2)):
            if process.poll() is not None:
                raise SystemExit(f"server exited with {process.returncode}:\n{tail(log)}")
            with contextlib.suppress(httpx.HTTPError):
                if probe.get("/api/stats").status_code == 200:
                    return True
            if time.monotonic() - started > STARTUP_TIMEOUT:
                return False
            time.sleep(0.2)
    return False


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # uvicorn shuts down gracefully
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"server: no exit {STOP_TIMEOUT:.0f} s after SIGINT, killing", flush=True)
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


def tail(log: Path, chars: int = 4000) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


# --- the load -------------------------------------------------------------------------------


@dataclass
class Workload:
    """Draws (route class, URL) pairs for the mix."""

    queries: list[str]
    ids: list[str]
    classes: list[str] = field(default_factory=lambda: list(MIX))
    weights: list[int] = field(default_factory=lambda: list(MIX.values()))

    def pick(self, rng: random.Random) -> tuple[str, str]:
        name = rng.choices(self.classes, self.weights)[0]
        if name == "search_page":
            params: dict[str, Any] = {"q": rng.choice(self.queries)}
            if rng.random() < 0.2:
                params["sort"] = "date"
            if rng.random() < 0.2:
                params["offset"] = rng.choice((20, 40, 60))
            return name, "/search?" + urlencode(params)
        if name == "api_search":
            params = {"q": rng.choice(self.queries), "limit": 10}
            if rng.random() < 0.2:
                params["sort"] = "date"
            return name, "/api/search?" + urlencode(params)
        if name == "document_page":
            return name, f"/documents/{rng.choice(self.ids)}"
        if name == "citation":
            style = rng.choice(STYLES)
            return name, f"/api/documents/{rng.choice(self.ids)}/citation?style={style}"
        return name, "/static/style.css"


@dataclass
class Tally:
    """Latencies (ms) per route class, errors per (class, status) and a few error texts."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in MIX})
    #: the latencies of the 2xx responses alone (a fast error page would flatter the above)
    ok: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in MIX})
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)
    #: citation latencies by style (every response)
    styles: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STYLES})

    def error(self, name: str, status: str, url: str, text: str) -> None:
        self.errors[name, status] += 1
        kept = self.samples.setdefault(f"{name} {status}", [])
        if len(kept) < ERROR_SAMPLES:
            match = HTML_DETAIL.search(text)  # an HTML error page: its one-line detail
            shown = html.unescape(match.group(1)) if match else text
            kept.append(f"GET {url}: {' '.join(shown.split())[:1500]}")


async def client_loop(
    client: httpx.AsyncClient,
    workload: Workload,
    rng: random.Random,
    deadline: float,
    tally: Tally,
    think: float = 0.0,
) -> None:
    for count in range(MAX_REQUESTS_PER_CLIENT):
        if count and think > 0:  # a reader's pause between pages (exponential, mean ``think``)
            await asyncio.sleep(min(rng.expovariate(1 / think), 10 * think))
        if time.monotonic() >= deadline:
            return
        name, url = workload.pick(rng)
        started = time.perf_counter()
        try:
            response = await client.get(url)
        except httpx.HTTPError as error:
            tally.latencies[name].append((time.perf_counter() - started) * 1000)
            tally.error(name, type(error).__name__, url, repr(error))
            continue
        elapsed = (time.perf_counter() - started) * 1000
        tally.latencies[name].append(elapsed)
        if name == "citation":
            tally.styles[url.rsplit("=", 1)[1]].append(elapsed)
        if 200 <= response.status_code < 300:
            tally.ok[name].append(elapsed)
        else:
            tally.error(name, str(response.status_code), url, response.text)


async def load(
    base: str, workload: Workload, clients: int, seconds: float, seed: int, think: float = 0.0
) -> tuple[Tally, float]:
    """``clients`` loops for ``seconds`` over one client with a connection each; the tally and
    the wall time it took."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(REQUEST_TIMEOUT)
    tally = Tally()
    async with httpx.AsyncClient(
        base_url=base, limits=limits, timeout=timeout, trust_env=False
    ) as client:
        started = time.monotonic()
        deadline = started + seconds
        loops = [
            client_loop(client, workload, random.Random(seed * 1000 + i), deadline, tally, think)
            for i in range(clients)
        ]
        await asyncio.wait_for(asyncio.gather(*loops), seconds + REQUEST_TIMEOUT + 30)
        elapsed = time.monotonic() - started
    return tally, elapsed


# --- the figures ----------------------------------------------------------------------------


def percentiles(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    ordered = sorted(samples)
    if len(ordered) == 1:
        return {"p50": ordered[0], "p95": ordered[0], "p99": ordered[0], "max": ordered[0]}
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": statistics.median(ordered), "p95": cuts[94], "p99": cuts[98],
            "max": ordered[-1]}  # fmt: skip


def figures(tally: Tally, elapsed: float) -> dict[str, Any]:
    routes: dict[str, Any] = {}
    for name, samples in tally.latencies.items():
        errors = sum(count for (route, _), count in tally.errors.items() if route == name)
        ok = {f"ok_{key}": value for key, value in percentiles(tally.ok[name]).items()}
        routes[name] = {"requests": len(samples), "rps": len(samples) / elapsed,
                        "errors": errors, **percentiles(samples), "ok": len(tally.ok[name]),
                        "ok_rps": len(tally.ok[name]) / elapsed, **ok}  # fmt: skip
    base = routes[BASELINE]["p95"]
    for entry in routes.values():
        entry["p95_vs_static"] = entry["p95"] / base if entry["p95"] and base else None
    total = sum(len(samples) for samples in tally.latencies.values())
    every = [value for samples in tally.latencies.values() for value in samples]
    overall = {"requests": total, "rps": total / elapsed, "errors": sum(tally.errors.values()),
               **percentiles(every)}  # fmt: skip
    return {"elapsed_s": elapsed, "overall": overall, "routes": routes,
            "errors": {f"{name} {status}": count for (name, status), count
                       in sorted(tally.errors.items())},
            "error_samples": tally.samples,
            "citation_styles": {style: {"requests": len(samples), **percentiles(samples)}
                                for style, samples in tally.styles.items()}}  # fmt: skip


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def print_table(result: dict[str, Any]) -> None:
    run = result["run"]
    print(f"\n{result['store']['documents']:,} documents, {result['config']['clients']} clients, "
          f"{run['elapsed_s']:.1f} s measured (after {result['config']['warmup_s']:.0f} s "
          f"warm-up)")  # fmt: skip
    print(f"{'route':<14} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'max ms':>8} {'errors':>7} {'p95/static':>11}")  # fmt: skip
    rows = [*run["routes"].items(), ("all", run["overall"])]
    for name, entry in rows:
        ratio = entry.get("p95_vs_static")
        print(f"{name:<14} {entry['requests']:>9,} {entry['rps']:>8,.1f} {ms(entry['p50']):>8} "
              f"{ms(entry['p95']):>8} {ms(entry['p99']):>8} {ms(entry['max']):>8} "
              f"{entry['errors']:>7,} {'-' if ratio is None else f'{ratio:.1f}x':>11}")  # fmt: skip
    if run["overall"]["errors"]:
        print("2xx responses alone (errors left out):")
        print(f"{'route':<14} {'ok':>9} {'ok/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for name, entry in run["routes"].items():
            print(f"{name:<14} {entry['ok']:>9,} {entry['ok_rps']:>8,.1f} "
                  f"{ms(entry['ok_p50']):>8} {ms(entry['ok_p95']):>8} "
                  f"{ms(entry['ok_p99']):>8}")  # fmt: skip
    print("citations by style: " + ", ".join(
        f"{style} p50 {ms(entry['p50'])} / p95 {ms(entry['p95'])} ms"
        for style, entry in run["citation_styles"].items()))  # fmt: skip
    server = result["server"]
    print(
        f"server: peak RSS {server['peak_rss_mb']:,.0f} MB (idle after start "
        f"{server['start_rss_mb']:,.0f} MB; peak without file-backed pages "
        f"{server['peak_anon_mb']:,.0f} MB), {server['peak_threads']} threads at most; at the end "
        f"USS {server['end_uss_mb']:,.0f} MB, PSS {server['end_pss_mb']:,.0f} MB"
    )
    print(f"CPU during the run: server {server['cpu_cores']:.2f} cores, client "
          f"{result['client']['cpu_cores']:.2f} cores")  # fmt: skip
    for key, count in result["warmup"]["errors"].items():
        print(f"warm-up error: {key}: {count}")
    for key, count in run["errors"].items():
        print(f"error: {key}: {count}")
    for key, texts in {**result["warmup"]["error_samples"], **run["error_samples"]}.items():
        for text in texts:
            print(f"  {key}: {text[:600]}")


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    run, documents = result["run"], result["store"]["documents"]
    errors = run["overall"]["errors"] + sum(result["warmup"]["errors"].values())
    checks = [{"target": "0 errors", "value": errors, "pass": errors == 0}]
    for label, names, limit in P95_TARGETS:
        for name in names:
            p95, ok_p95 = run["routes"][name]["p95"], run["routes"][name]["ok_p95"]
            checks.append({"target": f"{name} p95 < {limit:.0f} ms ({label})", "value": p95,
                           "pass": p95 is not None and p95 < limit, "ok_value": ok_p95,
                           "ok_pass": ok_p95 is not None and ok_p95 < limit})  # fmt: skip
    peak = result["server"]["peak_rss_mb"]
    checks.append({"target": f"server RSS < {RSS_TARGET_MB:.0f} MB", "value": peak,
                   "pass": peak < RSS_TARGET_MB})  # fmt: skip
    note = "" if documents >= 100_000 else f" (targets are for 100k documents; {documents:,} here)"
    print(f"\ntargets{note}:")
    for check in checks:
        value = check["value"]
        shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
        line = f"  {'PASS' if check['pass'] else 'FAIL'}  {check['target']}: {shown}"
        if "ok_value" in check and run["overall"]["errors"]:
            verdict = "PASS" if check["ok_pass"] else "FAIL"
            line += f" (2xx alone: {ms(check['ok_value'])}, {verdict})"
        print(line)
    return checks


# --- the driver -----------------------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    started = time.perf_counter()
    build = build_store(work, args.documents, args.seed)
    build["build_s"] = time.perf_counter() - started
    print(f"build: {build['build_s']:.1f} s in all (corpus {build['corpus_mb']:,.0f} MB, store "
          f"{build['store_mb']:,.0f} MB, index {build['index_mb']:,.0f} MB)")  # fmt: skip
    db = work / "archive.db"
    documents, ids = sample_ids(db, SAMPLE_IDS, rng)
    workload = Workload(read_queries(QUERIES), ids)
    result: dict[str, Any] = {
        "config": {"documents": args.documents, "clients": args.clients, "seconds": args.seconds,
                   "think_s": args.think,
                   "warmup_s": args.warmup, "seed": args.seed, "mix": MIX, "cpus": os.cpu_count(),
                   "queries": len(workload.queries), "sampled_ids": len(ids)},
        "build": build,
        "store": {"documents": documents, "path": str(db)},
    }  # fmt: skip
    log = work / "serve.log"
    with server(db, log) as (base, process, monitor):
        result["server"] = {"start_rss_mb": monitor.last / 2**20}
        if args.warmup > 0:
            print(f"warm-up: {args.warmup:.0f} s ...", flush=True)
            warm, _ = asyncio.run(load(base, workload, args.clients, args.warmup, args.seed + 1))
            result["warmup"] = {"requests": sum(map(len, warm.latencies.values())),
                                "errors": {f"{n} {s}": c for (n, s), c in warm.errors.items()},
                                "error_samples": warm.samples}  # fmt: skip
        else:
            result["warmup"] = {"requests": 0, "errors": {}, "error_samples": {}}
        print(f"load: {args.clients} clients for {args.seconds:.0f} s ...", flush=True)
        server_cpu, client_cpu = monitor.cpu_seconds(), time.process_time()
        tally, elapsed = asyncio.run(
            load(base, workload, args.clients, args.seconds, args.seed + 2, args.think)
        )
        server_cpu = monitor.cpu_seconds() - server_cpu
        client_cpu = time.process_time() - client_cpu
        uss, pss = monitor.unique_mb()  # the per-thread archives are still open
        alive = process.poll() is None
    result["run"] = figures(tally, elapsed)
    result["server"] |= {"peak_rss_mb": monitor.peak / 2**20,
                         "peak_anon_mb": monitor.peak_anon / 2**20,
                         "peak_threads": monitor.peak_threads, "end_uss_mb": uss,
                         "end_pss_mb": pss, "cpu_cores": server_cpu / elapsed,
                         "alive_after_run": alive, "exit_code": process.returncode,
                         "log_tail": tail(log)}  # fmt: skip
    result["client"] = {"cpu_cores": client_cpu / elapsed}
    print_table(result)
    if result["server"]["log_tail"].strip():
        print(f"\nserver output ({log}):\n{result['server']['log_tail']}")
    result["targets"] = targets(result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=100_000, help="synthetic documents")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=WARMUP_SECONDS, help="untimed seconds")
    parser.add_argument("--workdir", type=Path, help="keep the corpus and store here, reused")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--think", type=float, default=0.0,
        help="mean seconds a client waits between requests (0: as fast as it can)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.documents < 1 or args.clients < 1 or args.seconds <= 0:
        parser.error("--documents, --clients and --seconds must be positive")
    print(f"centralfiles serve benchmark ({os.cpu_count()} cores)", flush=True)
    with contextlib.ExitStack() as stack:
        if args.workdir:
            work = args.workdir
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cf-serve-")))
        result = run(args, work.resolve())
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
