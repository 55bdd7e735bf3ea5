"""GET /api/maps/<id>/accounts: the accounts body of DESIGN §9, explanations, and its errors."""

from __future__ import annotations

from flask.testing import FlaskClient

URL = "/api/maps/small/accounts"


def test_two_rival_hypotheses_give_two_accounts(client: FlaskClient) -> None:
    body = client.get(f"{URL}?off=e3").get_json()
    assert body["semantics"] == "preferred"
    assert [a["hypotheses"] for a in body["accounts"]] == [["h1"], ["h2"]]
    assert body["accounts"][0]["in"] == ["e1", "e2", "h1"]
    assert body["credulous"] == ["h1", "h2"] and body["sceptical"] == []
    assert body["truncated"] is False and body["count"] == 2
    assert body["scenario"] == {"off": ["e3"], "distrust": [], "support": "evidential"}
    assert "why" not in body["accounts"][0]


def test_with_everything_on_the_one_account_is_the_verdict(client: FlaskClient) -> None:
    body = client.get(f"{URL}?semantics=stable").get_json()
    assert [a["hypotheses"] for a in body["accounts"]] == [["h1"]]
    assert body["sceptical"] == ["h1"]


def test_explain_adds_the_defence_and_the_attacks_between_accounts(client: FlaskClient) -> None:
    body = client.get(f"{URL}?off=e3&explain=1").get_json()
    first = body["accounts"][0]
    steps = first["why"]["h1"]
    assert {s["attacker"]["id"] for s in steps} == {"h2", "c2", "unsupported(h1)"}
    answered = {s["attacker"]["id"]: s["defender"] for s in steps}
    assert answered["c2"] == {
        "id": "unsupported(c2)",
        "meta": True,
        "for": "c2",
        "short": "no accepted support for Objection",
    }
    assert first["reasons"]["h1"].startswith("H1 can be held: ")
    assert first["against"][0]["account"] == 1
    assert first["labels"] == {"e1": "IN", "e2": "IN", "e3": "OFF", "c1": "OUT", "c2": "OUT", "h1": "IN", "h2": "OUT"}
    assert {(a["from"], a["to"]) for a in first["against"][0]["attacks"]} == {("h1", "h2"), ("h2", "h1")}


def test_limit_truncates_and_keeps_the_count(client: FlaskClient) -> None:
    body = client.get(f"{URL}?off=e3&limit=1").get_json()
    assert len(body["accounts"]) == 1 and body["truncated"] is True and body["count"] == 2


def test_bad_semantics_and_limits_are_400_with_one_message(client: FlaskClient) -> None:
    for query, words in (
        ("semantics=grounded", "Unknown semantics 'grounded'; use one of: preferred, stable, complete."),
        ("semantics=magic", "Unknown semantics 'magic'"),
        ("limit=0", "limit must be a whole number from 1 to 1000"),
        ("limit=x", "limit must be a whole number"),
        ("off=e9", "e9"),
    ):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 400, query
        assert words in response.get_json()["error"], query


def test_an_unknown_map_is_404(client: FlaskClient) -> None:
    assert client.get("/api/maps/nope/accounts").status_code == 404
