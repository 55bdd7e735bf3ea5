"""Every real AIF corpus beside the repository imports: linked RA nodes stay linked, bad nodes are skipped one by one.

The corpora live in ``../shared/data`` (never in the repository): AraucariaDB's 661 nodesets, and in
``external/aif`` the 1,478 QT30 nodesets of DialAM 2024 (read from their ``.tar.xz`` here, not extracted),
the 11 DialAM gold maps and 3 AIFdb nodesets. What the reader must do is worked out here from the raw
JSON, independently of the reader: which RA nodes have several I-node premises, which S-nodes have no
premise, no conclusion or lead from an I-node to itself, which edges join two I-nodes.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import InvalidMap
from argmap.formats.aif_reader import AifImport, import_aif

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
ARAUCARIA = SHARED / "aif-araucaria"
EXTERNAL = SHARED / "external" / "aif"
QT30 = EXTERNAL / "qt30-dialam2024.tar.xz"

pytestmark = pytest.mark.skipif(
    not (ARAUCARIA.is_dir() and QT30.is_file()), reason="the AIF corpora are not beside this checkout"
)


def corpus_files(corpus: str) -> Iterator[tuple[str, str]]:
    """(name, text) of every file of one corpus."""
    if corpus == "araucaria":
        for path in sorted(ARAUCARIA.glob("*.json")):
            yield path.name, path.read_text(encoding="utf-8")
    elif corpus == "qt30":
        with tarfile.open(QT30) as tar:
            for member in tar.getmembers():
                handle = tar.extractfile(member) if member.isfile() else None
                if handle is not None:
                    yield member.name, handle.read().decode("utf-8")
    else:
        for path in sorted((EXTERNAL / corpus).glob("*.json")):
            yield path.name, path.read_text(encoding="utf-8")


@dataclass
class Expected:
    """What a file holds, read straight from its JSON."""

    linked: dict[str, tuple[str, ...]]  # RA node -> its I-node premises in edge order (two or more)
    unreadable: set[str]  # S-nodes with no premise or no conclusion, or from an I-node to itself
    missing: set[str]  # of those, the ones with no premise or no conclusion
    i_to_i: int  # edges that join two I-nodes


def expected(raw: dict[str, Any]) -> Expected:
    aif = raw.get("AIF", raw)
    kind = {str(n["nodeID"]): n["type"] for n in aif["nodes"]}
    ins: dict[str, list[str]] = {}
    outs: dict[str, list[str]] = {}
    i_to_i = 0
    for e in aif["edges"]:
        a, b = str(e["fromID"]), str(e["toID"])
        if kind[a] == kind[b] == "I":
            i_to_i += 1
        elif b not in outs.get(a, []):
            outs.setdefault(a, []).append(b)
            ins.setdefault(b, []).append(a)
    linked: dict[str, tuple[str, ...]] = {}
    unreadable: set[str] = set()
    missing: set[str] = set()
    for node, t in kind.items():
        if t not in ("RA", "CA", "MA"):
            continue
        premises = [p for p in ins.get(node, []) if kind[p] == "I"]
        conclusions = [c for c in outs.get(node, []) if kind[c] in ("I", "RA", "CA", "MA")]
        if not premises or not conclusions:
            missing.add(node)
        if (
            not premises
            or not conclusions
            or any(c in premises and (t != "CA" or len(premises) > 1) for c in conclusions)
        ):
            unreadable.add(node)
        elif t == "RA" and len(premises) > 1:
            linked[node] = tuple(premises)
    return Expected(linked, unreadable, missing, i_to_i)


@dataclass
class Tally:
    files: int = 0
    linked_ras: int = 0
    files_with_linked_ras: int = 0
    skipped_nodes: int = 0
    missing: int = 0
    files_missing: int = 0
    i_to_i: int = 0


def check_file(name: str, text: str, tally: Tally) -> None:
    """Import one file and hold it to what its JSON says."""
    want = expected(json.loads(text))
    found: AifImport = import_aif(text, name)
    m = found.map
    tally.files += 1
    for node, premises in want.linked.items():
        r = m.relations[f"r{node}"]
        assert r.premises == tuple(f"i{p}" for p in premises), (name, node)
    assert not [r.id for r in m.relations.values() if "-" in r.id], f"{name}: a step was split"
    tally.linked_ras += len(want.linked)
    tally.files_with_linked_ras += bool(want.linked)
    skipped = [w for w in found.warnings if w.endswith("; skipped")]
    assert len(skipped) == len(want.unreadable) + want.i_to_i, (name, skipped)
    for node in want.unreadable:
        assert sum(f" node '{node}' " in w for w in skipped) == 1, (name, node)
        assert f"r{node}" not in m.relations
    tally.skipped_nodes += len(want.unreadable)
    tally.missing += len(want.missing)
    tally.files_missing += bool(want.missing or want.i_to_i)
    tally.i_to_i += want.i_to_i
    if want.unreadable or want.i_to_i:
        with pytest.raises(InvalidMap):
            import_aif(text, name, strict=True)


def test_every_araucaria_file_imports_with_each_multi_premise_ra_as_one_linked_support() -> None:
    tally = Tally()
    for name, text in corpus_files("araucaria"):
        check_file(name, text, tally)
    assert tally.files == 661
    assert (tally.linked_ras, tally.files_with_linked_ras) == (1173, 628)
    assert tally.skipped_nodes == tally.i_to_i == 0


def test_every_file_of_the_external_corpora_imports_with_one_warning_per_node_skipped() -> None:
    tally = Tally()
    for corpus in ("qt30", "qt30-dialam-eval", "aifdbmapconverter"):
        for name, text in corpus_files(corpus):
            check_file(name, text, tally)
    assert tally.files == 1478 + 11 + 3
    # The S-nodes with no premise (an RA fed only from an L-node, an MA with nothing rephrased) or no
    # conclusion, and the one edge from an I-node straight to another, that once refused 44 files whole.
    assert (tally.missing, tally.i_to_i, tally.files_missing) == (128, 1, 44)
    assert tally.skipped_nodes == 128 + 53  # and 53 MA/RA nodes from an I-node to itself
    assert (tally.linked_ras, tally.files_with_linked_ras) == (627, 484)
