"""The analyst endpoints on the small map: shapes of DESIGN §6, scenarios, CSV, the ACH page, errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from argmap.analysis import hinges
from argmap.document import from_document
from argmap.web import create_app


def test_hinges_have_the_design_shape(client: FlaskClient) -> None:
    response = client.get("/api/maps/small/hinges")
    assert response.status_code == 200
    body = response.get_json()
    h1 = body["hinges"]["h1"]
    assert set(h1) >= {"label", "evidence", "analysts", "sets"}
    assert h1["label"] == "IN"
    assert [(x["id"], x["to"]) for x in h1["evidence"]] == [("e1", "OUT"), ("e3", "UNDEC")]
    assert [(x["id"], x["to"]) for x in h1["analysts"]] == [("alice", "OUT"), ("bob", "UNDEC")]
    assert h1["sets"] == []
    assert body["truncated"] is False


def test_hinges_follow_the_query_scenario(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/hinges?off=e1").get_json()
    assert body["scenario"]["off"] == ["e1"]
    assert body["hinges"]["h1"]["label"] == "OUT"
    assert body["hinges"]["h1"]["evidence"] == [{"id": "e1", "to": "IN", "action": "on"}]


def test_hinges_agree_with_the_core(client: FlaskClient, small_map: dict[str, object]) -> None:
    m = from_document(small_map, "small.yaml")
    assert client.get("/api/maps/small/hinges").get_json() == hinges(m).to_dict()


def test_diff_names_changes_and_the_relations_behind_them(client: FlaskClient) -> None:
    response = client.get(f"/api/maps/small/diff?a=&b={quote('distrust=bob')}")
    assert response.status_code == 200
    changed = {c["id"]: c for c in response.get_json()["changed"]}
    assert changed["h1"] == {"id": "h1", "a": "IN", "b": "UNDEC", "because": ["r5", "r6"]}
    assert changed["c1"]["because"] == ["r5"]
    assert set(changed) == {"c1", "h1", "h2"}


def test_diff_takes_full_scenario_queries_on_both_sides(client: FlaskClient) -> None:
    a, b = quote("off=e1&support=abstract"), quote("off=e1,e2&support=abstract")
    body = client.get(f"/api/maps/small/diff?a={a}&b={b}").get_json()
    assert body["a"]["support"] == "abstract" and body["b"]["off"] == ["e1", "e2"]
    assert body["changed"] == [{"id": "e2", "a": "IN", "b": "OFF", "because": []}]  # supports do not count


def test_ach_has_the_design_shape(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/ach").get_json()
    assert body["hypotheses"] == ["h1", "h2"]
    assert sorted(body["evidence"]) == ["e1", "e2", "e3"]
    assert body["cells"]["e1"] == {"h1": "C", "h2": "I"}
    assert body["cells"]["e2"] == {"h1": "I", "h2": "C"}
    assert body["inconsistency"] == {"h1": 1, "h2": 2}
    assert body["paths"]["e1"]["h2"][0]["relations"] == ["r1", "r3"]


def test_ach_follows_distrust(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/ach?distrust=bob").get_json()
    assert body["cells"]["e3"] == {"h1": "N", "h2": "N"}


@pytest.mark.parametrize("path", ["/api/maps/small/ach?format=csv&off=e2", "/api/maps/small/ach.csv?off=e2"])
def test_ach_csv_by_parameter_or_suffix(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="small-ach.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["evidence", "state", "text", "h1", "h2"]
    assert rows[-2][:2] == ["e2", "off"]
    assert rows[-1] == ["inconsistent", "", "", "0", "2"]


def test_readings_put_three_labels_per_hypothesis(client: FlaskClient) -> None:
    body = client.get("/api/maps/small/readings?distrust=bob&support=deductive").get_json()
    assert set(body["readings"]) == {"h1", "h2"}
    assert set(body["readings"]["h1"]) == {"evidential", "deductive", "abstract"}
    assert body["readings"]["h1"]["evidential"] == "UNDEC"
    assert body["scenario"] == {"off": [], "distrust": ["bob"]}
    plain = client.get("/api/maps/small/readings").get_json()
    assert plain["readings"]["h1"] == {"evidential": "IN", "deductive": "OUT", "abstract": "OUT"}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/maps/nope/hinges", 404),
        ("/api/maps/small/hinges?off=e9", 400),
        ("/api/maps/small/hinges?support=magic", 400),
        ("/api/maps/small/diff?a=off%3De9", 400),
        ("/api/maps/small/diff?b=of%3De1", 400),
        ("/api/maps/nope/ach", 404),
        ("/api/maps/small/ach?distrust=zed", 400),
        ("/api/maps/small/ach?format=xml", 400),
        ("/api/maps/nope/ach.csv", 404),
        ("/api/maps/small/readings?off=h1", 400),
    ],
)
def test_errors_share_one_shape(client: FlaskClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.get_json()
    assert body["error"] and isinstance(body["details"], list)


def test_the_ach_page_carries_the_matrix_and_its_script(client: FlaskClient) -> None:
    response = client.get("/maps/small/ach?off=e2")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'data-testid="ach-matrix"' in html
    assert "/static/ach.js" in html and 'type="module"' in html
    assert 'href="/maps/small?off=e2"' in html and 'href="/api/maps/small/ach.csv?off=e2"' in html
    assert "<script>" not in html  # no inline scripts: data travels as application/json
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_ach_page_of_a_bad_scenario_is_a_400_page(client: FlaskClient) -> None:
    response = client.get("/maps/small/ach?off=e9")
    assert response.status_code == 400
    assert "No evidence" in response.get_data(as_text=True)


def test_map_text_on_the_ach_page_is_escaped(client: FlaskClient, small_map: dict[str, object]) -> None:
    doc = dict(small_map)
    doc["id"] = "risky"
    doc["title"] = "<script>alert(1)</script>"
    response = client.post("/api/maps", json=doc)
    assert response.status_code == 201, response.get_json()
    html = client.get("/maps/risky/ach").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html


def test_a_hinges_search_cut_short_says_so_and_is_not_kept(maps_dir: Path) -> None:
    app = create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "HINGES_TIME_LIMIT": 0, "IMPORT_DIR": None})
    client = app.test_client()
    body = client.get("/api/maps/small/hinges").get_json()
    assert body["truncated"] is True and body["hinges"]["h1"]["truncated"] is True
    app.config["HINGES_TIME_LIMIT"] = 60
    body = client.get("/api/maps/small/hinges").get_json()
    assert body["truncated"] is False and body["hinges"]["h1"]["evidence"]


SHAPED = {
    "id": "shaped",
    "title": "Shaped",
    "analysts": [{"id": "ann", "name": "Ann"}],
    "propositions": [
        {"id": "e1", "text": "E1", "kind": "evidence"},
        {"id": "e2", "text": "E2", "kind": "evidence"},
        {"id": "e3", "text": "E3", "kind": "evidence"},
        {"id": "h1", "text": "H1", "kind": "hypothesis"},
        {"id": "h2", "text": "H2", "kind": "hypothesis"},
    ],
    "relations": [
        {"id": "r1", "from": ["e1", "e2"], "to": "h1", "kind": "support"},
        {"id": "u1", "from": "e3", "to": "r1", "kind": "attack", "by": ["ann"]},
        {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
    ],
}


def test_the_tools_answer_for_a_map_with_linked_steps_undercuts_and_excludes(client: FlaskClient) -> None:
    assert client.post("/api/maps", json=SHAPED).status_code == 201
    m = from_document(SHAPED, "shaped.json")
    h1 = client.get("/api/maps/shaped/hinges").get_json()["hinges"]["h1"]
    assert h1["label"] == "OUT"
    assert [(x["id"], x["to"]) for x in h1["evidence"]] == [("e3", "IN")]
    assert [(x["id"], x["to"]) for x in h1["analysts"]] == [("ann", "IN")]
    assert client.get("/api/maps/shaped/hinges").get_json() == hinges(m).to_dict()
    changed = client.get(f"/api/maps/shaped/diff?a=&b={quote('distrust=ann')}").get_json()["changed"]
    assert {c["id"]: c["because"] for c in changed} == {"h1": ["u1"]}
    cells = client.get("/api/maps/shaped/ach").get_json()["cells"]
    assert cells["e1"] == {"h1": "N", "h2": "N"}  # u1 cuts the linked step
    assert client.get("/api/maps/shaped/ach?distrust=ann").get_json()["cells"]["e1"] == {"h1": "C", "h2": "I"}
    readings = client.get("/api/maps/shaped/readings").get_json()["readings"]
    assert readings["h1"] == {"evidential": "OUT", "deductive": "UNDEC", "abstract": "UNDEC"}  # h2 excludes it
    page = client.get("/maps/shaped/ach")
    assert page.status_code == 200 and b'"from": ["e1", "e2"]' in page.data
