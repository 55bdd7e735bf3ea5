"""The OpenAPI description at /api/openapi.json matches the app: the same paths and methods, and
real responses (successes and errors) validate against its schemas.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from argmap.formats import WRITERS

IGNORED_METHODS = {"HEAD", "OPTIONS"}


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body: dict[str, Any] = response.get_json()
    return body


def app_operations(app: Flask) -> set[tuple[str, str]]:
    """Every (OpenAPI path, method) the app answers under /api/."""
    out: set[tuple[str, str]] = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
            out.update((path, method.lower()) for method in (rule.methods or set()) - IGNORED_METHODS)
    return out


def spec_operations(spec: dict[str, Any]) -> set[tuple[str, str]]:
    methods = {"get", "post", "put", "patch", "delete"}
    return {(path, method) for path, item in spec["paths"].items() for method in item if method in methods}


def test_the_description_is_openapi_3_1_with_valid_schemas(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1.")
    assert spec["info"]["title"] and spec["info"]["version"]
    for name, schema in spec["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema), name


def test_every_api_rule_is_documented_and_every_documented_path_exists(app: Flask, spec: dict[str, Any]) -> None:
    assert app_operations(app) == spec_operations(spec)


def test_every_operation_has_an_id_a_summary_and_documented_responses(spec: dict[str, Any]) -> None:
    ids = []
    for path, method in spec_operations(spec):
        operation = spec["paths"][path][method]
        ids.append(operation["operationId"])
        assert operation["summary"] and operation["responses"], (path, method)
        declared = {p["name"] for p in operation.get("parameters", []) if "name" in p} | {
            spec["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]]["name"]
            for p in operation.get("parameters", [])
            if "$ref" in p
        }
        assert set(re.findall(r"{(\w+)}", path)) <= declared, path
    assert len(ids) == len(set(ids))


def _response_schema(spec: dict[str, Any], path: str, method: str, status: int, media: str) -> dict[str, Any]:
    responses = spec["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} does not document {status}"
    response = responses[str(status)]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    assert media in response["content"], f"{method.upper()} {path} {status} does not document {media}"
    schema: dict[str, Any] = response["content"][media].get("schema", {})
    return schema


def validate(spec: dict[str, Any], path: str, method: str, status: int, media: str, body: Any) -> None:
    schema = _response_schema(spec, path, method, status, media)
    root = {"$schema": "https://json-schema.org/draft/2020-12/schema", "components": spec["components"], **schema}
    Draft202012Validator(root).validate(body)


SMALL = "/api/maps/small"
# (request path, documented path, status): successes and errors of every operation on the small map.
GETS = [
    ("/api/openapi.json", "/api/openapi.json", 200),
    ("/api/maps", "/api/maps", 200),
    (SMALL, "/api/maps/{map_id}", 200),
    ("/api/maps/nope", "/api/maps/{map_id}", 404),
    (f"{SMALL}/labels", "/api/maps/{map_id}/labels", 200),
    (f"{SMALL}/labels?off=e1&distrust=bob&support=deductive", "/api/maps/{map_id}/labels", 200),
    (f"{SMALL}/labels?off=e9", "/api/maps/{map_id}/labels", 400),
    (f"{SMALL}/labels?support=magic", "/api/maps/{map_id}/labels", 400),
    ("/api/maps/nope/labels", "/api/maps/{map_id}/labels", 404),
    (f"{SMALL}/verdicts", "/api/maps/{map_id}/verdicts", 200),
    (f"{SMALL}/verdicts?ids=c1,e1", "/api/maps/{map_id}/verdicts", 200),
    (f"{SMALL}/verdicts?ids=zz", "/api/maps/{map_id}/verdicts", 404),
    (f"{SMALL}/explain/h1", "/api/maps/{map_id}/explain/{prop}", 200),
    (f"{SMALL}/explain/h2?off=e3", "/api/maps/{map_id}/explain/{prop}", 200),
    (f"{SMALL}/explain/c2?support=abstract", "/api/maps/{map_id}/explain/{prop}", 200),
    (f"{SMALL}/explain/zz", "/api/maps/{map_id}/explain/{prop}", 404),
    (f"{SMALL}/export", "/api/maps/{map_id}/export", 200),
    (f"{SMALL}/export?format=nope", "/api/maps/{map_id}/export", 400),
    (f"{SMALL}/hinges", "/api/maps/{map_id}/hinges", 200),
    (f"{SMALL}/hinges?distrust=alice", "/api/maps/{map_id}/hinges", 200),
    (f"{SMALL}/diff?a=&b=off%3De1", "/api/maps/{map_id}/diff", 200),
    (f"{SMALL}/diff?a=off%3De9", "/api/maps/{map_id}/diff", 400),
    (f"{SMALL}/ach", "/api/maps/{map_id}/ach", 200),
    (f"{SMALL}/ach?format=xls", "/api/maps/{map_id}/ach", 400),
    (f"{SMALL}/readings", "/api/maps/{map_id}/readings", 200),
    (f"{SMALL}/accounts", "/api/maps/{map_id}/accounts", 200),
    (f"{SMALL}/accounts?semantics=stable&explain=1&off=e1", "/api/maps/{map_id}/accounts", 200),
    (f"{SMALL}/accounts?semantics=complete&limit=1", "/api/maps/{map_id}/accounts", 200),
    (f"{SMALL}/accounts?semantics=grounded", "/api/maps/{map_id}/accounts", 400),
    (f"{SMALL}/accounts?limit=0", "/api/maps/{map_id}/accounts", 400),
    ("/api/maps/nope/readings", "/api/maps/{map_id}/readings", 404),
]


@pytest.mark.parametrize(("url", "path", "status"), GETS, ids=[g[0] for g in GETS])
def test_real_responses_validate_against_the_description(
    client: FlaskClient, spec: dict[str, Any], url: str, path: str, status: int
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    validate(spec, path, "get", status, response.mimetype, response.get_json())


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_export_format_has_a_documented_media_type(client: FlaskClient, spec: dict[str, Any], fmt: str) -> None:
    response = client.get(f"{SMALL}/export?format={fmt}")
    assert response.status_code == 200
    _response_schema(spec, "/api/maps/{map_id}/export", "get", 200, response.mimetype)
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_the_export_formats_documented_are_the_registered_writers(spec: dict[str, Any]) -> None:
    (param,) = [p for p in spec["paths"]["/api/maps/{map_id}/export"]["get"]["parameters"] if p.get("name") == "format"]
    listed = re.match(r"A writer: ([a-z0-9, ]+)", param["description"])
    assert listed is not None
    assert {name.strip() for name in listed.group(1).split(",")} == set(WRITERS)


def test_the_csv_downloads_are_documented(client: FlaskClient, spec: dict[str, Any]) -> None:
    for url, path in (
        (f"{SMALL}/ach.csv", "/api/maps/{map_id}/ach.csv"),
        (f"{SMALL}/ach?format=csv", "/api/maps/{map_id}/ach"),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "text/csv"
        _response_schema(spec, path, "get", 200, "text/csv")


def _document(map_id: str) -> str:
    return json.dumps({"id": map_id, "title": "T", "propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]})


def test_import_responses_validate_against_the_description(client: FlaskClient, spec: dict[str, Any]) -> None:
    created = client.post("/api/maps", data=_document("fresh"), content_type="application/json")
    assert created.status_code == 201 and created.headers["Location"] == "/maps/fresh"
    validate(spec, "/api/maps", "post", 201, "application/json", created.get_json())
    for body, status in ((_document("fresh"), 409), (_document("small"), 409), ('{"id": "x"}', 400), ("", 400)):
        response = client.post("/api/maps", data=body, content_type="application/json")
        assert response.status_code == status, response.get_data(as_text=True)
        validate(spec, "/api/maps", "post", status, "application/json", response.get_json())


def test_too_large_and_read_only_imports_validate_against_the_description(app: Flask, spec: dict[str, Any]) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = app.test_client().post("/api/maps", data="x" * 5000, content_type="application/json")
    assert response.status_code == 413
    validate(spec, "/api/maps", "post", 413, "application/json", response.get_json())
    app.config["READ_ONLY"] = True
    response = app.test_client().post("/api/maps", data=_document("ro"), content_type="application/json")
    assert response.status_code == 403
    validate(spec, "/api/maps", "post", 403, "application/json", response.get_json())


def test_the_document_of_an_imported_map_validates(client: FlaskClient, spec: dict[str, Any]) -> None:
    client.post("/api/maps", data=_document("another"), content_type="application/json")
    response = client.get("/api/maps/another")
    validate(spec, "/api/maps/{map_id}", "get", 200, "application/json", response.get_json())
    listing = client.get("/api/maps").get_json()
    assert [m["id"] for m in listing] == ["small", "another"]
    validate(spec, "/api/maps", "get", 200, "application/json", listing)


DRAFT = "/api/maps/draft"
MAP = "/api/maps/{map_id}"
VERSIONS = "/api/maps/{map_id}/versions"
VERSION = "/api/maps/{map_id}/versions/{number}"
RESTORE = "/api/maps/{map_id}/versions/{number}/restore"
COPY = "/api/maps/{map_id}/copy"


def test_saving_responses_validate_against_the_description(
    client: FlaskClient, spec: dict[str, Any], small_map: dict[str, Any]
) -> None:
    doc = {**small_map, "id": "draft"}
    created = client.post("/api/maps", json=doc)
    assert created.headers["ETag"] == '"1"'
    validate(spec, "/api/maps", "post", 201, "application/json", created.get_json())
    with_text = json.loads(json.dumps(doc))
    with_text["sources"][0]["text"] = "The whole article."
    v1, v2 = {"If-Match": '"1"'}, {"If-Match": '"2"'}
    calls: list[tuple[str, str, int, Any]] = [
        ("put", MAP, 200, lambda: client.put(DRAFT, json=with_text, headers={**v1, "X-Argmap-Author": "Ann"})),
        ("put", MAP, 412, lambda: client.put(DRAFT, json=doc, headers=v1)),
        ("put", MAP, 428, lambda: client.put(DRAFT, json=doc)),
        ("put", MAP, 400, lambda: client.put(DRAFT, json={**doc, "id": "other"}, headers=v2)),
        ("put", MAP, 400, lambda: client.put(DRAFT, data="{", content_type="application/json", headers=v2)),
        ("put", MAP, 404, lambda: client.put("/api/maps/nope", json=doc, headers=v1)),
        ("put", MAP, 403, lambda: client.put(SMALL, json=small_map, headers=v1)),
        ("put", MAP, 413, lambda: client.put(DRAFT, data="x" * (6 << 20), content_type="application/json", headers=v2)),
        ("get", MAP, 200, lambda: client.get(f"{DRAFT}?texts=1")),
        ("get", VERSIONS, 200, lambda: client.get(f"{DRAFT}/versions")),
        ("get", VERSIONS, 200, lambda: client.get(f"{SMALL}/versions")),
        ("get", VERSIONS, 404, lambda: client.get("/api/maps/nope/versions")),
        ("get", VERSION, 200, lambda: client.get(f"{DRAFT}/versions/1")),
        ("get", VERSION, 200, lambda: client.get(f"{DRAFT}/versions/2?texts=1")),
        ("get", VERSION, 404, lambda: client.get(f"{DRAFT}/versions/3")),
        ("post", RESTORE, 200, lambda: client.post(f"{DRAFT}/versions/1/restore", headers=v2)),
        ("post", RESTORE, 412, lambda: client.post(f"{DRAFT}/versions/1/restore", headers=v2)),
        ("post", RESTORE, 428, lambda: client.post(f"{DRAFT}/versions/1/restore")),
        ("post", RESTORE, 404, lambda: client.post(f"{DRAFT}/versions/9/restore", headers={"If-Match": '"3"'})),
        ("post", RESTORE, 403, lambda: client.post(f"{SMALL}/versions/1/restore", headers=v1)),
        ("post", COPY, 201, lambda: client.post(f"{SMALL}/copy", json={"id": "mine"})),
        ("post", COPY, 409, lambda: client.post(f"{SMALL}/copy", json={"id": "mine"})),
        ("post", COPY, 400, lambda: client.post(f"{SMALL}/copy", json=["mine"])),
        ("post", COPY, 404, lambda: client.post("/api/maps/nope/copy", json={"id": "x"})),
        ("delete", MAP, 428, lambda: client.delete(DRAFT)),
        ("delete", MAP, 412, lambda: client.delete(DRAFT, headers=v1)),
        ("delete", MAP, 403, lambda: client.delete(SMALL, headers=v1)),
        ("delete", MAP, 200, lambda: client.delete(DRAFT, headers={"If-Match": '"3"', "X-Argmap-Author": "Ann"})),
        ("get", MAP, 404, lambda: client.get(DRAFT)),
        ("delete", MAP, 404, lambda: client.delete(DRAFT, headers={"If-Match": '"3"'})),
        ("get", VERSIONS, 200, lambda: client.get(f"{DRAFT}/versions")),
        ("post", "/api/evaluate", 200, lambda: client.post("/api/evaluate?explain=h1", json=doc)),
        ("post", "/api/evaluate", 400, lambda: client.post("/api/evaluate", json={"id": "x"})),
        ("post", "/api/evaluate", 404, lambda: client.post("/api/evaluate?explain=zz", json=doc)),
    ]
    for method, path, status, call in calls:
        response = call()
        assert response.status_code == status, (method, path, status, response.get_data(as_text=True)[:300])
        validate(spec, path, method, status, response.mimetype, response.get_json())
        if status in (200, 201) and path not in (VERSION, "/api/evaluate"):
            assert re.fullmatch(r'"[0-9]+"', response.headers.get("ETag", "")) or method == "delete", (method, path)


def test_refused_writes_validate_against_the_description(
    app: Flask, spec: dict[str, Any], small_map: dict[str, Any]
) -> None:
    client = app.test_client()
    assert client.post("/api/maps", json={**small_map, "id": "draft"}).status_code == 201
    app.config["TOKEN"] = "t0ken"
    calls: list[tuple[str, str, Any]] = [
        ("post", "/api/maps", lambda: client.post("/api/maps", json={**small_map, "id": "x"})),
        ("put", MAP, lambda: client.put(DRAFT, json={**small_map, "id": "draft"}, headers={"If-Match": '"1"'})),
        ("delete", MAP, lambda: client.delete(DRAFT, headers={"If-Match": '"1"'})),
        ("post", RESTORE, lambda: client.post(f"{DRAFT}/versions/1/restore", headers={"If-Match": '"1"'})),
        ("post", COPY, lambda: client.post(f"{DRAFT}/copy", json={"id": "x"})),
        ("get", MAP, lambda: client.get(f"{DRAFT}?texts=1")),
        ("get", VERSION, lambda: client.get(f"{DRAFT}/versions/1?texts=1")),
        ("post", "/api/evaluate", lambda: client.post("/api/evaluate", json={**small_map, "id": "draft"})),
    ]
    for status in (401, 403):
        if status == 403:
            app.config["READ_ONLY"] = True
        for method, path, call in calls:
            response = call()
            assert response.status_code == status, (method, path)
            validate(spec, path, method, status, response.mimetype, response.get_json())
