"""POST /api/maps: 201 with Location, 400 with every problem, 409, 413; failures leave nothing behind."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient

from argmap.web import create_app


def renamed(doc: dict[str, Any], new_id: str) -> dict[str, Any]:
    return {**doc, "id": new_id, "title": f"Copy {new_id}"}


def saved_in(folder: Path) -> list[str]:
    """The ids of the maps in the database beside the imports folder ``folder``, with their versions."""
    path = folder.parent / "argmap.sqlite3"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as db:
        return [f"{i}@{n}" for i, n in db.execute("SELECT map_id, version FROM versions ORDER BY map_id, version")]


def test_json_body_is_imported_and_served(client: FlaskClient, small_map: dict[str, Any], tmp_path: Path) -> None:
    response = client.post("/api/maps", json=renamed(small_map, "copy"))
    assert response.status_code == 201
    assert response.get_json()["id"] == "copy"
    assert response.get_json()["url"] == "/maps/copy"
    assert response.get_json()["warnings"] == []
    assert response.headers["Location"].endswith("/maps/copy")
    assert saved_in(tmp_path / "imports") == ["copy@1"]
    assert client.get("/api/maps/copy/labels?off=e1").get_json()["labels"]["h1"] == "OUT"
    assert "copy" in [m["id"] for m in client.get("/api/maps").get_json()]
    assert client.get("/maps/copy").status_code == 200


def test_an_aif_import_lists_the_nodes_it_skipped(client: FlaskClient) -> None:
    nodeset = {
        "nodes": [
            {"nodeID": "1", "text": "It rained", "type": "I"},
            {"nodeID": "2", "text": "The road is wet", "type": "I"},
            {"nodeID": "3", "text": "RA", "type": "RA"},
            {"nodeID": "4", "text": "MA", "type": "MA"},
        ],
        "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}, {"fromID": "4", "toID": "2"}],
    }
    response = client.post("/api/maps?filename=wet.json", data=json.dumps(nodeset), content_type="application/json")
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["warnings"] == [
        "wet.json: nodes[3]: MA node '4' has no premise (no edge into it from an I-node); skipped"
    ]
    assert list(client.get("/api/maps/wet").get_json()["relations"][0].values())[:3] == ["r3", "i1", "i2"]


def test_yaml_body_is_detected(client: FlaskClient, small_map: dict[str, Any]) -> None:
    text = yaml.safe_dump(renamed(small_map, "from-yaml"), sort_keys=False)
    response = client.post("/api/maps", data=text, content_type="application/yaml")
    assert response.status_code == 201
    response = client.post("/api/maps", data=text.replace("from-yaml", "no-type"), content_type="")
    assert response.status_code == 201
    assert client.get("/api/maps/no-type").get_json()["title"] == "Copy no-type"


def test_multipart_file_field_is_imported(client: FlaskClient, small_map: dict[str, Any]) -> None:
    text = yaml.safe_dump(renamed(small_map, "uploaded"), sort_keys=False).encode()
    response = client.post(
        "/api/maps", data={"file": (io.BytesIO(text), "uploaded.yaml")}, content_type="multipart/form-data"
    )
    assert response.status_code == 201
    assert response.get_json()["id"] == "uploaded"


def test_multipart_without_a_file_is_refused(client: FlaskClient) -> None:
    response = client.post("/api/maps", data={"other": "x"}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "file" in response.get_json()["error"]


def test_invalid_map_lists_every_problem_and_writes_nothing(
    client: FlaskClient, small_map: dict[str, Any], tmp_path: Path
) -> None:
    doc = renamed(small_map, "broken")
    doc["relations"] = [*doc["relations"], {"id": "r9", "from": "e1", "to": "nowhere", "kind": "support"}]
    doc["propositions"] = [*doc["propositions"], {"id": "p9", "text": "T", "kind": "opinion"}]
    response = client.post("/api/maps", json=doc)
    assert response.status_code == 400
    body = response.get_json()
    assert len(body["details"]) == 2
    assert any("relations[7].to" in d and "nowhere" in d for d in body["details"])
    assert any("propositions[7].kind" in d for d in body["details"])
    assert saved_in(tmp_path / "imports") == []
    assert client.get("/api/maps/broken").status_code == 404


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("", "application/json"), ("{not json", "application/json"), ("a: [b", "application/yaml"), ("- 1\n- 2\n", "")],
)
def test_unreadable_text_is_a_400(client: FlaskClient, tmp_path: Path, body: str, content_type: str) -> None:
    response = client.post("/api/maps", data=body, content_type=content_type)
    assert response.status_code == 400
    assert response.get_json()["error"]
    assert saved_in(tmp_path / "imports") == []


def test_not_utf8_is_a_400(client: FlaskClient) -> None:
    response = client.post("/api/maps", data=b"\xff\xfe\x00bad", content_type="application/json")
    assert response.status_code == 400
    assert "UTF-8" in response.get_json()["error"]


def test_an_existing_id_is_a_409_and_the_map_is_untouched(
    client: FlaskClient, small_map: dict[str, Any], maps_dir: Path, tmp_path: Path
) -> None:
    before = (maps_dir / "small.yaml").read_bytes()
    response = client.post("/api/maps", json={**small_map, "title": "Impostor"})
    assert response.status_code == 409
    assert "small" in response.get_json()["error"]
    assert (maps_dir / "small.yaml").read_bytes() == before
    assert client.get("/api/maps/small").get_json()["title"] == "A small map"
    assert saved_in(tmp_path / "imports") == []


def test_importing_twice_is_a_409_the_second_time(
    client: FlaskClient, small_map: dict[str, Any], tmp_path: Path
) -> None:
    assert client.post("/api/maps", json=renamed(small_map, "twice")).status_code == 201
    saved = client.get("/api/maps/twice").get_data()
    again = client.post("/api/maps", json={**renamed(small_map, "twice"), "title": "Other"})
    assert again.status_code == 409
    assert client.get("/api/maps/twice").get_data() == saved
    assert saved_in(tmp_path / "imports") == ["twice@1"]


def test_too_large_is_a_413(maps_dir: Path, tmp_path: Path, small_map: dict[str, Any]) -> None:
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "IMPORT_DIR": str(tmp_path / "imports"),
                      "MAX_UPLOAD_BYTES": 2000})  # fmt: skip
    client = app.test_client()
    doc = renamed(small_map, "big")
    doc["description"] = "x" * 2500  # over the limit, under Flask's margin: refused by the store
    response = client.post("/api/maps", json=doc)
    assert response.status_code == 413
    assert response.get_json()["error"]
    doc["description"] = "x" * 9000  # over Flask's MAX_CONTENT_LENGTH: refused before the view
    response = client.post("/api/maps", data=json.dumps(doc), content_type="application/json")
    assert response.status_code == 413
    assert set(response.get_json()) == {"error", "details"}
    assert saved_in(tmp_path / "imports") == []


def test_imports_can_be_switched_off(maps_dir: Path, small_map: dict[str, Any]) -> None:
    client = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "IMPORT_DIR": None}).test_client()
    response = client.post("/api/maps", json=renamed(small_map, "nope"))
    assert response.status_code == 403
    assert response.get_json()["error"]


AIF = Path(__file__).resolve().parents[1] / "data" / "aif" / "nodeset10.json"


@pytest.mark.skipif(not AIF.exists(), reason="no AIF sample")
def test_aif_is_detected_and_named_after_its_file(client: FlaskClient) -> None:
    text = AIF.read_bytes()
    upload = client.post(
        "/api/maps", data={"file": (io.BytesIO(text), "debate.json")}, content_type="multipart/form-data"
    )
    assert upload.status_code == 201
    assert upload.get_json()["id"] == "debate"
    raw = client.post("/api/maps?filename=other/nodeset10.json", data=text, content_type="application/json")
    assert raw.status_code == 201
    assert raw.get_json()["id"] == "nodeset10"
    assert client.get("/api/maps/nodeset10/labels").status_code == 200
