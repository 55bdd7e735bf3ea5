"""Concurrent saves of one version: exactly one wins and the others get 412, in threads of one server,
across gunicorn workers and in separate processes sharing the database; writers that reload and
retry lose no update.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from argmap.store import MapStore

Http = Callable[..., Any]
Documents = Callable[[str], dict[str, Any]]
Versions = Callable[[Path], dict[str, list[int]]]

RACERS = 12


def put(http: Http, url: str, doc: dict[str, Any], version: int) -> Any:
    headers = {"Content-Type": "application/json", "If-Match": f'"{version}"'}
    return http(f"{url}/api/maps/{doc['id']}", "PUT", json.dumps(doc).encode(), headers)


def race(http: Http, url: str, documents: Documents) -> list[Any]:
    created = http(f"{url}/api/maps", "POST", json.dumps(documents("contested")).encode(), {})
    assert created.status == 201 and created.headers["etag"] == '"1"'
    bodies = [{**documents("contested"), "title": f"Racer {i}"} for i in range(RACERS)]
    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(lambda doc: put(http, url, doc, 1), bodies))


def assert_one_winner(replies: list[Any]) -> None:
    statuses = sorted(r.status for r in replies)
    assert statuses == [200] + [412] * (RACERS - 1), statuses
    assert all("Nothing was overwritten" in r.json()["error"] for r in replies if r.status == 412)
    winner = next(r for r in replies if r.status == 200)
    assert winner.headers["etag"] == '"2"' and winner.json()["version"] == 2


def test_concurrent_saves_in_threads_have_one_winner(
    live: str, http: Http, documents: Documents, versions_in: Versions, tmp_path: Path
) -> None:
    assert_one_winner(race(http, live, documents))
    assert versions_in(tmp_path / "argmap.sqlite3") == {"contested": [1, 2]}
    assert http(f"{live}/api/maps/contested").json()["title"].startswith("Racer ")


def test_concurrent_saves_across_gunicorn_workers_have_one_winner(
    serve_production: Callable[..., Any], http: Http, documents: Documents, versions_in: Versions
) -> None:
    if sys.platform != "linux":
        pytest.skip("gunicorn: Unix")
    with serve_production(workers=2) as server:
        assert_one_winner(race(http, server.url, documents))
        assert versions_in(server.database) == {"contested": [1, 2]}
        seen = {
            (r.headers["etag"], r.json()["title"]) for r in (http(f"{server.url}/api/maps/contested") for _ in range(8))
        }
        assert len(seen) == 1 and next(iter(seen))[0] == '"2"'  # every worker serves the winner


def test_writers_that_reload_and_retry_lose_no_update(
    live: str, http: Http, documents: Documents, versions_in: Versions, tmp_path: Path
) -> None:
    doc = documents("shared")
    assert http(f"{live}/api/maps", "POST", json.dumps(doc).encode(), {}).status == 201

    def add_evidence(writer: int) -> None:
        for n in range(3):
            while True:
                current = http(f"{live}/api/maps/shared")
                body = current.json()
                body["propositions"].append({"id": f"w{writer}-{n}", "text": "Added", "kind": "evidence"})
                reply = put(http, live, body, int(current.headers["etag"].strip('"')))
                if reply.status == 200:
                    break
                assert reply.status == 412

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(add_evidence, range(4)))
    final = http(f"{live}/api/maps/shared").json()
    added = sorted(p["id"] for p in final["propositions"] if p["id"].startswith("w"))
    assert added == sorted(f"w{w}-{n}" for w in range(4) for n in range(3))
    assert versions_in(tmp_path / "argmap.sqlite3") == {"shared": list(range(1, 14))}


RACER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from argmap.errors import StaleVersion
    from argmap.store import MapStore
    shipped, imports, go, doc = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
    store = MapStore(shipped, imports)
    store.get("contested")
    while not go.exists():
        time.sleep(0.001)
    try:
        store.save("contested", doc, expected={1})
        print("200")
    except StaleVersion:
        print("412")
    """
)


def test_separate_processes_sharing_the_database_have_one_winner(
    shipped: Path, tmp_path: Path, documents: Documents, versions_in: Versions
) -> None:
    imports, go = tmp_path / "imports", tmp_path / "go"
    MapStore(shipped, imports).add(json.dumps(documents("contested")))
    racers = []
    for i in range(6):
        doc = {**documents("contested"), "title": f"Process {i}"}
        command = [sys.executable, "-c", RACER, str(shipped), str(imports), str(go), json.dumps(doc)]
        racers.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    time.sleep(1.5)  # let every process load its store and wait
    go.touch()
    results = [p.communicate(timeout=60) for p in racers]
    assert all(p.returncode == 0 for p in racers), [err for _, err in results]
    assert sorted(out.strip() for out, _ in results) == ["200"] + ["412"] * 5
    assert versions_in(tmp_path / "argmap.sqlite3") == {"contested": [1, 2]}
    assert MapStore(shipped, imports).get("contested").title.startswith("Process ")
