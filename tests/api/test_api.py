"""The JSON API with Flask's test client: shapes, statuses, and one error envelope on every endpoint."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

import argmap
from argmap.document import from_document
from argmap.formats import WRITERS


def test_list_names_every_map_with_its_page(client: FlaskClient) -> None:
    response = client.get("/api/maps")
    assert response.status_code == 200
    [entry] = response.get_json()
    assert entry["id"] == "small"
    assert entry["title"] == "A small map"
    assert entry["url"] == "/maps/small"
    assert (entry["propositions"], entry["relations"], entry["hypotheses"]) == (7, 7, 2)


def test_document_is_the_map_as_authored(client: FlaskClient, small_map: dict[str, Any]) -> None:
    body = client.get("/api/maps/small").get_json()
    assert body == from_document(small_map).to_document()
    assert [p["id"] for p in body["propositions"]] == ["e1", "e2", "e3", "c1", "c2", "h1", "h2"]


@pytest.mark.parametrize(
    ("query", "h1", "h2"),
    [
        ("", "IN", "OUT"),
        ("?off=e1", "OUT", "OUT"),
        ("?distrust=bob", "UNDEC", "UNDEC"),
        ("?support=abstract", "OUT", "OUT"),
        ("?off=e1,e2&distrust=alice,bob&support=deductive", "UNDEC", "UNDEC"),
    ],
)
def test_labels_follow_the_scenario(client: FlaskClient, query: str, h1: str, h2: str) -> None:
    body = client.get(f"/api/maps/small/labels{query}").get_json()
    assert (body["labels"]["h1"], body["labels"]["h2"]) == (h1, h2)
    assert set(body) == {"labels", "rounds", "inferences", "scenario"}


def test_labels_are_what_evaluate_says(client: FlaskClient, small_map: dict[str, Any]) -> None:
    body = client.get("/api/maps/small/labels?off=e1&distrust=bob").get_json()
    expected = argmap.evaluate(from_document(small_map), off={"e1"}, distrust={"bob"}).to_dict()
    assert body == json.loads(json.dumps(expected))
    assert body["labels"]["e1"] == "OFF"
    assert body["scenario"] == {"off": ["e1"], "distrust": ["bob"], "support": "evidential"}


def test_repeated_and_comma_lists_mean_the_same(client: FlaskClient) -> None:
    a = client.get("/api/maps/small/labels?off=e1,e2").get_json()
    b = client.get("/api/maps/small/labels?off=e2&off=e1").get_json()
    assert a == b


def test_explain_gives_the_tree(client: FlaskClient) -> None:
    tree = client.get("/api/maps/small/explain/h1?off=e1").get_json()
    assert (tree["id"], tree["label"]) == ("h1", "OUT")
    assert "no accepted support" in tree["reason"]
    assert {step["from"] for step in tree["steps"]} == {"e1"}
    assert tree["steps"][0]["node"]["label"] == "OFF"


def test_explain_names_the_relation_analysts_and_quote(client: FlaskClient) -> None:
    tree = client.get("/api/maps/small/explain/h1").get_json()
    assert tree["label"] == "IN"
    [relation] = [r for step in tree["steps"] for r in step["relations"] if r["id"] == "r1"]
    assert relation["by"] == [{"id": "alice", "name": "Alice Analyst"}]
    assert relation["cites"][0]["quote"] == "this points to H1"
    assert relation["cites"][0]["url"] == "https://example.org/r1"


def test_verdicts_add_a_reason_per_hypothesis(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/verdicts?distrust=bob").get_json()
    assert body["labels"]["h1"] == "UNDEC"
    assert set(body["reasons"]) == {"h1", "h2"}
    assert body["reasons"]["h1"].startswith("Undecided")


def test_export_json_is_a_download_of_the_scenario(client: FlaskClient) -> None:
    response = client.get("/api/maps/small/export?format=json&off=e1")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="small.json"'
    body = json.loads(response.data)
    assert body["id"] == "small"
    assert body["labels"]["h1"] == "OUT"
    assert body["scenario"]["off"] == ["e1"]


def test_export_defaults_to_json(client: FlaskClient) -> None:
    response = client.get("/api/maps/small/export")
    assert response.status_code == 200
    assert json.loads(response.data)["labels"]["h1"] == "IN"


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_registered_writer_is_exported(client: FlaskClient, fmt: str) -> None:
    response = client.get(f"/api/maps/small/export?format={fmt}&off=e1")
    assert response.status_code == 200
    info = WRITERS[fmt]
    assert response.mimetype == info.media_type
    assert response.headers["Content-Disposition"] == f'attachment; filename="small.{info.extension}"'
    assert response.data


ERRORS = [
    ("/api/maps/nope", 404),
    ("/api/maps/nope/labels", 404),
    ("/api/maps/nope/verdicts", 404),
    ("/api/maps/nope/explain/h1", 404),
    ("/api/maps/nope/export?format=json", 404),
    ("/api/maps/small/labels?off=e9", 400),
    ("/api/maps/small/labels?off=h1", 400),
    ("/api/maps/small/labels?distrust=carol", 400),
    ("/api/maps/small/labels?support=magic", 400),
    ("/api/maps/small/labels?support=abstract&support=deductive", 400),
    ("/api/maps/small/verdicts?off=e9", 400),
    ("/api/maps/small/explain/h1?support=magic", 400),
    ("/api/maps/small/explain/zz", 404),
    ("/api/maps/small/export?format=nope", 400),
    ("/api/maps/small/export?format=json&off=e9", 400),
    ("/api/nowhere", 404),
    ("/api/maps/small/labels/extra", 404),
]


@pytest.mark.parametrize(("path", "status"), ERRORS)
def test_errors_share_one_shape(client: FlaskClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error", "details"}
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["details"], list)


def test_a_bad_scenario_names_every_problem(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/labels?off=e9&distrust=carol&support=magic").get_json()
    assert len(body["details"]) == 3
    assert "e9" in body["details"][0] and "Evidence here: e1, e2, e3" in body["details"][0]
    assert "carol" in body["details"][1]
    assert "magic" in body["details"][2]


def test_unknown_format_lists_the_known_ones(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/export?format=nope").get_json()
    assert "json" in body["error"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/api/maps/small/labels"), ("delete", "/api/maps"), ("put", "/api/maps/small/labels")],
)
def test_wrong_method_is_a_json_405(client: FlaskClient, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response.get_json()["error"].startswith("405")
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/maps/small",
        "/maps/small?off=e9",
        "/maps/nope",
        "/api/maps",
        "/api/maps/small/labels",
        "/api/maps/nope",
        "/api/maps/small/export",
        "/static/app.js",
        "/vendor/vis-network.min.js",
        "/nowhere",
    ],
)
def test_every_response_carries_the_security_headers(client: FlaskClient, path: str) -> None:
    with client.get(path) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp and "base-uri 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_an_iccma_export_has_its_side_table_as_a_second_download(client: FlaskClient) -> None:
    framework = client.get("/api/maps/small/export?format=iccma&off=e1")
    table = client.get("/api/maps/small/export?format=iccma&off=e1&part=table")
    assert table.status_code == 200
    assert table.headers["Content-Disposition"] == 'attachment; filename="small.i23.map.json"'
    body = table.get_json()
    n = int(framework.get_data(as_text=True).split()[2])
    assert sorted(body["arguments"], key=int) == [str(i) for i in range(1, n + 1)]
    ids = {p["id"] for p in client.get("/api/maps/small").get_json()["propositions"]}
    assert set(body["propositions"]) == ids - {"e1"}  # every proposition that is on, by its argument number
    assert body["scenario"]["off"] == ["e1"]
    refused = client.get("/api/maps/small/export?format=json&part=table")
    assert refused.status_code == 400 and "part=table" in refused.get_json()["error"]
