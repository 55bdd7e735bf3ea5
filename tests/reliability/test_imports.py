"""Imports never lose a map: concurrent imports of one id (one 201, the rest 409, in threads, in
gunicorn workers and in separate processes), failed imports leave nothing, the shipped maps are
never written, and every route that writes passes the write checks.
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
from argmap.web import create_app

Http = Callable[..., Any]
Documents = Callable[[str], dict[str, Any]]
Versions = Callable[[Path], dict[str, list[int]]]

RACERS = 16


def post(http: Http, url: str, doc: dict[str, Any]) -> Any:
    return http(f"{url}/api/maps", "POST", json.dumps(doc).encode(), {"Content-Type": "application/json"})


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and mtime."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def race(http: Http, url: str, documents: Documents, map_id: str) -> list[Any]:
    bodies = []
    for i in range(RACERS):
        doc = documents(map_id)
        doc["title"] = f"Racer {i}"
        bodies.append(doc)
    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(lambda doc: post(http, url, doc), bodies))


def assert_one_winner(replies: list[Any], database: Path, map_id: str, versions_in: Versions) -> None:
    statuses = sorted(r.status for r in replies)
    assert statuses == [201] + [409] * (RACERS - 1), statuses
    assert all("exists already" in r.json()["error"] for r in replies if r.status == 409)
    assert versions_in(database) == {map_id: [1]}
    winner = next(r for r in replies if r.status == 201).json()
    assert MapStore(Path("absent"), database=database).get(map_id).title == winner["title"]


def test_concurrent_imports_of_one_id_in_threads_have_one_winner(
    versions_in: Versions, live: str, http: Http, documents: Documents, tmp_path: Path
) -> None:
    replies = race(http, live, documents, "contested")
    assert_one_winner(replies, tmp_path / "argmap.sqlite3", "contested", versions_in)
    assert http(f"{live}/api/maps/contested").json()["title"].startswith("Racer ")


def test_concurrent_imports_of_one_id_across_gunicorn_workers_have_one_winner(
    versions_in: Versions, serve_production: Callable[..., Any], http: Http, documents: Documents
) -> None:
    if sys.platform != "linux":
        pytest.skip("gunicorn: Unix")
    with serve_production(workers=2) as server:
        replies = race(http, server.url, documents, "contested")
        assert_one_winner(replies, server.database, "contested", versions_in)
        titles = {http(f"{server.url}/api/maps/contested").json()["title"] for _ in range(8)}
        assert len(titles) == 1  # every worker serves the winner


def test_concurrent_imports_of_different_ids_all_land(
    versions_in: Versions, live: str, http: Http, documents: Documents, tmp_path: Path
) -> None:
    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda i: post(http, live, documents(f"map-{i}")), range(RACERS)))
    assert [r.status for r in replies] == [201] * RACERS
    assert versions_in(tmp_path / "argmap.sqlite3") == {f"map-{i}": [1] for i in range(RACERS)}
    listed = {m["id"] for m in http(f"{live}/api/maps").json()}
    assert listed == {"small", *(f"map-{i}" for i in range(RACERS))}


RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from argmap.errors import MapExists
    from argmap.store import MapStore
    shipped, imports, go, text = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    store = MapStore(shipped, imports)
    store.list()
    while not go.exists():
        time.sleep(0.001)
    try:
        store.add(text, "race.json")
        print("201")
    except MapExists:
        print("409")
    """
)


def test_separate_processes_sharing_the_imports_folder_have_one_winner(
    versions_in: Versions, shipped: Path, tmp_path: Path, documents: Documents
) -> None:
    imports, go = tmp_path / "imports", tmp_path / "go"
    racers = []
    for i in range(6):
        doc = documents("contested")
        doc["title"] = f"Process {i}"
        command = [sys.executable, "-c", RACER, str(shipped), str(imports), str(go), json.dumps(doc)]
        racers.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    time.sleep(1.0)  # let every process load its store and wait
    go.touch()
    results = [p.communicate(timeout=60) for p in racers]
    assert all(p.returncode == 0 for p in racers), [err for _, err in results]
    assert sorted(out.strip() for out, _ in results) == ["201"] + ["409"] * 5
    assert versions_in(tmp_path / "argmap.sqlite3") == {"contested": [1]}
    assert MapStore(shipped, imports).get("contested").title.startswith("Process ")


def test_a_failed_import_leaves_nothing_behind(
    versions_in: Versions, live: str, http: Http, documents: Documents, tmp_path: Path
) -> None:
    broken = documents("broken")
    broken["relations"][0]["to"] = "nowhere"
    reply = post(http, live, broken)
    assert reply.status == 400 and any(
        "relations[0].to: no proposition" in d and "'nowhere'" in d for d in reply.json()["details"]
    )
    reply = http(f"{live}/api/maps", "POST", b"\xff\xfe not text", {"Content-Type": "application/json"})
    assert reply.status == 400
    assert versions_in(tmp_path / "argmap.sqlite3") == {}
    assert http(f"{live}/api/maps/broken").status == 404


def test_an_import_never_damages_an_existing_map(live: str, http: Http, documents: Documents, tmp_path: Path) -> None:
    assert post(http, live, documents("kept")).status == 201
    before = http(f"{live}/api/maps/kept/versions").json()
    changed = documents("kept")
    changed["title"] = "Overwritten?"
    assert post(http, live, changed).status == 409
    assert http(f"{live}/api/maps/kept/versions").json() == before
    assert http(f"{live}/api/maps/kept").json()["title"] == "A small map"


def test_the_shipped_maps_are_never_written(
    versions_in: Versions, live: str, http: Http, documents: Documents, shipped: Path, tmp_path: Path
) -> None:
    before = snapshot(shipped)
    reply = post(http, live, documents("small"))  # the id of a shipped map
    assert reply.status == 409 and "exists already" in reply.json()["error"]
    assert post(http, live, documents("imported")).status == 201
    for path in ("/", "/maps/small", "/maps/imported?off=e1", "/api/maps/small/export?format=aif", "/maps/small/ach"):
        assert http(live + path).status == 200, path
    for path in ("/api/maps/small/labels", "/api/maps/small/hinges", "/api/maps/small/explain/h1"):
        assert http(live + path).status == 200, path
    copy = http(f"{live}/api/maps/small/copy", "POST", b'{"id": "mine"}', {"Content-Type": "application/json"})
    assert copy.status == 201
    mine = {**documents("mine"), "title": "Mine"}
    saved = http(f"{live}/api/maps/mine", "PUT", json.dumps(mine).encode(), {"If-Match": '"1"'})
    assert saved.status == 200
    assert snapshot(shipped) == before
    assert versions_in(tmp_path / "argmap.sqlite3") == {"imported": [1], "mine": [1, 2]}


WRITES = {
    ("/api/maps", "POST"),
    ("/api/maps/<map_id>", "PUT"),
    ("/api/maps/<map_id>", "DELETE"),
    ("/api/maps/<map_id>/copy", "POST"),
    ("/api/maps/<map_id>/versions/<int:number>/restore", "POST"),
    ("/api/evaluate", "POST"),  # stores nothing, but serves editors only
}


def test_only_the_saving_routes_accept_a_write_and_each_checks_the_token(
    versions_in: Versions, shipped: Path, tmp_path: Path, documents: Documents
) -> None:
    app = create_app({"MAPS_DIR": str(shipped), "IMPORT_DIR": str(tmp_path / "imports"), "TOKEN": "t0ken"})
    writes = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - {"GET", "HEAD", "OPTIONS"}
    }
    assert writes == WRITES
    assert Path(app.config["IMPORT_DIR"]).resolve() != shipped.resolve()
    client = app.test_client()
    headers = {"Authorization": "Bearer t0ken"}
    assert client.post("/api/maps", json=documents("m"), headers=headers).status_code == 201
    for rule, method in sorted(WRITES):
        url = rule.replace("<map_id>", "m").replace("<int:number>", "1")
        response = client.open(url, method=method, json=documents("m"), headers={"If-Match": '"1"'})
        assert response.status_code == 401, (rule, method)
    assert versions_in(tmp_path / "argmap.sqlite3") == {"m": [1]}
