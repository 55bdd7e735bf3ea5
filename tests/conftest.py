"""Shared fixtures: ``small_map`` (a document built in code), ``app`` serving it from a temporary folder, ``client``.

The small map is chosen so that each switch changes a verdict: with everything on, h1 is IN and h2 OUT;
switching off e1 makes h1 OUT; distrusting bob makes h1 and h2 UNDEC; reading support as abstract makes h1 OUT.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from argmap.web import create_app


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Browser tests drive Debian's chromium, headless (Playwright cannot download browsers here)."""
    chromium = os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        pytest.fail("browser tests need Debian's chromium package (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def small_map() -> dict[str, Any]:
    return small_document()


def small_document() -> dict[str, Any]:
    """A fresh copy of the small map's document (for session-scoped fixtures too, through ``small_documents``)."""
    return {
        "id": "small",
        "title": "A small map",
        "question": "Which of H1 and H2 holds?",
        "analysts": [
            {"id": "alice", "name": "Alice Analyst", "affiliation": "Institute A"},
            {"id": "bob", "name": "Bob Builder"},
        ],
        "sources": [
            {"id": "s1", "title": "Report one", "outlet": "The Outlet", "date": "2023-05-03", "url": "https://example.org/r1"},
        ],
        "propositions": [
            {"id": "e1", "text": "A video shows the event.", "kind": "evidence", "label": "Video",
             "cites": [{"source": "s1", "quote": "the video shows the event"}]},
            {"id": "e2", "text": "An official said H2.", "kind": "evidence", "label": "Official statement"},
            {"id": "e3", "text": "Witnesses saw X.", "kind": "evidence", "label": "Witnesses"},
            {"id": "c1", "text": "X rules out H2.", "kind": "claim", "asserted_by": ["bob"]},
            {"id": "c2", "text": "An objection to H1 that nobody supports.", "kind": "claim", "label": "Objection"},
            {"id": "h1", "text": "H1 is what happened.", "kind": "hypothesis", "label": "H1"},
            {"id": "h2", "text": "H2 is what happened.", "kind": "hypothesis", "label": "H2"},
        ],
        "relations": [
            {"id": "r1", "from": "e1", "to": "h1", "kind": "support", "by": ["alice"],
             "cites": [{"source": "s1", "quote": "this points to H1"}]},
            {"id": "r2", "from": "e2", "to": "h2", "kind": "support"},
            {"id": "r3", "from": "h1", "to": "h2", "kind": "attack"},
            {"id": "r4", "from": "h2", "to": "h1", "kind": "attack"},
            {"id": "r5", "from": "e3", "to": "c1", "kind": "support", "by": ["bob"]},
            {"id": "r6", "from": "c1", "to": "h2", "kind": "attack", "by": ["bob"],
             "note": "X and H2 cannot both hold."},
            {"id": "r7", "from": "c2", "to": "h1", "kind": "attack", "by": ["alice"]},
        ],
    }  # fmt: skip


@pytest.fixture(scope="session")
def small_documents() -> Callable[[], dict[str, Any]]:
    return small_document


@pytest.fixture
def maps_dir(tmp_path: Path, small_map: dict[str, Any]) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "small.yaml").write_text(yaml.safe_dump(small_map, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture
def app(maps_dir: Path, tmp_path: Path) -> Iterator[Flask]:
    yield create_app({"TESTING": True, "MAPS_DIR": str(maps_dir), "IMPORT_DIR": str(tmp_path / "imports")})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
