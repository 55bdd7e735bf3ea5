"""The SVG picture of a map: the whole map with title, question, scenario and legend, text as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from argmap.document import from_document, load
from argmap.formats import write
from argmap.pipeline import evaluate

from ..security.conftest import hostile_document
from .conftest import Build

SVG = "{http://www.w3.org/2000/svg}"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "kremlin-drone-2023.yaml"


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_the_picture_has_title_question_scenario_legend_and_every_node_with_its_state() -> None:
    m = load(SEED)
    ev = evaluate(m, distrust={"isw"}, off={"e-kirby-denial"})
    root = ET.fromstring(write("svg", ev))
    shown = texts(root)
    assert shown[0] == m.title and shown[1] == m.question
    assert "Analysts set aside: Institute for the Study of War (ISW)" in shown[2]
    assert m.propositions["e-kirby-denial"].short in shown[2]
    for label in ("✓ IN accepted", "✗ OUT rejected", "? UNDEC undecided", "– OFF switched off"):
        assert label in shown
    nodes = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    assert set(nodes) == set(m.propositions)
    for pid, g in nodes.items():
        state = str(ev.labels[pid])
        assert any(t.endswith(f" {state}") for t in texts(g)), pid
    junctions = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("class") == "junction"}
    assert junctions == set(m.junctions)
    assert float(root.get("width", 0)) > 1000


def test_a_failed_step_is_faded_and_crossed(build: Build) -> None:
    ev = evaluate(build("e1 e2 e3 h1", "e1+e2>h1 e3!e2"))
    root = ET.fromstring(write("svg", ev))
    (junction,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "junction"]
    assert junction.get("id") == "r1" and junction.get("opacity") == "0.6"
    assert junction.find(f"{SVG}path") is not None  # the cross
    assert "r1: OUT" in "".join(junction.itertext())


def test_hostile_text_stays_text() -> None:
    m = from_document(hostile_document("hostile"), "hostile.json")
    svg = write("svg", evaluate(m))
    root = ET.fromstring(svg)  # well-formed whatever the map says
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject", "a", "image")]
    assert m.title in texts(root)
