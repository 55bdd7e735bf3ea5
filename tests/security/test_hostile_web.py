"""The hostile corpus through the web app (Flask's test client): refused imports answer 400 with one
line per problem naming the upload and field; accepted maps are served as escaped text in pages
and as JSON or attachments (never as HTML) from the API.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from argmap.web import create_app

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
EXPECTED: dict[str, str] = yaml.safe_load((HOSTILE / "refused" / "expected.yaml").read_text(encoding="utf-8"))
REFUSED = sorted(p for p in (HOSTILE / "refused").iterdir() if p.name != "expected.yaml")


@pytest.fixture
def hostile_app(tmp_path: Path, hostile_documents: Callable[[str], dict[str, Any]]) -> Flask:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(hostile_documents("hostile")), encoding="utf-8")
    (folder / "unicode.json").write_bytes((HOSTILE / "accepted" / "unicode.json").read_bytes())
    return create_app({"MAPS_DIR": str(folder), "IMPORT_DIR": str(tmp_path / "imports")})


@pytest.fixture
def web(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_a_hostile_upload_is_refused_naming_the_file_and_field(web: FlaskClient, path: Path, tmp_path: Path) -> None:
    data = {"file": (io.BytesIO(path.read_bytes()), path.name)}
    reply = web.post("/api/maps", data=data, content_type="multipart/form-data")
    assert reply.status_code == 400, reply.get_data(as_text=True)
    body = reply.get_json()
    assert body["error"] and body["details"]
    assert all("\n" not in d and d.startswith(f"{path.name}: ") for d in body["details"]), body["details"]
    if path.name != "not-utf8.yaml":  # the upload is refused before parsing, with its own words
        assert any(EXPECTED[path.name] in d for d in body["details"]), body["details"]
    assert not (tmp_path / "imports").exists() or list((tmp_path / "imports").iterdir()) == []


def test_the_page_holds_payloads_only_as_escaped_text(web: FlaskClient, payloads: list[str]) -> None:
    page = web.get("/maps/hostile").get_data(as_text=True)
    for payload in payloads:
        if "<" in payload or '"' in payload:
            assert payload not in page, payload
    # The map's data rides in one JSON script whose text cannot close it early.
    scripts = re.findall(r"<script\b[^>]*>", page, flags=re.I)
    assert len(scripts) == page.lower().count("</script") == 3, scripts
    data = page.split('id="argmap-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)["map"]["title"] == f"{payloads[0]} {payloads[1]}"
    assert "{{ 7 * 7 }} {% raw %}" in page  # shown as written: map text is never a template


def test_the_index_lists_hostile_titles_as_text(web: FlaskClient, payloads: list[str]) -> None:
    page = web.get("/").get_data(as_text=True)
    assert payloads[0] not in page and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "path",
    ["/api/maps/hostile", "/api/maps/hostile/labels", "/api/maps/hostile/explain/e1", "/api/maps/hostile/verdicts"],
)
def test_api_answers_are_json_never_sniffed_as_html(web: FlaskClient, path: str) -> None:
    reply = web.get(path)
    assert reply.status_code == 200 and reply.mimetype == "application/json"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    json.loads(reply.get_data(as_text=True))


@pytest.mark.parametrize("fmt", ["json", "aif", "iccma", "tgf", "apx", "graphml", "dot"])
def test_exports_of_a_hostile_map_are_attachments(web: FlaskClient, fmt: str) -> None:
    reply = web.get(f"/api/maps/hostile/export?format={fmt}")
    assert reply.status_code == 200 and "html" not in reply.mimetype
    assert reply.headers["Content-Disposition"].startswith('attachment; filename="hostile.')
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_an_accepted_hostile_upload_round_trips_as_text(web: FlaskClient) -> None:
    doc = json.loads((HOSTILE / "accepted" / "unicode.json").read_text(encoding="utf-8"))
    doc["id"] = "unicode-again"
    reply = web.post("/api/maps", json=doc)
    assert reply.status_code == 201, reply.get_json()
    served = web.get("/api/maps/unicode-again").get_json()
    assert served["propositions"][3]["text"] == doc["propositions"][3]["text"]  # NUL, CR LF, tabs
    assert served["title"] == doc["title"]
    assert web.get("/maps/unicode-again").status_code == 200


def test_hostile_text_saved_by_an_editor_is_served_as_text(
    web: FlaskClient, hostile_documents: Callable[[str], dict[str, Any]], payloads: list[str]
) -> None:
    doc = hostile_documents("edited")
    assert web.post("/api/maps", json={**doc, "title": "Plain"}).status_code == 201
    doc["sources"] = [*doc.get("sources", []), {"id": "s-hostile", "title": payloads[0], "text": " ".join(payloads)}]
    author = "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"  # <script>window.__pwned=1</script>
    reply = web.put("/api/maps/edited", json=doc, headers={"If-Match": '"1"', "X-Argmap-Author": author})
    assert reply.status_code == 200, reply.get_json()
    assert reply.mimetype == "application/json" and reply.get_json()["by"] == "<script>window.__pwned=1</script>"
    page = web.get("/maps/edited").get_data(as_text=True)
    for payload in payloads:
        if "<" in payload or '"' in payload:
            assert payload not in page, payload
    for path in ("/api/maps/edited/versions", "/api/maps/edited?texts=1", "/api/maps/edited/versions/2?texts=1"):
        reply = web.get(path)
        assert reply.mimetype == "application/json" and reply.headers["X-Content-Type-Options"] == "nosniff", path
    assert web.get("/api/maps/edited?texts=1").get_json()["sources"][-1]["text"] == " ".join(payloads)
