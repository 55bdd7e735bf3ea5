"""Shared by the fuzz tests: the base map they mutate, and what every loaded map must survive.

A fuzzed input must end in a result or an ArgmapError. A result must then be usable everywhere
a real map is: evaluated under every support reading and scenario switch, explained, exported
in every format and written as UTF-8 (a lone surrogate that slipped through fails here).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from argmap.document import from_document
from argmap.errors import ArgmapError
from argmap.formats import WRITERS, write
from argmap.model import ArgumentMap
from argmap.pipeline import evaluate
from argmap.scenario import SupportMode


def assert_usable(m: ArgumentMap) -> None:
    """Everything the web and CLI do with a map works on ``m`` (small maps only: it is thorough)."""
    for mode in SupportMode:
        result = evaluate(m, support=mode)
        json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
        for prop in m.propositions:
            json.dumps(result.explain(prop), ensure_ascii=False).encode("utf-8")
            "\n".join(result.describe(prop)).encode("utf-8")
    for e in m.evidence[:3]:
        evaluate(m, off=[e]).to_dict()
    for a in list(m.analysts)[:3]:
        evaluate(m, distrust=[a]).to_dict()
    result = evaluate(m)
    for fmt in WRITERS:
        write(fmt, result).encode("utf-8")
    doc = m.to_document()
    text = json.dumps(doc, ensure_ascii=False)
    assert from_document(json.loads(text.encode("utf-8")), "again.json").to_document() == doc


def assert_clear_error(err: ArgmapError, name: str) -> None:
    """Every message is one non-empty line naming the file."""
    assert err.messages, "an ArgmapError with no message"
    for message in err.messages:
        assert message.strip() and "\n" not in message and "\r" not in message, repr(message)
        assert message.startswith(f"{name}: ") or message.startswith(f"{name} "), repr(message)
        assert len(message) < 2_000, f"a {len(message)}-character message"
        message.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogates


@pytest.fixture(scope="session")
def usable() -> Callable[[ArgumentMap], None]:
    return assert_usable


@pytest.fixture(scope="session")
def clear_error() -> Callable[[ArgmapError, str], None]:
    return assert_clear_error
