"""create_app's configuration: defaults, ARGMAP_* environment variables, then the mapping passed in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.web import create_app


def test_maps_dir_defaults_to_the_shipped_seeds() -> None:
    app = create_app({"TESTING": True})
    assert Path(app.config["MAPS_DIR"]).name == "seeds"
    assert Path(app.config["MAPS_DIR"]).parent == Path(__file__).resolve().parents[2]


def test_environment_variables_configure_the_app(monkeypatch: pytest.MonkeyPatch, maps_dir: Path) -> None:
    monkeypatch.setenv("ARGMAP_MAPS_DIR", str(maps_dir))
    monkeypatch.setenv("ARGMAP_MAX_UPLOAD_BYTES", "1234")
    app = create_app({"TESTING": True})
    assert app.config["MAX_UPLOAD_BYTES"] == 1234
    assert [m["id"] for m in app.test_client().get("/api/maps").get_json()] == ["small"]


def test_the_mapping_passed_in_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch, maps_dir: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("ARGMAP_MAPS_DIR", str(tmp_path / "elsewhere"))
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir)})
    assert app.test_client().get("/api/maps/small").status_code == 200


def test_imports_go_under_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, maps_dir: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    app = create_app({"MAPS_DIR": str(maps_dir)})
    assert Path(app.config["IMPORT_DIR"]) == tmp_path / "instance" / "maps"


def test_a_testing_app_imports_into_a_throwaway_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, maps_dir: Path, small_map: dict[str, Any]
) -> None:
    monkeypatch.chdir(tmp_path)
    client = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir)}).test_client()
    assert client.post("/api/maps", json={**small_map, "id": "thrown"}).status_code == 201
    assert not (tmp_path / "instance").exists()
    assert client.get("/api/maps/thrown").status_code == 200
