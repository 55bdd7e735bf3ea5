"""POST /api/drafts/evaluate: a draft is checked and evaluated under a scenario, nothing is written."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

from argmap import evaluate
from argmap.document import from_document
from argmap.web import create_app
from tests.api.test_openapi import validate

URL = "/api/drafts/evaluate"


def draft(client: FlaskClient, body: Any) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def test_a_draft_is_evaluated_as_the_core_evaluates_it(client: FlaskClient, small_map: dict[str, Any]) -> None:
    small_map["relations"].append({"id": "r8", "from": ["e3", "e2"], "to": "h1", "kind": "attack"})
    response = draft(client, {"document": small_map, "scenario": {"off": ["e1"], "support": "evidential"}})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    expected = evaluate(from_document(small_map), off={"e1"})
    assert body["labels"] == {p: str(label) for p, label in expected.labels.items()}
    assert body["inferences"]["r8"] == str(expected.inferences["r8"])
    assert set(body["reasons"]) == {"h1", "h2"} and body["dropped"] == []
    assert "vis" not in body and "explanation" not in body


def test_a_draft_is_never_saved(client: FlaskClient, small_map: dict[str, Any]) -> None:
    draft(client, {"document": {**small_map, "id": "unsaved", "title": "Draft"}})
    assert client.get("/api/maps/unsaved").status_code == 404
    assert client.get("/api/maps/small").get_json()["title"] == "A small map"


def test_the_explanation_and_the_drawing_come_when_asked(client: FlaskClient, small_map: dict[str, Any]) -> None:
    body = draft(client, {"document": small_map, "explain": "r6", "vis": True}).get_json()
    assert body["explanation"]["id"] == "r6" and body["explanation"]["lines"]
    assert {n["id"] for n in body["vis"]["nodes"]} >= {"e1", "h1", "h2"}


def test_an_empty_draft_is_a_map_being_built(client: FlaskClient) -> None:
    body = draft(client, {"document": {"id": "new", "title": "New", "propositions": []}, "vis": True}).get_json()
    assert body["labels"] == {} and body["vis"]["nodes"] == []


def test_ids_the_draft_no_longer_has_are_dropped_from_the_scenario(
    client: FlaskClient, small_map: dict[str, Any]
) -> None:
    body = draft(client, {"document": small_map, "scenario": {"off": ["e1", "e9"], "distrust": ["zed"]}}).get_json()
    assert body["labels"]["e1"] == "OFF"
    assert body["dropped"] == ["evidence 'e9'", "analyst 'zed'"]


def test_every_problem_of_a_draft_is_listed_by_path(client: FlaskClient, small_map: dict[str, Any]) -> None:
    small_map["relations"][2]["to"] = "zz"
    small_map["propositions"][0]["kind"] = "rumour"
    response = draft(client, {"document": small_map})
    assert response.status_code == 400
    details = response.get_json()["details"]
    assert any(d.startswith("relations[2].to:") for d in details)
    assert any(d.startswith("propositions[0].kind:") for d in details)


def test_bad_requests_say_what_to_send(client: FlaskClient, small_map: dict[str, Any]) -> None:
    cases = [
        ("not json", 400),
        (json.dumps([1, 2]), 400),
        (json.dumps({"document": small_map, "scenario": {"off": 3}}), 400),
        (json.dumps({"document": small_map, "explain": "nope"}), 400),
        (json.dumps({"document": small_map, "scenario": {"support": "magic"}}), 200),  # lenient, as a page link
    ]
    for body, status in cases:
        response = client.post(URL, data=body, content_type="application/json")
        assert response.status_code == status, (body[:40], response.get_json())
        if status == 400:
            assert response.get_json()["error"]


def test_a_draft_over_the_size_limit_is_refused(app: Any, small_map: dict[str, Any]) -> None:
    app.extensions["argmap"]["store"].max_bytes = 2000
    response = draft(app.test_client(), {"document": {**small_map, "description": "x" * 3000}})
    assert response.status_code == 413 and "limited to 2000 bytes" in response.get_json()["error"]


def test_draft_responses_validate_against_the_description(client: FlaskClient, small_map: dict[str, Any]) -> None:
    spec = client.get("/api/openapi.json").get_json()
    for body, status in (({"document": small_map, "explain": "h1", "vis": True}, 200), ({"document": {}}, 400)):
        response = draft(client, body)
        assert response.status_code == status
        validate(spec, URL, "post", status, "application/json", response.get_json())


def test_the_editing_page_is_served_for_every_map(client: FlaskClient) -> None:
    page = client.get("/maps/small/edit")
    assert page.status_code == 200 and 'data-testid="edit"' in page.get_data(as_text=True)
    assert "editor.js" in page.get_data(as_text=True) and "<script>" not in page.get_data(as_text=True)
    assert client.get("/maps/nope/edit").status_code == 404
    assert 'href="/maps/small/edit"' in client.get("/maps/small").get_data(as_text=True)


def test_a_draft_is_evaluated_only_for_those_who_may_write(
    maps_dir: Any, tmp_path: Any, small_map: dict[str, Any]
) -> None:
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "IMPORT_DIR": str(tmp_path / "i"), "TOKEN": "t0k"})
    client = app.test_client()
    body = json.dumps({"document": small_map})
    assert client.post(URL, data=body, content_type="application/json").status_code == 401
    allowed = client.post(URL, data=body, content_type="application/json", headers={"Authorization": "Bearer t0k"})
    assert allowed.status_code == 200
    read_only = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "READ_ONLY": True}).test_client()
    assert read_only.post(URL, data=body, content_type="application/json").status_code == 403
