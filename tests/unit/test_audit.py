"""The citation audit on small made-up maps and article texts."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.audit import audit, normalise, report, speakers

ARTICLE = """Drones over the Capital

By [Ann Writer](#)

A video shows a drone hitting the palace\u2019s roof. The U.S. National Security Council said nothing.
\u201cIt is hard to believe that the palace staged it,\u201d Bob Lee wrote in an [article](#) on Monday.
Carla Diaz told reporters that the attack \u2014 if it was one \u2014 came from abroad.
"""


def document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "drones",
        "title": "Drones",
        "analysts": [{"id": "bob", "name": "Bob Lee"}, {"id": "carla", "name": "Carla Diaz"}],
        "sources": [{"id": "s1", "title": "Drones over the Capital", "file": "one.txt"}],
        "propositions": [
            {
                "id": "e1",
                "text": "A drone hit the roof",
                "kind": "evidence",
                "cites": [{"source": "s1", "quote": "A video shows a drone hitting the palace's roof."}],
            },
            {"id": "e2", "text": "Carla said it came from abroad", "kind": "evidence"},
            {"id": "c1", "text": "Staging is implausible", "kind": "claim"},
            {"id": "h1", "text": "Staged", "kind": "hypothesis"},
            {"id": "h2", "text": "From abroad", "kind": "hypothesis"},
        ],
        "relations": [
            {
                "id": "r1",
                "from": ["e1", "e2"],
                "to": "c1",
                "kind": "support",
                "by": ["bob"],
                "cites": [{"source": "s1", "quote": "\u201cIt is hard to believe that the palace staged it"}],
            },
            {"id": "r2", "from": "c1", "to": "h1", "kind": "attack", "by": ["bob"]},
            {
                "id": "r3",
                "from": "e2",
                "to": "r2",
                "kind": "attack",
                "by": ["carla"],
                "cites": [{"source": "s1", "quote": "the attack - if it was one - came from abroad"}],
            },
            {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
        ],
    }
    doc.update(changes)
    return doc


TEXTS = {"s1": ARTICLE}


def test_normalising_unifies_quotes_dashes_links_and_spaces() -> None:
    assert normalise("\u201cA\u2019s\u201d \u2013 [link](#)   text\n\n\nnext") == '"A\'s" - link text\nnext'


def test_every_quote_of_a_faithful_map_is_found_with_its_sentence() -> None:
    result = audit(document(), TEXTS)
    assert result.ok and result.warnings == ()
    assert [q.found for q in result.quotes] == [True, True, True]
    by_owner = {q.owner: q.context for q in result.quotes}
    assert by_owner["e1"] == "A video shows a drone hitting the palace's roof."
    assert by_owner["r1"] == '"It is hard to believe that the palace staged it," Bob Lee wrote in an article on Monday.'
    assert by_owner["r3"] == "Carla Diaz told reporters that the attack - if it was one - came from abroad."


def test_initialisms_do_not_end_a_sentence() -> None:
    doc = document(
        relations=[
            {
                "id": "r",
                "from": "e1",
                "to": "h1",
                "kind": "support",
                "by": ["bob"],
                "cites": [{"source": "s1", "quote": "National Security Council said nothing"}],
            }
        ]
    )
    [quote] = [q for q in audit(doc, TEXTS).quotes if q.owner == "r"]
    assert quote.context == "The U.S. National Security Council said nothing."


def test_a_quote_not_in_its_source_is_an_error_naming_where_it_sits() -> None:
    doc = document()
    doc["relations"][2]["cites"][0]["quote"] = "the attack came from abroad"
    result = audit(doc, TEXTS)
    assert not result.ok
    assert result.errors == ('relations[2].cites[0]: quote not found in s1: "the attack came from abroad"',)


def test_a_support_or_attack_without_by_is_an_error_but_an_exclusion_is_not() -> None:
    doc = document()
    del doc["relations"][1]["by"]
    result = audit(doc, TEXTS)
    assert result.errors == ("relations[1] (r2): an attack with no analyst in `by`",)
    assert [s.id for s in result.steps[""]] == ["r2", "x1"]


def test_steps_are_listed_per_analyst_with_premises_and_targets() -> None:
    result = audit(document(), TEXTS)
    assert [(s.id, s.premises, s.kind, s.target) for s in result.steps["bob"]] == [
        ("r1", ("e1", "e2"), "support", "c1"),
        ("r2", ("c1",), "attack", "h1"),
    ]
    [undercut] = result.steps["carla"]
    assert (undercut.id, undercut.shape, result.steps["bob"][0].shape) == ("r3", "undercut", "linked")
    text = report(result)
    assert "== Bob Lee (bob): 2 steps\nr1: e1 + e2 --support--> c1" in text
    assert "== Carla Diaz (carla): 1 step\nr3: e2 --undercut--> r2" in text
    assert "== no analyst: 1 step\nx1: h1 --excludes--> h2" in text


def test_a_quote_whose_context_names_another_speaker_is_a_warning() -> None:
    doc = document()
    doc["relations"][2]["by"] = ["bob"]
    result = audit(doc, TEXTS)
    assert result.ok
    assert result.warnings == ("relations[2].cites[0] (r3): the context names carla as speaker, not bob",)


def test_a_source_without_a_file_is_a_warning_and_its_quotes_stay_unchecked() -> None:
    doc = document(sources=[{"id": "s1", "title": "Drones over the Capital"}])
    result = audit(doc, {"s1": None})
    assert result.ok
    assert result.warnings == ("sources[0] (s1): no file, so its quotes are not checked",)
    assert {q.found for q in result.quotes} == {None}


def test_without_texts_only_the_attribution_is_checked() -> None:
    result = audit(document())
    assert result.ok and result.warnings == ()
    assert result.to_dict()["quotes"] == {"checked": 0, "found": 0, "unchecked": 3}


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("Osborn cited Alexander Baunov who said that it was staged.", ("baunov",)),
        ("\u201cIt was staged,\u201d Osborn wrote.", ("osborn",)),
        ("According to Baunov, it was staged.", ("baunov",)),
        ("Osborn and Baunov were in Moscow.", ()),
    ],
)
def test_speakers_are_names_next_to_an_attribution_word(context: str, expected: tuple[str, ...]) -> None:
    names = {"osborn": "Andrew Osborn", "baunov": "Alexander Baunov"}
    assert speakers(normalise(context), names) == expected
