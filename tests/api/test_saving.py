"""Saving maps (DESIGN §8): PUT with If-Match, 412 when stale, versions, restore, delete, copy, source texts."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from argmap.formats import WRITERS
from argmap.web import create_app

DRAFT = "/api/maps/draft"
ARTICLE = "The whole article, which only the editor may read: MARKER-4711 and more."


def versions_of(client: FlaskClient, url: str = DRAFT) -> list[int]:
    return [v["version"] for v in client.get(f"{url}/versions").get_json()["versions"]]


@pytest.fixture
def draft(client: FlaskClient, small_map: dict[str, Any]) -> dict[str, Any]:
    """The small map imported as ``draft`` (version 1); its document."""
    doc = {**small_map, "id": "draft"}
    assert client.post("/api/maps", json=doc).status_code == 201
    document: dict[str, Any] = client.get(DRAFT).get_json()
    return document


def put(client: FlaskClient, doc: Any, version: str | None = '"1"', url: str = DRAFT, **headers: str) -> Any:
    if version is not None:
        headers["If-Match"] = version
    body = doc if isinstance(doc, str | bytes) else json.dumps(doc)
    return client.put(url, data=body, content_type="application/json", headers=headers)


def test_a_map_carries_its_version_as_its_etag(client: FlaskClient, draft: dict[str, Any]) -> None:
    assert client.get(DRAFT).headers["ETag"] == '"1"'
    assert client.get("/api/maps/small").headers["ETag"] == '"1"'  # a shipped map has one version


def test_a_save_makes_a_new_version_and_the_verdicts_follow(client: FlaskClient, draft: dict[str, Any]) -> None:
    assert client.get(f"{DRAFT}/labels").get_json()["labels"]["h1"] == "IN"
    draft["relations"] = [r for r in draft["relations"] if r["id"] != "r1"]  # h1 loses its only support
    draft["propositions"].append({"id": "e4", "text": "New evidence.", "kind": "evidence"})
    response = put(client, draft, **{"X-Argmap-Author": "Zo%C3%AB%20Analyst"})
    assert response.status_code == 200, response.get_json()
    assert response.headers["ETag"] == '"2"'
    body = response.get_json()
    assert (body["version"], body["by"], body["summary"]) == (2, "Zoë Analyst", "+1 proposition, -1 relation")
    assert client.get(DRAFT).headers["ETag"] == '"2"'
    assert client.get(DRAFT).get_json() == draft
    assert client.get(f"{DRAFT}/labels").get_json()["labels"]["h1"] == "OUT"
    assert client.get("/maps/draft").status_code == 200


def test_a_stale_save_is_a_412_and_overwrites_nothing(client: FlaskClient, draft: dict[str, Any]) -> None:
    assert put(client, {**draft, "title": "First"}).status_code == 200
    response = put(client, {**draft, "title": "Second"})  # made to version 1, which is not the newest now
    assert response.status_code == 412
    assert "version 2" in response.get_json()["error"] and "Nothing was overwritten" in response.get_json()["error"]
    assert client.get(DRAFT).get_json()["title"] == "First"
    assert versions_of(client) == [1, 2]


def test_a_save_without_if_match_is_a_428(client: FlaskClient, draft: dict[str, Any]) -> None:
    for version in (None, "*"):
        response = put(client, {**draft, "title": "Blind"}, version=version)
        assert response.status_code == 428 and "If-Match" in response.get_json()["error"]
    assert put(client, {**draft, "title": "Weak"}, version='W/"1"').status_code == 412
    assert client.get(DRAFT).get_json()["title"] == "A small map" and versions_of(client) == [1]


def test_every_problem_of_a_bad_document_is_listed_and_nothing_is_saved(
    client: FlaskClient, draft: dict[str, Any]
) -> None:
    bad = {**draft, "id": "other"}
    bad["relations"] = [*draft["relations"], {"id": "r9", "from": ["e1", "zz"], "to": "nowhere", "kind": "support"}]
    bad["propositions"] = [*draft["propositions"], {"id": "p9", "text": "", "kind": "opinion"}]
    response = put(client, bad)
    assert response.status_code == 400
    details = response.get_json()["details"]
    assert details[0].startswith("id: 'other' is not this map's id 'draft'")
    assert "relations[7].from[1]: no proposition 'zz'" in details
    assert "relations[7].to: no proposition 'nowhere'" in details
    assert any(d.startswith("propositions[7].kind: unknown kind 'opinion'") for d in details)
    assert any(d.startswith("propositions[7].text:") for d in details)
    assert len(details) == 5
    assert versions_of(client) == [1] and client.get(DRAFT).get_json() == draft


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("", "empty"),
        ("{not json", "invalid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        ("[1, 2]", "must be a mapping"),
        ('{"id": "draft"}', "title: missing"),
    ],
)
def test_a_body_that_is_not_a_map_is_a_400(client: FlaskClient, draft: dict[str, Any], body: Any, needle: str) -> None:
    response = put(client, body)
    assert response.status_code == 400 and needle in " ".join(response.get_json()["details"])
    assert versions_of(client) == [1]


def test_a_body_over_the_limit_is_a_413(client: FlaskClient, draft: dict[str, Any]) -> None:
    big = {**draft, "description": "x" * (6 * 1024 * 1024)}
    response = put(client, big)
    assert response.status_code == 413 and response.get_json()["error"]
    assert versions_of(client) == [1]


def test_saving_an_unknown_or_shipped_map_is_refused(client: FlaskClient, small_map: dict[str, Any]) -> None:
    assert put(client, {**small_map, "id": "nope"}, url="/api/maps/nope").status_code == 404
    response = put(client, small_map, url="/api/maps/small")
    assert response.status_code == 403 and "copy" in response.get_json()["error"]
    assert client.delete("/api/maps/small", headers={"If-Match": '"1"'}).status_code == 403


def test_save_as_copies_a_shipped_map_into_an_editable_one(client: FlaskClient, small_map: dict[str, Any]) -> None:
    response = client.post("/api/maps/small/copy", json={"id": "mine", "title": "My copy"})
    assert response.status_code == 201 and response.headers["Location"] == "/maps/mine"
    assert response.headers["ETag"] == '"1"'
    assert client.get("/api/maps/mine").get_json() == {**small_map, "id": "mine", "title": "My copy"}
    assert client.get("/api/maps/mine/versions").get_json()["versions"][0]["summary"] == "copied from small version 1"
    assert put(client, {**small_map, "id": "mine", "title": "Edited"}, url="/api/maps/mine").status_code == 200
    assert client.post("/api/maps/small/copy", json={"id": "mine"}).status_code == 409
    response = client.post("/api/maps/small/copy", json={"id": "Not An Id"})
    assert response.status_code == 400 and response.get_json()["details"][0].startswith("id: 'Not An Id'")
    summaries = {m["id"]: (m["editable"], m["version"]) for m in client.get("/api/maps").get_json()}
    assert summaries == {"small": (False, 1), "mine": (True, 2)}


def test_versions_are_listed_opened_and_restored(client: FlaskClient, draft: dict[str, Any]) -> None:
    put(client, {**draft, "title": "Two"}, **{"X-Argmap-Author": "Ann"})
    more = [*draft["propositions"], {"id": "e9", "text": "More", "kind": "evidence"}]
    assert put(client, {**draft, "title": "Three", "propositions": more}, version='"2"').status_code == 200
    listing = client.get(f"{DRAFT}/versions")
    assert listing.headers["ETag"] == '"3"'
    rows = listing.get_json()["versions"]
    assert [(v["version"], v.get("by"), v["summary"]) for v in rows] == [
        (1, None, "+7 propositions, +7 relations, +2 analysts, +1 source"),
        (2, "Ann", "title edited"),
        (3, None, "+1 proposition, title edited"),
    ]
    assert all(v["saved"].endswith("Z") and v["saved"][:4].isdigit() for v in rows)
    assert client.get(f"{DRAFT}/versions/1").get_json() == draft
    assert client.get(f"{DRAFT}/versions/9").status_code == 404
    restored = client.post(f"{DRAFT}/versions/1/restore", headers={"If-Match": '"3"'})
    assert restored.status_code == 200 and restored.headers["ETag"] == '"4"'
    assert restored.get_json()["summary"] == "restored version 1: -1 proposition, title edited"
    assert client.get(DRAFT).get_json() == draft
    assert client.post(f"{DRAFT}/versions/2/restore", headers={"If-Match": '"3"'}).status_code == 412
    assert client.post(f"{DRAFT}/versions/2/restore").status_code == 428
    assert versions_of(client) == [1, 2, 3, 4]


def test_restoring_by_putting_an_old_document(client: FlaskClient, draft: dict[str, Any]) -> None:
    put(client, {**draft, "title": "Two"})
    old = client.get(f"{DRAFT}/versions/1").get_json()
    response = put(client, old, version='"2"')
    assert response.status_code == 200 and response.get_json()["summary"] == "title edited"
    assert client.get(DRAFT).get_json() == draft


def test_a_deleted_map_is_hidden_keeps_its_versions_and_comes_back(client: FlaskClient, draft: dict[str, Any]) -> None:
    assert client.delete(DRAFT).status_code == 428
    assert client.delete(DRAFT, headers={"If-Match": '"7"'}).status_code == 412
    response = client.delete(DRAFT, headers={"If-Match": '"1"', "X-Argmap-Author": "Ann"})
    assert response.status_code == 200
    assert response.get_json()["by"] == "Ann" and response.get_json()["version"] == 1
    gone = client.get(DRAFT)
    assert gone.status_code == 404 and "deleted" in gone.get_json()["error"]
    assert client.get(f"{DRAFT}/labels").status_code == 404
    assert "draft" not in [m["id"] for m in client.get("/api/maps").get_json()]
    assert put(client, draft).status_code == 404
    assert client.post("/api/maps", json=draft).status_code == 409
    history = client.get(f"{DRAFT}/versions").get_json()
    assert history["deleted"] and [v["version"] for v in history["versions"]] == [1]
    back = client.post(f"{DRAFT}/versions/1/restore", headers={"If-Match": '"1"'})
    assert back.status_code == 200 and back.get_json()["version"] == 2
    assert client.get(DRAFT).get_json() == draft and "deleted" not in client.get(f"{DRAFT}/versions").get_json()


def test_source_texts_are_kept_for_the_editor_and_never_exported(client: FlaskClient, draft: dict[str, Any]) -> None:
    with_text = json.loads(json.dumps(draft))
    with_text["sources"][0]["text"] = ARTICLE
    assert put(client, with_text).status_code == 200
    assert "text" not in client.get(DRAFT).get_json()["sources"][0]
    assert client.get(f"{DRAFT}?texts=1").get_json()["sources"][0]["text"] == ARTICLE
    assert client.get(f"{DRAFT}/versions/2?texts=1").get_json()["sources"][0]["text"] == ARTICLE
    for fmt in sorted(WRITERS):
        body = client.get(f"{DRAFT}/export?format={fmt}").get_data(as_text=True)
        assert "MARKER-4711" not in body, fmt
    for path in ("", "/labels", "/versions/2", "/explain/h1", "/hinges", "/readings"):
        assert "MARKER-4711" not in client.get(DRAFT + path).get_data(as_text=True), path
    assert "MARKER-4711" not in client.get("/maps/draft").get_data(as_text=True)
    # A source sent without its text keeps it; null removes it; a copy takes it along.
    assert put(client, {**draft, "title": "Retitled"}, version='"2"').status_code == 200
    assert client.get(f"{DRAFT}?texts=1").get_json()["sources"][0]["text"] == ARTICLE
    assert client.post(f"{DRAFT}/copy", json={"id": "copied"}).status_code == 201
    assert client.get("/api/maps/copied?texts=1").get_json()["sources"][0]["text"] == ARTICLE
    removed = json.loads(json.dumps(draft))
    removed["sources"][0]["text"] = None
    response = put(client, removed, version='"3"')
    assert response.status_code == 200 and response.get_json()["summary"] == "1 source edited, title edited"
    assert "text" not in client.get(f"{DRAFT}?texts=1").get_json()["sources"][0]
    bad = json.loads(json.dumps(draft))
    bad["sources"][0]["text"] = ["not", "text"]
    response = put(client, bad, version='"4"')
    assert response.status_code == 400 and response.get_json()["details"] == [
        "sources[0].text: must be text, not a list"
    ]


def test_a_new_map_may_start_empty(client: FlaskClient) -> None:
    doc = {"id": "blank", "title": "A new map", "question": "What happened?", "propositions": []}
    assert client.post("/api/maps", json=doc).status_code == 201
    assert client.get("/api/maps/blank/labels").get_json()["labels"] == {}
    assert client.get("/maps/blank").status_code == 200
    first = {**doc, "propositions": [{"id": "e1", "text": "Seen", "kind": "evidence"}]}
    assert put(client, first, url="/api/maps/blank").status_code == 200


def test_concurrent_saves_of_one_version_have_one_winner(app: Flask, draft: dict[str, Any]) -> None:
    start = threading.Barrier(12)
    statuses: list[int] = []

    def save(i: int) -> None:
        client = app.test_client()
        start.wait()
        statuses.append(put(client, {**draft, "title": f"Writer {i}"}).status_code)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] + [412] * 11
    client = app.test_client()
    assert versions_of(client) == [1, 2] and client.get(DRAFT).get_json()["title"].startswith("Writer ")


# --- who may write ---------------------------------------------------------------------------------------------


@pytest.fixture
def guarded(maps_dir: Path, tmp_path: Path, small_map: dict[str, Any]) -> FlaskClient:
    """A server with a token, and the map ``draft`` in it."""
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "IMPORT_DIR": str(tmp_path / "imports"),
                      "TOKEN": "s3cret-token"})  # fmt: skip
    client = app.test_client()
    headers = {"Authorization": "Bearer s3cret-token"}
    assert client.post("/api/maps", json={**small_map, "id": "draft"}, headers=headers).status_code == 201
    return client


def test_with_a_token_every_write_needs_it(guarded: FlaskClient, small_map: dict[str, Any]) -> None:
    doc = {**small_map, "id": "draft", "title": "Changed"}
    for auth in (None, "Bearer wrong", "Basic czNjcmV0LXRva2Vu", "s3cret-token"):
        headers = {"Authorization": auth} if auth else {}
        writes = [
            put(guarded, doc, **headers),
            guarded.delete(DRAFT, headers={"If-Match": '"1"', **headers}),
            guarded.post("/api/maps", json={**small_map, "id": "other"}, headers=headers),
            guarded.post(f"{DRAFT}/copy", json={"id": "other"}, headers=headers),
            guarded.post(f"{DRAFT}/versions/1/restore", headers={"If-Match": '"1"', **headers}),
            guarded.get(f"{DRAFT}?texts=1", headers=headers),
            guarded.post("/api/evaluate", json=doc, headers=headers),
        ]
        for response in writes:
            assert response.status_code == 401, auth
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
            assert "token" in response.get_json()["error"]
    assert guarded.get(DRAFT).get_json()["title"] == "A small map"  # reading needs no token
    response = put(guarded, doc, Authorization="Bearer s3cret-token")
    assert response.status_code == 200 and guarded.get(DRAFT).get_json()["title"] == "Changed"


def test_a_token_from_a_file_or_the_environment(
    maps_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_map: dict[str, Any]
) -> None:
    monkeypatch.setenv("ARGMAP_TOKEN", "12345")  # read as JSON by Flask: a number, used as text
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir)})
    assert app.config["TOKEN"] == "12345"
    monkeypatch.delenv("ARGMAP_TOKEN")
    (tmp_path / "token").write_text("from-a-file\n", encoding="utf-8")
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "TOKEN_FILE": str(tmp_path / "token")})
    client = app.test_client()
    assert client.post("/api/maps", json={**small_map, "id": "x"}).status_code == 401
    ok = client.post("/api/maps", json={**small_map, "id": "x"}, headers={"Authorization": "Bearer from-a-file"})
    assert ok.status_code == 201


def test_without_a_token_only_this_machine_may_write(client: FlaskClient, draft: dict[str, Any]) -> None:
    doc = {**draft, "title": "From afar"}
    response = client.put(DRAFT, json=doc, headers={"If-Match": '"1"'}, environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert response.status_code == 403 and "token" in response.get_json()["error"]
    rebound = client.put(DRAFT, json=doc, headers={"If-Match": '"1"', "Host": "attacker.example:5000"})
    assert rebound.status_code == 403
    cross = client.put(DRAFT, json=doc, headers={"If-Match": '"1"', "Origin": "https://attacker.example"})
    assert cross.status_code == 403 and "another site" in cross.get_json()["error"]
    form = client.post("/api/maps", data="id: x", content_type="text/plain", headers={"Sec-Fetch-Site": "cross-site"})
    assert form.status_code == 403
    assert client.get(DRAFT).get_json()["title"] == "A small map"
    same = client.put(DRAFT, json=doc, headers={"If-Match": '"1"', "Origin": "http://localhost"})
    assert same.status_code == 200


def test_a_read_only_server_refuses_every_write(app: Flask, draft: dict[str, Any]) -> None:
    app.config["READ_ONLY"] = True
    client = app.test_client()
    assert put(client, {**draft, "title": "No"}).status_code == 403
    assert client.delete(DRAFT, headers={"If-Match": '"1"'}).status_code == 403
    assert client.post(f"{DRAFT}/copy", json={"id": "c"}).status_code == 403
    assert client.post(f"{DRAFT}/versions/1/restore", headers={"If-Match": '"1"'}).status_code == 403
    assert client.get(f"{DRAFT}?texts=1").status_code == 403
    assert client.get(DRAFT).status_code == 200


def test_every_response_keeps_the_security_headers(client: FlaskClient, draft: dict[str, Any]) -> None:
    for response in (
        put(client, {**draft, "title": "Two"}),
        put(client, draft),
        client.get(f"{DRAFT}/versions"),
        client.delete(DRAFT),
    ):
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_a_draft_is_evaluated_without_being_saved(client: FlaskClient, draft: dict[str, Any]) -> None:
    edited = {**draft, "relations": [r for r in draft["relations"] if r["id"] != "r1"]}
    response = client.post("/api/evaluate?off=e3&explain=h1", json=edited)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["labels"]["h1"] == "OUT" and body["labels"]["e3"] == "OFF"
    assert body["scenario"]["off"] == ["e3"] and body["reasons"]["h1"] and body["explanation"]["label"] == "OUT"
    assert versions_of(client) == [1] and client.get(f"{DRAFT}/labels").get_json()["labels"]["h1"] == "IN"
    put(client, edited)
    saved = client.get(f"{DRAFT}/labels?off=e3").get_json()
    assert {k: saved[k] for k in ("labels", "rounds", "inferences")} == {
        k: body[k] for k in ("labels", "rounds", "inferences")
    }
    bad = client.post(
        "/api/evaluate", json={**draft, "relations": [{"id": "r1", "from": "zz", "to": "h1", "kind": "support"}]}
    )
    assert bad.status_code == 400 and bad.get_json()["details"] == ["relations[0].from: no proposition 'zz'"]
    assert client.post("/api/evaluate?off=e9", json=draft).status_code == 400
    assert client.post("/api/evaluate?explain=zz", json=draft).status_code == 404
