"""Every shipped map validates, keeps the quoting rules and round-trips through its document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap.document import MAX_QUOTE_WORDS, load, loads
from argmap.model import NodeKind
from argmap.pipeline import evaluate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.yaml"))
ARTICLES = ROOT.parent / "shared" / "seeds"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_there_is_a_shipped_map() -> None:
    assert ROOT / "seeds" / "kremlin-drone-2023.yaml" in SEEDS


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_validates_and_its_id_is_its_file_stem(path: Path) -> None:
    m = load(path)
    assert m.id == path.stem


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_round_trips_through_json(path: Path) -> None:
    m = load(path)
    again = loads(json.dumps(m.to_document()), "again.json")
    assert again.to_document() == m.to_document()


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_support_and_attack_is_attributed_and_quoted_briefly(path: Path) -> None:
    m = load(path)
    for r in m.relations.values():
        if str(r.kind) == "excludes":  # structural: rival answers, attributed only where argued
            continue
        assert r.by, f"{r.id} has no analyst"
        assert r.cites, f"{r.id} cites no source"
        for c in r.cites:
            assert len(c.quote.split()) <= MAX_QUOTE_WORDS, r.id


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_quotes_are_verbatim_from_the_cited_article(path: Path) -> None:
    m = load(path)
    if not ARTICLES.is_dir():
        pytest.skip("the source articles are not beside this checkout")
    texts = {s.id: squash((ARTICLES / s.file).read_text()) for s in m.sources.values() if s.file}
    cited = [c for p in m.propositions.values() for c in p.cites] + [c for r in m.relations.values() for c in r.cites]
    missing = [c.quote for c in cited if c.source in texts and squash(c.quote) not in texts[c.source]]
    assert missing == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_hypothesis_has_a_label_under_every_reading(path: Path) -> None:
    m = load(path)
    for mode in ("evidential", "deductive", "abstract"):
        labels = evaluate(m, support=mode).labels
        assert {labels[h] for h in m.hypotheses} <= {"IN", "OUT", "UNDEC"}
    assert any(p.kind is NodeKind.EVIDENCE for p in m.propositions.values())
