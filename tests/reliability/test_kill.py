"""A process killed (SIGKILL) anywhere in an import or a save loses no saved version and leaves no
half-written map: the database passes SQLite's integrity check, every version a save reported is
there and whole, versions run 1..newest without a gap, and the next save simply works.

The child slows SQLite down inside its transactions (a progress handler that sleeps), so that kills
land while a version is being written as well as before and after.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from argmap.changes import checked
from argmap.store import MapStore
from argmap.web import create_app

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

WRITER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from argmap.store import MapStore

    shipped, imports, source, mode = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    store = MapStore(shipped, imports)
    connection = store.database._connection(create=True)
    connection.set_progress_handler(lambda: time.sleep(0.001) or 0, 1)  # slow writes: kills land inside them
    text = source.read_text(encoding="utf-8")
    print("ready", flush=True)
    if mode == "import":
        store.add(text, "big.json")
        print("imported", flush=True)
        sys.exit(0)
    doc = json.loads(text)
    version = store.current("big").version
    while True:
        doc["title"] = f"Version {version + 1}"
        version = store.save("big", doc, expected={version}).version
        print(f"saved {version}", flush=True)
    """
)


def big_document(n: int = 2000) -> dict[str, Any]:
    props = [{"id": f"e{i}", "text": f"Evidence {i} " + "x" * 80, "kind": "evidence"} for i in range(n)]
    props.append({"id": "h1", "text": "The answer", "kind": "hypothesis"})
    rels = [{"id": f"r{i}", "from": f"e{i}", "to": "h1", "kind": "support"} for i in range(n)]
    return {
        "id": "big",
        "title": "Version 1",
        "question": "",
        "analysts": [],
        "sources": [],
        "propositions": props,
        "relations": rels,
    }


def start(shipped: Path, imports: Path, source: Path, mode: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", WRITER, str(shipped), str(imports), str(source), mode]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.stderr.read() if process.stderr else ""
    return process


def kill(process: subprocess.Popen[str]) -> list[str]:
    """SIGKILL the child; return what it printed."""
    os.kill(process.pid, signal.SIGKILL)
    out, _ = process.communicate(timeout=30)
    return out.split()


def assert_whole(database: Path, shipped: Path, imports: Path, expected: dict[str, Any]) -> list[int]:
    """The database is sound and every version of ``big`` is complete; return its version numbers."""
    if not database.exists():
        return []
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT version, document FROM versions WHERE map_id = 'big' ORDER BY version").fetchall()
        head = db.execute("SELECT head FROM maps WHERE id = 'big'").fetchone()
    numbers = [n for n, _ in rows]
    assert numbers == list(range(1, len(rows) + 1))
    assert (head[0] if head else 0) == len(rows)
    for number, document in rows:
        m, _ = checked(json.loads(document))
        assert m.title == f"Version {number}" and len(m.propositions) == len(expected["propositions"])
        assert m.to_document() == {**expected, "title": f"Version {number}"}
    client = create_app({"MAPS_DIR": str(shipped), "IMPORT_DIR": str(imports)}).test_client()
    listed = sorted(m["id"] for m in client.get("/api/maps").get_json())
    assert listed == (["big", "small"] if rows else ["small"])
    return numbers


@pytest.mark.parametrize("seed", range(3))
def test_a_kill_at_a_random_point_of_an_import_leaves_the_whole_map_or_nothing(
    shipped: Path, tmp_path: Path, seed: int
) -> None:
    doc = big_document()
    source = tmp_path / "big.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    imports = tmp_path / "imports"
    process = start(shipped, imports, source, "import")
    time.sleep(random.Random(seed).uniform(0, 0.5))
    printed = kill(process)
    numbers = assert_whole(tmp_path / "argmap.sqlite3", shipped, imports, doc)
    assert numbers in ([], [1]) and ("imported" not in printed or numbers == [1])
    store = MapStore(shipped, imports)  # the import can simply be tried again
    if not numbers:
        store.add(source.read_text(encoding="utf-8"), "big.json")
    assert store.get("big").title == "Version 1"


@pytest.mark.parametrize("seed", range(5))
def test_a_kill_during_saves_loses_no_saved_version(shipped: Path, tmp_path: Path, seed: int) -> None:
    doc = big_document()
    imports = tmp_path / "imports"
    MapStore(shipped, imports).add(json.dumps(doc), "big.json")
    source = tmp_path / "big.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    process = start(shipped, imports, source, "save")
    assert process.stdout is not None
    printed = [process.stdout.readline() for _ in range(1 + seed % 3)]  # let a few saves land, then kill
    assert all(line.startswith("saved") for line in printed)
    time.sleep(random.Random(seed).uniform(0, 0.3))
    printed = " ".join(printed).split() + kill(process)
    numbers = assert_whole(tmp_path / "argmap.sqlite3", shipped, imports, doc)
    reported = [int(word) for word in printed if word.isdigit()]
    assert set(reported) <= set(numbers) and len(numbers) >= 2 + seed % 3
    store = MapStore(shipped, imports)
    after = store.save("big", {**doc, "title": f"Version {numbers[-1] + 1}"}, expected={numbers[-1]})
    assert after.version == numbers[-1] + 1
    assert_whole(tmp_path / "argmap.sqlite3", shipped, imports, doc)
