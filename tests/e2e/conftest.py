"""Browser tests: the real app from create_app on a free port, driven by Playwright through Debian's chromium.

Every page is watched: a console error, an uncaught exception or a request to any host but the
test server fails the test (the explorer must work offline).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import ConsoleMessage, Page, Route
from werkzeug.serving import make_server

import argmap
from argmap.web import create_app

SEED = Path(argmap.__file__).resolve().parent.parent / "seeds" / "kremlin-drone-2023.yaml"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    return {**browser_context_args, "viewport": {"width": 1500, "height": 950}, "accept_downloads": True}


@pytest.fixture(scope="session")
def live_maps(tmp_path_factory: pytest.TempPathFactory, small_documents: Callable[[], dict[str, Any]]) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    (folder / "small.yaml").write_text(yaml.safe_dump(small_documents(), sort_keys=False), encoding="utf-8")
    bare = {"id": "bare", "title": "Bare", "propositions": [{"id": "c1", "text": "A lone claim", "kind": "claim"}]}
    (folder / "bare.yaml").write_text(yaml.safe_dump(bare), encoding="utf-8")
    (folder / "many.yaml").write_text(yaml.safe_dump(many_hypotheses(60), sort_keys=False), encoding="utf-8")
    if SEED.exists():
        shutil.copy(SEED, folder / SEED.name)
    return folder


def many_hypotheses(n: int) -> dict[str, Any]:
    """A map with a long verdict list: hypothesis ``hI`` is supported by evidence ``eI``."""
    return {
        "id": "many",
        "title": "Many answers",
        "question": "Which of many?",
        "propositions": [{"id": f"e{i}", "text": f"Evidence {i}", "kind": "evidence"} for i in range(n)]
        + [{"id": f"h{i}", "text": f"Answer {i}", "kind": "hypothesis"} for i in range(n)],
        "relations": [{"id": f"r{i}", "from": f"e{i}", "to": f"h{i}", "kind": "support"} for i in range(n)],
    }


@contextmanager
def serving(config: dict[str, Any]) -> Iterator[str]:
    """The real app from the real factory with ``config``, served on a free loopback port: its base URL."""
    server = make_server("127.0.0.1", 0, create_app({"TESTING": True, **config}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def serve_map(folder: Path, name: str, doc: dict[str, Any]) -> contextlib.AbstractContextManager[str]:
    """Serve one map document, written to ``folder/name``, as the only shipped map (no imports)."""
    (folder / name).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return serving({"MAPS_DIR": str(folder), "IMPORT_DIR": None})


@pytest.fixture(scope="session")
def live_url(live_maps: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving({"MAPS_DIR": str(live_maps), "IMPORT_DIR": str(tmp_path_factory.mktemp("imp"))}) as url:
        yield url


class Watch:
    """What went wrong on a page: console errors, uncaught exceptions, requests that left the server."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.allowed: list[re.Pattern[str]] = []

    def allow(self, pattern: str) -> None:
        """Expect console errors matching ``pattern`` (say, the 400 a test asks for)."""
        self.allowed.append(re.compile(pattern))

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self.allowed):
            self.errors.append(f"console: {message.text}")

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def watch(page: Page, live_url: str) -> Iterator[Watch]:
    watch = Watch(live_url)
    page.on("console", watch.console)
    page.on("pageerror", lambda err: watch.errors.append(f"pageerror: {err}"))
    page.route("**/*", watch.route)
    yield watch
    assert watch.outside == [], f"requests to other hosts: {watch.outside}"
    assert watch.errors == [], watch.errors


@pytest.fixture
def explorer(page: Page, live_url: str, watch: Watch) -> Callable[[str], Page]:
    """Open a map's explorer (path and query after /maps/) and wait until the graph is drawn."""

    def open_page(path: str) -> Page:
        page.goto(f"{live_url}/maps/{path}")
        page.wait_for_selector("body.graph-ready")
        return page

    return open_page
