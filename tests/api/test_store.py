"""MapStore: load once, reload on change, refuse broken folders, import atomically and exclusively."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.errors import InvalidMap, MapExists, MapNotFound, ReadOnly, TooLarge
from argmap.store import MapStore, Memo
from argmap.web import create_app


def write_map(folder: Path, name: str, doc: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_a_map_is_loaded_once_and_kept(maps_dir: Path) -> None:
    store = MapStore(maps_dir)
    store.load_all()
    assert store.get("small") is store.get("small")


def test_a_changed_file_is_reloaded(maps_dir: Path, small_map: dict[str, Any]) -> None:
    store = MapStore(maps_dir)
    store.load_all()
    first = store.get("small")
    path = write_map(maps_dir, "small.yaml", {**small_map, "title": "A changed title"})
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    second = store.get("small")
    assert second is not first
    assert second.title == "A changed title"


def test_a_new_file_is_found_and_a_removed_one_forgotten(maps_dir: Path, small_map: dict[str, Any]) -> None:
    store = MapStore(maps_dir)
    store.load_all()
    write_map(maps_dir, "other.yaml", {**small_map, "id": "other"})
    assert store.get("other").id == "other"
    (maps_dir / "small.yaml").unlink()
    with pytest.raises(MapNotFound, match="No map 'small'"):
        store.get("small")
    assert [m["id"] for m in store.list()] == ["other"]


def test_a_file_that_breaks_after_startup_says_why(maps_dir: Path) -> None:
    store = MapStore(maps_dir)
    store.load_all()
    (maps_dir / "small.yaml").write_text("id: small\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(Exception, match="small.yaml"):
        store.get("small")


def test_a_broken_map_stops_startup_with_every_problem(maps_dir: Path, small_map: dict[str, Any]) -> None:
    doc = {**small_map, "id": "bad", "relations": [{"id": "r1", "from": "e1", "to": "zz", "kind": "support"}]}
    doc["propositions"] = [*small_map["propositions"], {"id": "x", "text": "", "kind": "claim"}]
    write_map(maps_dir, "bad.yaml", doc)
    with pytest.raises(InvalidMap) as caught:
        create_app({"MAPS_DIR": str(maps_dir), "IMPORT_DIR": None})
    assert len(caught.value.messages) == 2
    assert all("bad.yaml" in m for m in caught.value.messages)
    assert any("relations[0].to" in m for m in caught.value.messages)


def test_two_files_with_one_id_stop_startup(maps_dir: Path, small_map: dict[str, Any]) -> None:
    write_map(maps_dir, "again.yaml", small_map)
    with pytest.raises(InvalidMap, match="taken already"):
        MapStore(maps_dir).load_all()


def test_a_missing_maps_folder_serves_imports_only(tmp_path: Path) -> None:
    store = MapStore(tmp_path / "absent", tmp_path / "imports")
    assert store.load_all() == []
    assert store.list() == []


def test_add_saves_the_document_as_the_first_version(tmp_path: Path, maps_dir: Path, small_map: dict[str, Any]) -> None:
    store = MapStore(maps_dir, tmp_path / "imports")
    m = store.add(json.dumps({**small_map, "id": "copy"}), "copy.json", author="Ann")
    assert store.version("copy", 1) == m.to_document()
    assert [v.to_dict() for v in store.history("copy").versions] == [
        {"version": 1, "saved": store.history("copy").versions[0].saved, "by": "Ann",
         "summary": "+7 propositions, +7 relations, +2 analysts, +1 source"}
    ]  # fmt: skip
    assert [(s["imported"], s["editable"], s["version"]) for s in store.list()] == [(False, False, 1), (True, True, 1)]
    assert (tmp_path / "argmap.sqlite3").is_file() and not (tmp_path / "imports").exists()


def test_add_refuses_too_large_before_parsing(tmp_path: Path, maps_dir: Path) -> None:
    store = MapStore(maps_dir, tmp_path / "imports", max_bytes=10)
    with pytest.raises(TooLarge):
        store.add("{" * 11, "big.json")
    assert store.list() == [s for s in store.list() if not s["editable"]]


def test_a_store_without_a_database_is_read_only(maps_dir: Path, small_map: dict[str, Any]) -> None:
    store = MapStore(maps_dir)
    with pytest.raises(ReadOnly, match="no database"):
        store.add(json.dumps({**small_map, "id": "copy"}))
    with pytest.raises(ReadOnly, match="shipped map"):
        store.save("small", small_map, expected={1})


def test_concurrent_imports_of_one_id_have_one_winner(
    tmp_path: Path, maps_dir: Path, small_map: dict[str, Any]
) -> None:
    stores = [MapStore(maps_dir, tmp_path / "imports") for _ in range(8)]  # separate stores: only the database decides
    outcomes: list[str] = []
    start = threading.Barrier(len(stores))

    def run(i: int, store: MapStore) -> None:
        start.wait()
        try:
            store.add(json.dumps({**small_map, "id": "race", "title": f"Writer {i}"}), "race.json")
            outcomes.append("won")
        except MapExists:
            outcomes.append("lost")

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["lost"] * 7 + ["won"]
    assert [v.version for v in stores[0].history("race").versions] == [1]
    assert stores[0].get("race").title.startswith("Writer ")


def test_memo_keeps_the_most_recent() -> None:
    memo: Memo[int] = Memo(maxsize=2)
    calls: list[str] = []

    def value(key: str) -> int:
        calls.append(key)
        return len(calls)

    assert memo.get("a", lambda: value("a")) == 1
    assert memo.get("b", lambda: value("b")) == 2
    assert memo.get("a", lambda: value("a")) == 1  # a is fresh again
    memo.get("c", lambda: value("c"))  # evicts b
    assert memo.get("b", lambda: value("b")) == 4
    assert calls == ["a", "b", "c", "b"]
    assert len(memo) == 2


def test_a_store_that_only_reads_makes_no_database(tmp_path: Path, maps_dir: Path) -> None:
    store = MapStore(maps_dir, tmp_path / "imports")
    store.load_all()
    assert [s["id"] for s in store.list()] == ["small"] and store.history("small").version == 1
    with pytest.raises(MapNotFound):
        store.get("other")
    assert not (tmp_path / "argmap.sqlite3").exists()


def test_files_in_the_imports_folder_are_migrated_once(
    tmp_path: Path, maps_dir: Path, small_map: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    imports = tmp_path / "instance" / "maps"
    imports.mkdir(parents=True)
    (imports / "one.json").write_text(json.dumps({**small_map, "id": "one"}), encoding="utf-8")
    write_map(imports, "two.yaml", {**small_map, "id": "two", "title": "Second"})
    write_map(imports, "small.yaml", small_map)  # a shipped map's id: left alone
    (imports / "broken.json").write_text("{", encoding="utf-8")
    (imports / ".one.json.x.tmp").write_text("{", encoding="utf-8")
    caplog.set_level(logging.INFO, logger="argmap")
    app = create_app({"MAPS_DIR": str(maps_dir), "IMPORT_DIR": str(imports)})
    moved = [r.getMessage() for r in caplog.records if r.getMessage().startswith("migrated")]
    assert moved == [
        f"migrated 2 maps (one, two) from {imports} into {tmp_path / 'instance' / 'argmap.sqlite3'}; "
        "the files stay and are not read again"
    ]
    client = app.test_client()
    assert [m["id"] for m in client.get("/api/maps").get_json()] == ["small", "one", "two"]
    assert client.get("/api/maps/two/versions").get_json()["versions"][0]["summary"] == "migrated from two.yaml"
    assert client.put("/api/maps/two", json={**small_map, "id": "two"}, headers={"If-Match": '"1"'}).status_code == 200
    # A second start migrates nothing, and a file changed meanwhile is not read again.
    write_map(imports, "two.yaml", {**small_map, "id": "two", "title": "Changed on disk"})
    caplog.clear()
    client = create_app({"MAPS_DIR": str(maps_dir), "IMPORT_DIR": str(imports)}).test_client()
    assert not [r for r in caplog.records if r.getMessage().startswith("migrated")]
    assert [v["version"] for v in client.get("/api/maps/two/versions").get_json()["versions"]] == [1, 2]
    assert client.get("/api/maps/two").get_json()["title"] == "A small map"
    assert sorted(p.name for p in imports.iterdir() if not p.name.startswith(".")) == [
        "broken.json", "one.json", "small.yaml", "two.yaml"
    ]  # fmt: skip


def test_the_database_setting_puts_it_anywhere(tmp_path: Path, maps_dir: Path, small_map: dict[str, Any]) -> None:
    path = tmp_path / "elsewhere" / "maps.db"
    client = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "DB": str(path)}).test_client()
    assert client.post("/api/maps", json={**small_map, "id": "kept"}).status_code == 201
    assert path.is_file()
    again = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "DB": str(path)}).test_client()
    assert again.get("/api/maps/kept").status_code == 200


def test_a_save_in_one_store_is_seen_by_another(tmp_path: Path, maps_dir: Path, small_map: dict[str, Any]) -> None:
    first, second = MapStore(maps_dir, tmp_path / "imports"), MapStore(maps_dir, tmp_path / "imports")
    first.add(json.dumps({**small_map, "id": "shared"}))
    before = second.get("shared")
    assert second.get("shared") is before  # parsed once, kept
    first.save("shared", {**small_map, "id": "shared", "title": "Saved elsewhere"}, expected={1})
    assert second.get("shared").title == "Saved elsewhere"
