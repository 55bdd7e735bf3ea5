"""A process killed (SIGKILL) anywhere in an import leaves the imports folder valid: the whole map or
nothing, and the temporary file it was writing is never read as a map.

The importing child writes slowly (4 KiB at a time, flushed, with a pause), so that kills land while
the file is half written as well as before and after.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from argmap.document import load
from argmap.store import MapStore
from argmap.web import create_app
from argmap.web.production import remove_stale_temporary_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

IMPORTER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import argmap.store
    from argmap.store import MapStore

    real_fdopen = os.fdopen

    class Slow:
        def __init__(self, fh):
            self.fh = fh
        def write(self, text):
            print("writing", flush=True)
            for i in range(0, len(text), 4096):
                self.fh.write(text[i : i + 4096])
                self.fh.flush()
                time.sleep(0.001)
        def __getattr__(self, name):
            return getattr(self.fh, name)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)

    argmap.store.os.fdopen = lambda fd, *a, **k: Slow(real_fdopen(fd, *a, **k))
    store = MapStore(Path(sys.argv[1]), Path(sys.argv[2]))
    text = Path(sys.argv[3]).read_text(encoding="utf-8")
    print("ready", flush=True)
    store.add(text, "big.json")
    print("done", flush=True)
    """
)


def big_document(n: int = 3000) -> dict[str, Any]:
    props = [{"id": f"e{i}", "text": f"Evidence {i} " + "x" * 80, "kind": "evidence"} for i in range(n)]
    props.append({"id": "h1", "text": "The answer", "kind": "hypothesis"})
    rels = [{"id": f"r{i}", "from": f"e{i}", "to": "h1", "kind": "support"} for i in range(n)]
    return {
        "id": "big",
        "title": "A big import",
        "question": "",
        "analysts": [],
        "sources": [],
        "propositions": props,
        "relations": rels,
    }


def start_import(shipped: Path, imports: Path, source: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", IMPORTER, str(shipped), str(imports), str(source)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.stderr.read() if process.stderr else ""
    return process


def assert_whole_map_or_nothing(shipped: Path, imports: Path, expected: dict[str, Any]) -> bool:
    """The folder holds the complete map or no map; a fresh server starts and agrees. Return whether it is there."""
    maps = sorted(p for p in imports.iterdir() if not p.name.startswith(".")) if imports.exists() else []
    assert [p.name for p in maps] in ([], ["big.json"])
    if maps:
        assert load(maps[0]).to_document() == expected
    leftovers = [p.name for p in imports.iterdir() if p.name.startswith(".")] if imports.exists() else []
    assert all(name.startswith(".big.json.") and name.endswith(".tmp") for name in leftovers), leftovers
    client = create_app({"MAPS_DIR": str(shipped), "IMPORT_DIR": str(imports)}).test_client()
    listed = sorted(m["id"] for m in client.get("/api/maps").get_json())
    assert listed == (["big", "small"] if maps else ["small"])
    return bool(maps)


@pytest.mark.parametrize("seed", range(6))
def test_a_kill_at_a_random_point_of_an_import_leaves_the_whole_map_or_nothing(
    shipped: Path, tmp_path: Path, seed: int
) -> None:
    doc = big_document()
    source = tmp_path / "big.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    imports = tmp_path / "imports"
    process = start_import(shipped, imports, source)
    rng = random.Random(seed)
    if seed % 2:  # half the kills wait for the write to start, so that they land inside it
        assert process.stdout is not None and process.stdout.readline().strip() == "writing"
        time.sleep(rng.uniform(0, 0.05))
    else:
        time.sleep(rng.uniform(0, 0.6))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    if process.stdout:
        process.stdout.close()
    if process.stderr:
        process.stderr.close()
    saved = assert_whole_map_or_nothing(shipped, imports, doc)
    # The import can simply be tried again: it lands, or the map is there already.
    store = MapStore(shipped, imports)
    if saved:
        assert store.get("big").title == "A big import"
    else:
        assert store.add(source.read_text(encoding="utf-8"), "big.json").id == "big"
        assert_whole_map_or_nothing(shipped, imports, doc)


def test_a_kill_in_the_middle_of_writing_leaves_only_a_temporary_file(shipped: Path, tmp_path: Path) -> None:
    doc = big_document()
    source = tmp_path / "big.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    imports = tmp_path / "imports"
    process = start_import(shipped, imports, source)
    assert process.stdout is not None and process.stdout.readline().strip() == "writing"
    time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    if process.stderr:
        process.stderr.close()
    temporary = [p for p in imports.iterdir() if p.name.startswith(".")]
    assert len(temporary) == 1 and 0 < temporary[0].stat().st_size < len(json.dumps(doc, indent=2))
    assert assert_whole_map_or_nothing(shipped, imports, doc) is False
    old = time.time() - 7200
    os.utime(temporary[0], (old, old))
    assert remove_stale_temporary_files(imports) == temporary
    assert list(imports.iterdir()) == []
