"""Servers for the reliability tests: the production server (``argmap serve --workers``) in a
subprocess, and the werkzeug server in a thread, both on free loopback ports over map folders the
tests write.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from werkzeug.serving import make_server

from argmap.web import create_app


def saved_versions(database: Path) -> dict[str, list[int]]:
    """Every map in the SQLite file with its version numbers, read straight from the file."""
    if not database.exists():
        return {}
    out: dict[str, list[int]] = {}
    with contextlib.closing(sqlite3.connect(database)) as db:
        for map_id, version in db.execute("SELECT map_id, version FROM versions ORDER BY map_id, version"):
            out.setdefault(map_id, []).append(version)
    return out


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def request(url: str, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
    """One HTTP request; an error status is a reply, not an exception."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return Reply(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Production:
    url: str
    process: subprocess.Popen[str]
    import_dir: Path

    @property
    def database(self) -> Path:
        return self.import_dir.parent / "argmap.sqlite3"

    def workers(self) -> list[int]:
        """The pids of the master's worker processes (Linux: read from /proc)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)


@contextmanager
def production_server(maps_dir: Path, import_dir: Path, *args: str, workers: int = 2) -> Iterator[Production]:
    """``python -m argmap serve --workers N`` on a free port; stopped with SIGTERM afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "argmap", "serve", "--maps", str(maps_dir), "--port", str(port)]
    command += ["--workers", str(workers), *args]
    env = {**os.environ, "ARGMAP_IMPORT_DIR": str(import_dir)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(f"argmap serve exited with {process.returncode}: {output}")
            try:
                answered = request(f"{url}/api/maps").status == 200
            except OSError:
                answered = False
            if answered and len(Production(url, process, import_dir).workers()) == workers:
                break
            if time.monotonic() > deadline:
                pytest.fail("argmap serve did not answer within 30 s")
            time.sleep(0.1)
        yield Production(url, process, import_dir)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout:
            process.stdout.close()


def small_map(map_id: str = "small") -> dict[str, Any]:
    return {
        "id": map_id,
        "title": "A small map",
        "question": "Which holds?",
        "analysts": [{"id": "ann", "name": "Ann"}],
        "propositions": [
            {"id": "e1", "text": "Seen", "kind": "evidence"},
            {"id": "h1", "text": "It happened", "kind": "hypothesis"},
            {"id": "h2", "text": "It did not", "kind": "hypothesis"},
        ],
        "relations": [
            {"id": "r1", "from": "e1", "to": "h1", "kind": "support", "by": ["ann"]},
            {"id": "r2", "from": "h1", "to": "h2", "kind": "attack"},
        ],
    }


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A maps folder with one shipped map, ``small``."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "small.yaml").write_text(yaml.safe_dump(small_map(), sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def live(shipped: Path, tmp_path: Path) -> Iterator[str]:
    """The real app in a threaded werkzeug server; imports go to tmp_path/imports."""
    app = create_app({"MAPS_DIR": str(shipped), "IMPORT_DIR": str(tmp_path / "imports")})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def http() -> Callable[..., Reply]:
    return request


@pytest.fixture
def serve_production(shipped: Path, tmp_path: Path) -> Callable[..., Any]:
    """Start the production server over ``shipped`` (or ``maps_dir``): use as a context manager."""

    def start(*args: str, workers: int = 2, maps_dir: Path | None = None) -> Any:
        return production_server(maps_dir or shipped, tmp_path / "imports", *args, workers=workers)

    return start


@pytest.fixture(scope="session")
def versions_in() -> Callable[[Path], dict[str, list[int]]]:
    """``versions_in(database)``: every map in the SQLite file with its version numbers."""
    return saved_versions


@pytest.fixture(scope="session")
def documents() -> Callable[[str], dict[str, Any]]:
    """``documents(id)``: a fresh small valid map document with that id."""
    return small_map
