"""Load on the production server: requests per second, p50/p99 latency and errors per endpoint.

Run: ``.venv/bin/python -m benchmarks.load [--seconds 10] [--connections 32] [--workers 2]``.

It starts ``argmap serve --workers N --read-only`` on a free loopback port (127.0.0.1 only) over
the shipped map, warms every worker, then drives three endpoints one after the other, each for
``--seconds``: labels (rotating through the default scenario and each evidence item switched off,
as people clicking do), explain (each hypothesis in turn) and export (JSON), each flat out; then
labels again paced at ``--rate`` requests/s (1,000), for the latency at the target rate rather
than at saturation, where a closed-loop client only measures its own queue. Clients keep their
HTTP/1.1 connections alive. The client is ``wrk`` (Debian's package: ``apt-get install -y wrk``)
with a Lua script for the percentiles, so that the load generator is not the bottleneck; without
wrk, Python threads with keep-alive connections stand in (and say so: on 2 cores they take CPU
from the server). Target on 2 cores: labels flat out at 1,000 requests/s or more, and
p99 under 50 ms at 1,000 requests/s, with no errors. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

import argmap
from argmap.document import load

SEEDS = Path(argmap.__file__).resolve().parent.parent / "seeds"
DEFAULT_MAP = "kremlin-drone-2023"
HOST = "127.0.0.1"  # loopback only, whatever the options say
TARGET_RPS, TARGET_P99_MS = 1000, 50.0

WRK_SCRIPT = """
local paths = {%s}
local n = 0
local pause = %d
if pause > 0 then
  delay = function() return pause end
end
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'ARGMAP {"requests": %%d, "seconds": %%.3f, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


@dataclass
class Figures:
    endpoint: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.endpoint:<12} {self.rps:9.0f} req/s   p50 {self.p50_ms:7.2f} ms   p99 {self.p99_ms:7.2f} ms"
            f"   errors {self.errors:>5}   ({self.requests} requests in {self.seconds:.1f} s)"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def production_server(maps_dir: Path, workers: int, threads: int) -> Iterator[str]:
    """``argmap serve --workers N --read-only`` on a free loopback port, stopped with SIGTERM afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "argmap", "serve", "--maps", str(maps_dir), "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads), "--read-only"]
    with tempfile.TemporaryDirectory() as imports:
        env = {**os.environ, "ARGMAP_IMPORT_DIR": imports}
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"argmap serve exited: {process.stderr.read() if process.stderr else ''}")
                try:
                    with urllib.request.urlopen(f"{url}/api/maps", timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("argmap serve did not answer within 60 s")
                time.sleep(0.1)
            yield url
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()


def endpoint_paths(maps_dir: Path, map_id: str) -> dict[str, list[str]]:
    """The paths each endpoint is driven with: labels over many scenarios, explain over the hypotheses."""
    m = next(load(p) for p in sorted(maps_dir.iterdir()) if p.stem == map_id)
    base = f"/api/maps/{m.id}"
    labels = [f"{base}/labels"] + [f"{base}/labels?off={e}" for e in m.evidence]
    explain = [f"{base}/explain/{h}" for h in m.hypotheses or list(m.propositions)[:1]]
    return {"labels": labels, "explain": explain, "export": [f"{base}/export?format=json"]}


def warm(url: str, paths: list[str], rounds: int) -> None:
    """Ask every path a few times, so that each worker has evaluated each scenario once."""
    conn = HTTPConnection(HOST, int(url.rsplit(":", 1)[1]), timeout=30)
    for _ in range(rounds):
        for path in paths:
            conn.request("GET", path)
            conn.getresponse().read()
    conn.close()


def pause_ms(rate: float, connections: int) -> int:
    """The pause each connection takes between requests so that together they offer about ``rate`` req/s.

    A connection's cycle is its pause plus the answer's latency: 0.85 of the nominal period leaves room
    for the latency, and the achieved rate is reported, not assumed.
    """
    return max(1, round(0.85 * connections / rate * 1000)) if rate > 0 else 0


def run_wrk(
    wrk: str, url: str, paths: list[str], seconds: int, connections: int, threads: int, rate: float = 0
) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT % (", ".join(json.dumps(p) for p in paths), pause_ms(rate, connections)))
        script = fh.name
    try:
        command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script, url]
        output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        os.unlink(script)
    line = next(line for line in output.splitlines() if line.startswith("ARGMAP "))
    data = json.loads(line.removeprefix("ARGMAP "))
    return Figures("", data["requests"], data["seconds"], data["p50_us"] / 1000, data["p99_us"] / 1000, data["errors"])


def run_python(
    url: str, paths: list[str], seconds: int, connections: int, max_requests: int, rate: float = 0
) -> Figures:
    """Threads with one keep-alive connection each; stops at ``seconds`` or ``max_requests``."""
    pause = pause_ms(rate, connections) / 1000
    port = int(url.rsplit(":", 1)[1])
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    stop = time.perf_counter() + seconds
    budget = threading.Semaphore(max_requests)

    def client(k: int) -> None:
        conn = HTTPConnection(HOST, port, timeout=10)
        i = k
        while time.perf_counter() < stop and budget.acquire(blocking=False):
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[k] += 1
            except OSError:
                errors[k] += 1
                conn.close()
                conn = HTTPConnection(HOST, port, timeout=10)
            latencies[k].append(time.perf_counter() - started)
            if pause:
                time.sleep(pause)
        conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(k,)) for k in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    samples = sorted(x for per in latencies for x in per)
    if not samples:
        return Figures("", 0, elapsed, 0.0, 0.0, sum(errors))

    def pct(q: float) -> float:
        return samples[min(len(samples) - 1, int(q * len(samples)))] * 1000

    return Figures("", len(samples), elapsed, pct(0.50), pct(0.99), sum(errors))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per endpoint (1-60)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent keep-alive connections (1-256)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--maps", type=Path, default=SEEDS, help="maps folder served (default: the shipped maps)")
    parser.add_argument("--map", default=DEFAULT_MAP, help="map id driven")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per endpoint (python client)")
    parser.add_argument("--rate", type=float, default=TARGET_RPS, help="labels req/s offered in the paced run")
    args = parser.parse_args()
    seconds = max(1, min(60, args.seconds))
    connections = max(1, min(256, args.connections))
    wrk = shutil.which("wrk") if args.client in ("auto", "wrk") else None
    if args.client == "wrk" and wrk is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk, or use --client python")
    client = f"wrk ({wrk}, 1 thread, {connections} connections)" if wrk else f"python ({connections} threads)"

    paths = endpoint_paths(args.maps, args.map)
    print(f"command: {' '.join(['python -m benchmarks.load', *sys.argv[1:]])}")
    print(f"server:  argmap serve --workers {args.workers} --threads {args.threads} --read-only on {HOST}")
    print(f"cores:   {os.cpu_count()}   load average before: {os.getloadavg()[0]:.2f}")
    print(f"client:  {client}{'' if wrk else '  (shares the CPU with the server: figures are a floor)'}")
    print(f"map:     {args.map} ({len(paths['labels'])} labels scenarios, {len(paths['explain'])} explanations)")
    runs = [(name, name, 0.0) for name in paths] + [(f"labels@{args.rate:.0f}", "labels", args.rate)]
    results: dict[str, Figures] = {}
    with production_server(args.maps, args.workers, args.threads) as url:
        for label, endpoint, rate in runs:
            endpoint_list = paths[endpoint]
            warm(url, endpoint_list, rounds=3 * args.workers)
            if wrk:
                figures = run_wrk(wrk, url, endpoint_list, seconds, connections, 1, rate)
            else:
                figures = run_python(url, endpoint_list, seconds, connections, args.max_requests, rate)
            figures.endpoint = label
            results[label] = figures
            print(figures.line(), flush=True)
    flat_out, paced = results["labels"], results[f"labels@{args.rate:.0f}"]
    ok = (
        flat_out.rps >= TARGET_RPS
        and paced.rps >= 0.95 * min(args.rate, TARGET_RPS)
        and paced.p99_ms < TARGET_P99_MS
        and flat_out.errors == paced.errors == 0
    )
    print(
        f"labels {'meets' if ok else 'MISSES'} the target: >= {TARGET_RPS} req/s flat out "
        f"({flat_out.rps:.0f}), p99 < {TARGET_P99_MS:.0f} ms at {paced.rps:.0f} req/s ({paced.p99_ms:.1f} ms), "
        f"errors {flat_out.errors + paced.errors}"
    )


if __name__ == "__main__":
    main()
