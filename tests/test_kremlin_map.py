"""The shipped map's verdicts are the ones docs/kremlin-map.md states, row by row."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.document import load
from argmap.pipeline import evaluate

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "seeds" / "kremlin-drone-2023.yaml"
DOC = ROOT / "docs" / "kremlin-map.md"
ARTICLES = ROOT.parent / "shared" / "seeds"


def verdict_rows() -> list[tuple[str, dict[str, str]]]:
    """The verdict table of the doc: (scenario, {hypothesis: label}) per row."""
    lines = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    head = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert head[0] == "scenario"
    rows = []
    for line in lines[1:]:
        cells = [cell.strip().strip("`") for cell in line.strip("|").split("|")]
        rows.append((cells[0], dict(zip(head[1:], cells[1:], strict=True))))
    return rows


def scenario(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"off": set(), "distrust": set()}
    for part in text.split("&"):
        if part != "default":
            key, _, ids = part.partition("=")
            out[key] = set(ids.split(","))
    return out


def test_the_table_covers_the_default_four_analysts_and_five_evidence_items() -> None:
    names = [name for name, _ in verdict_rows()]
    assert names[0] == "default"
    assert {n for n in names if n.startswith("distrust=")} == {
        f"distrust={a}" for a in ("isw", "galeotti", "horowitz", "ponomaryov")
    }
    assert len([n for n in names if n.startswith("off=")]) == 5
    assert set(verdict_rows()[0][1]) == set(load(MAP).hypotheses)


@pytest.mark.parametrize(("name", "expected"), verdict_rows(), ids=[name for name, _ in verdict_rows()])
def test_the_doc_states_the_verdicts_of_each_scenario(name: str, expected: dict[str, str]) -> None:
    labels = evaluate(load(MAP), **scenario(name)).labels
    assert {h: str(labels[h]) for h in expected} == expected


def test_every_row_is_explained_in_words() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, _ in verdict_rows():
        assert re.search(rf"^\* \*\*{re.escape(name)}\*\*: \S", text, re.M), name


def test_the_pretext_can_hold_while_the_staging_is_rejected() -> None:
    labels = evaluate(load(MAP), off={"e-channel-one", "e-strikes-no-worse"}, distrust={"isw"}).labels
    assert (str(labels["h-pretext"]), str(labels["h-false-flag"])) == ("IN", "OUT")


def test_the_partisans_do_not_hang_on_one_analyst() -> None:
    labels = evaluate(load(MAP), distrust={"ponomaryov"}).labels
    assert str(labels["h-partisans"]) == "UNDEC"
    off = {"e-ponomaryov-cnn", "e-ukraine-blames-opposition"}
    labels = evaluate(load(MAP), off=off).labels
    assert str(labels["h-partisans"]) == "OUT"


def test_every_audit_warning_is_justified_in_the_doc() -> None:
    if not ARTICLES.is_dir():
        pytest.fail("the source articles must sit beside this checkout, in ../shared/seeds")
    result = CliRunner().invoke(main, ["audit", str(MAP), "--sources", str(ARTICLES), "--json"])
    body = json.loads(result.output)
    assert result.exit_code == 0, body["errors"]
    text = DOC.read_text(encoding="utf-8")
    unjustified = [w for w in body["warnings"] if re.search(r"\((r-[a-z0-9-]+)\)", w).group(1) not in text]  # type: ignore[union-attr]
    assert unjustified == []


def test_the_moscow_times_answers_only_the_response_step_it_reports() -> None:
    steps = evaluate(load(MAP)).inferences
    assert str(steps["r-isw-response-supports-false-flag"]) == "OUT"
    assert str(steps["r-isw-response-supports-outweighs"]) == "IN"
