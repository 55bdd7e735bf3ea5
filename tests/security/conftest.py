"""The hostile corpus (tests/data/hostile/) as fixtures, and a map with a payload in every text field.

``refused/`` holds files the loader must refuse (``refused/expected.yaml`` says with what words),
``accepted/`` files that load and must display safely, ``payloads.txt`` one script or markup
payload per line. ``hostile_document()`` spreads the payloads over every field a user can write:
titles, question, description, proposition text and label, quotes, notes, analysts, sources (a
URL may only be http(s), so there the payload rides in the query).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
PAYLOADS = [line for line in (HOSTILE / "payloads.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def hostile_document(map_id: str = "hostile") -> dict[str, Any]:
    """A valid map whose every free-text field holds a payload from payloads.txt."""
    n = len(PAYLOADS)
    analysts = [{"id": f"a{i}", "name": p, "affiliation": p, "description": p} for i, p in enumerate(PAYLOADS)]
    sources = [
        {
            "id": f"s{i}",
            "title": p,
            "outlet": p,
            "author": p,
            "date": p,
            "url": f"https://example.org/?q={quote(p)}#{p}",
            "file": p,
        }
        for i, p in enumerate(PAYLOADS)
    ]
    propositions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for i, p in enumerate(PAYLOADS):
        cite = [{"source": f"s{i}", "quote": p}]
        propositions.append(
            {"id": f"e{i}", "text": p, "kind": "evidence", "label": p, "asserted_by": [f"a{i}"], "cites": cite}
        )
        propositions.append({"id": f"c{i}", "text": p, "kind": "claim", "cites": cite})
        relations.append(
            {
                "id": f"rs{i}",
                "from": f"e{i}",
                "to": f"c{i}",
                "kind": "support",
                "by": [f"a{i}"],
                "cites": cite,
                "note": p,
            }
        )
        relations.append(
            {
                "id": f"rh{i}",
                "from": f"c{i}",
                "to": f"h{i % 3}",
                "kind": "support",
                "by": [f"a{(i + 1) % n}"],
                "note": p,
            }
        )
    for h in range(3):
        propositions.append({"id": f"h{h}", "text": PAYLOADS[h], "kind": "hypothesis", "label": PAYLOADS[h + 3]})
    relations += [
        {"id": "x01", "from": "h0", "to": "h1", "kind": "attack", "note": PAYLOADS[6]},
        {"id": "x10", "from": "h1", "to": "h0", "kind": "attack", "by": ["a1"]},
        {"id": "x2", "from": "h2", "to": "h2", "kind": "attack", "note": PAYLOADS[7]},
    ]
    return {
        "id": map_id,
        "title": PAYLOADS[0] + " " + PAYLOADS[1],
        "question": PAYLOADS[2] + " " + PAYLOADS[6],
        "description": " ".join(PAYLOADS),
        "analysts": analysts,
        "sources": sources,
        "propositions": propositions,
        "relations": relations,
    }


@pytest.fixture(scope="session")
def hostile_documents() -> Callable[[str], dict[str, Any]]:
    return hostile_document


@pytest.fixture(scope="session")
def payloads() -> list[str]:
    return PAYLOADS
