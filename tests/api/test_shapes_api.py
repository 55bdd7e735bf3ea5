"""The three shapes through the HTTP API: import, labels with inferences, explanations of steps."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

from .test_openapi import validate

SHAPED = {
    "id": "shaped",
    "title": "Shapes",
    "analysts": [{"id": "ann", "name": "Ann"}],
    "sources": [{"id": "s1", "title": "A report"}],
    "propositions": [
        {"id": "e1", "text": "The drones flew 450 km", "kind": "evidence"},
        {"id": "e2", "text": "They crossed air-defence belts", "kind": "evidence"},
        {"id": "e3", "text": "Radars were off", "kind": "evidence"},
        {"id": "h1", "text": "They were let through", "kind": "hypothesis"},
        {"id": "h2", "text": "They slipped through", "kind": "hypothesis"},
    ],
    "relations": [
        {
            "id": "r1",
            "from": ["e1", "e2"],
            "to": "h1",
            "kind": "support",
            "by": ["ann"],
            "cites": [{"source": "s1", "quote": "so they were let through"}],
        },
        {"id": "r2", "from": "e3", "to": "r1", "kind": "attack", "by": ["ann"]},
        {"id": "r3", "from": "h1", "to": "h2", "kind": "excludes"},
        {"id": "r4", "from": "e3", "to": "h2", "kind": "support"},
    ],
}


def _import(client: FlaskClient) -> dict[str, Any]:
    """Import the shaped map; the API's own description, to validate responses with."""
    response = client.post("/api/maps", data=json.dumps(SHAPED), content_type="application/json")
    assert response.status_code == 201, response.get_data(as_text=True)
    spec: dict[str, Any] = client.get("/api/openapi.json").get_json()
    return spec


def test_labels_report_every_steps_status(client: FlaskClient) -> None:
    spec = _import(client)
    body = client.get("/api/maps/shaped/labels").get_json()
    validate(spec, "/api/maps/{map_id}/labels", "get", 200, "application/json", body)
    assert body["inferences"] == {"r1": "OUT", "r2": "IN", "r4": "IN"}
    assert (body["labels"]["h1"], body["labels"]["h2"]) == ("OUT", "IN")
    body = client.get("/api/maps/shaped/labels?off=e3").get_json()
    assert body["inferences"] == {"r1": "IN", "r2": "OFF", "r4": "OFF"}
    assert (body["labels"]["h1"], body["labels"]["h2"]) == ("IN", "OUT")


def test_a_step_is_explained_with_its_premises_quotes_and_undercut(client: FlaskClient) -> None:
    spec = _import(client)
    response = client.get("/api/maps/shaped/explain/r1")
    assert response.status_code == 200
    body = response.get_json()
    validate(spec, "/api/maps/{map_id}/explain/{prop}", "get", 200, "application/json", body)
    assert (body["kind"], body["label"]) == ("inference", "OUT")
    assert body["relation"]["from"] == ["e1", "e2"] and body["relation"]["by"] == [{"id": "ann", "name": "Ann"}]
    assert body["relation"]["cites"][0]["quote"] == "so they were let through"
    assert [s["kind"] for s in body["steps"]] == ["undercut"]
    body = client.get("/api/maps/shaped/explain/h1?off=e3").get_json()
    validate(spec, "/api/maps/{map_id}/explain/{prop}", "get", 200, "application/json", body)
    support = next(s for s in body["steps"] if s["kind"] == "support")
    assert (support["from"], support["node"]["kind"], support["node"]["label"]) == ("r1", "inference", "IN")


def test_an_excludes_has_no_explanation_of_its_own(client: FlaskClient) -> None:
    _import(client)
    response = client.get("/api/maps/shaped/explain/r3")
    assert response.status_code == 404 and "excludes" in response.get_json()["error"]


def test_a_malformed_shape_is_refused_with_every_problem(client: FlaskClient) -> None:
    bad = json.loads(json.dumps(SHAPED))
    bad["relations"][1]["to"] = "r3"
    bad["relations"][0]["from"] = ["e1", "e1"]
    response = client.post("/api/maps", data=json.dumps(bad), content_type="application/json")
    assert response.status_code == 400
    details = response.get_json()["details"]
    assert any("relations[1].to: 'r3' is an excludes" in d for d in details)
    assert any("relations[0].from[1]: 'e1' is listed twice" in d for d in details)
    assert client.get("/api/maps/shaped").status_code == 404
