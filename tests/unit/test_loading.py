"""``argmap.load`` / ``argmap.loads``: every format argmap reads, by content first and name second."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.sniffing import framework_format

DATA = Path(__file__).resolve().parent.parent / "data" / "aif"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "kremlin-drone-2023.yaml"
CHAIN = "p af 3\n1 2\n2 3\n"


def test_load_reads_aif_whatever_the_name(tmp_path: Path) -> None:
    shutil.copy(DATA / "nodeset10.json", tmp_path / "nodeset10.json")
    shutil.copy(DATA / "nodeset10.json", tmp_path / "download.txt")
    first, second = argmap.load(tmp_path / "nodeset10.json"), argmap.load(tmp_path / "download.txt")
    assert first.propositions and first.relations
    assert first.to_document()["propositions"] == second.to_document()["propositions"]


@pytest.mark.parametrize(
    ("name", "text", "ids"),
    [
        ("chain.iccma", CHAIN, ["a1", "a2", "a3"]),
        ("chain.txt", "# exported\n" + CHAIN, ["a1", "a2", "a3"]),
        ("chain", "arg(x).\narg(y).\natt(x,y).\n", ["x", "y"]),
        ("chain.graph", "x\ny\n#\nx y\n", ["x", "y"]),
        ("chain.tgf", "x\ny\n#\nx y\n", ["x", "y"]),
    ],
)
def test_load_reads_frameworks_by_their_content(tmp_path: Path, name: str, text: str, ids: list[str]) -> None:
    path = tmp_path / name
    path.write_text(text)
    m = argmap.load(path)
    assert list(m.propositions) == ids
    assert {str(label) for label in argmap.evaluate(m).labels.values()} == {"IN", "OUT"}


def test_load_reads_argmap_documents_in_yaml_and_json(tmp_path: Path) -> None:
    m = argmap.load(SEED)
    (tmp_path / "seed.json").write_text(json.dumps(m.to_document()))
    (tmp_path / "seed.txt").write_text(json.dumps(m.to_document()))
    assert argmap.load(tmp_path / "seed.json").to_document() == m.to_document()
    assert argmap.load(tmp_path / "seed.txt").to_document() == m.to_document()


def test_loads_detects_every_format_and_takes_one_when_told() -> None:
    aif = (DATA / "nodeset10.json").read_text()
    assert argmap.loads(aif).relations
    assert list(argmap.loads(CHAIN).propositions) == ["a1", "a2", "a3"]
    assert list(argmap.loads("a\nb\n#\na b\n").propositions) == ["a", "b"]
    assert argmap.loads(SEED.read_text()).id == "kremlin-drone-2023"
    assert list(argmap.loads("a\nb\n#\n", format="tgf").propositions) == ["a", "b"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: argmap.loads(CHAIN, format="magic"), "No reader for 'magic'; known formats: af, aif, apx"),
        (lambda: argmap.loads("p af 2\n1 3\n", name="bad.af"), "bad.af: line 2: expected two argument numbers"),
        (lambda: argmap.load("nowhere/map.yaml"), "nowhere/map.yaml: no such file"),
    ],
)
def test_errors_are_one_line_naming_the_file(call: object, message: str) -> None:
    with pytest.raises(argmap.ArgmapError) as err:
        call()  # type: ignore[operator]
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_an_iccma_export_solves_as_a_framework_whatever_its_suffix(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "x.iccma"
    exported = runner.invoke(main, ["export", str(SEED), "--format", "iccma", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    shutil.copy(out, tmp_path / "x.i23")
    by_content = runner.invoke(main, ["solve", str(out)])
    by_suffix = runner.invoke(main, ["solve", str(tmp_path / "x.i23")])
    assert by_content.exit_code == 0, by_content.output
    assert by_content.output.startswith("w ") and by_content.output == by_suffix.output


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [
        ("# comment\n\np af 1\n", "x.yaml", "i23"),
        ("% facts\natt(a,a).\n", "", "apx"),
        ("x\n#\n", "x.json", None),  # named as a document: never guessed TGF
        ("# a YAML comment\n#\nid: m\n", "upload", None),
        ("id: m\n#\n", "", None),
        ("{}", "x.af", "af"),  # the suffix, when the content says nothing
    ],
)
def test_framework_formats_by_content_then_suffix(text: str, name: str, fmt: str | None) -> None:
    assert framework_format(text, name) == fmt
