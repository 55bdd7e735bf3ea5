"""No payload runs in the browser: the hostile maps in a real Chromium, every node's details opened,
tooltips shown, switches flipped; no dialog, no ``window.__pwned``, no injected element or handler,
and no link with a scheme other than http(s), even for a map built in code with a ``javascript:`` URL.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, expect
from werkzeug.serving import make_server

from argmap.model import Source
from argmap.web import create_app
from argmap.web.state import EXTENSION

pytestmark = pytest.mark.e2e

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
EVIL_URL = "javascript:window.__pwned = 1"

# What a page may hold after any amount of clicking: the scripts the templates load, nothing else.
AUDIT = """() => {
  const handlers = [];
  for (const node of document.querySelectorAll("*")) {
    for (const attr of node.attributes) {
      if (/^on/i.test(attr.name)) handlers.push(`${node.tagName}[${attr.name}]`);
    }
  }
  const links = [];
  for (const node of document.querySelectorAll("[href], [src], [action], [formaction]")) {
    for (const name of ["href", "src", "action", "formaction"]) {
      if (node.hasAttribute(name)) links.push(node.getAttribute(name));
    }
  }
  return {
    pwned: typeof window.__pwned !== "undefined",
    handlers,
    badLinks: links.filter((u) => !/^(https?:|\\/|#|blob:|data:image\\/)/i.test(u.trim()) && u.trim() !== ""),
    scripts: [...document.scripts].map((s) => s.src ? new URL(s.src).pathname : `inline:${s.type}`),
    frames: document.querySelectorAll("iframe, frame, object, embed").length,
    injected: document.querySelectorAll("img[src='x'], svg[onload], details[ontoggle], math, marquee").length,
  };
}"""


@pytest.fixture(scope="session")
def hostile_url(
    tmp_path_factory: pytest.TempPathFactory, hostile_documents: Callable[[str], dict[str, Any]]
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile-maps")
    (folder / "hostile.json").write_text(json.dumps(hostile_documents("hostile")), encoding="utf-8")
    for name in ("unicode.json", "cycles.yaml"):
        shutil.copy(HOSTILE / "accepted" / name, folder / name)
    evil = hostile_documents("evil-link")
    evil["title"] = "A map built in code with a javascript: link"
    (folder / "evil-link.json").write_text(json.dumps(evil), encoding="utf-8")
    app = create_app({"MAPS_DIR": str(folder), "IMPORT_DIR": str(tmp_path_factory.mktemp("hostile-imports"))})
    _swap_in_javascript_links(app, "evil-link")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def _swap_in_javascript_links(app: Any, map_id: str) -> None:
    """Give a loaded map ``javascript:`` source URLs, as code could (the loader would refuse them)."""
    store = app.extensions[EXTENSION]["store"]
    shipped = store._shipped  # the shipped folder's maps (argmap.shipped)
    stored = shipped._files[shipped._by_id[map_id]]
    m = stored.map
    sources = {k: dataclasses.replace(s, url=EVIL_URL) for k, s in m.sources.items()}
    sources["s0"] = Source("s0", "Plain data: link", url="data:text/html,<script>alert(1)</script>")
    evil = dataclasses.replace(m, sources=sources)
    shipped._files[stored.path] = dataclasses.replace(stored, map=evil)
    assert store.get(map_id).sources["s1"].url == EVIL_URL


class Alarm:
    """Dialogs, page errors and console errors seen on a page."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self.dialog)
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)

    def dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def assert_nothing_ran(page: Page, alarm: Alarm) -> dict[str, Any]:
    audit: dict[str, Any] = page.evaluate(AUDIT)
    assert alarm.dialogs == [], alarm.dialogs
    assert audit["pwned"] is False
    assert audit["handlers"] == [] and audit["frames"] == 0 and audit["injected"] == 0, audit
    assert audit["badLinks"] == [], audit["badLinks"]
    assert all(not s.startswith("inline:") or s == "inline:application/json" for s in audit["scripts"]), audit
    assert alarm.errors == [], alarm.errors
    return audit


def open_map(page: Page, url: str) -> Alarm:
    alarm = Alarm(page)
    page.goto(url)
    page.wait_for_selector("body.graph-ready")
    return alarm


def test_no_payload_runs_when_every_node_is_opened(page: Page, hostile_url: str, payloads: list[str]) -> None:
    alarm = open_map(page, f"{hostile_url}/maps/hostile")
    expect(page.locator("h1.map-title")).to_have_text(f"{payloads[0]} {payloads[1]}")
    details = page.locator("[data-testid=details]")
    ids: list[str] = page.evaluate("window.argmap.nodes.getIds()")
    assert len(ids) == 2 * len(payloads) + 3
    for node_id in ids:
        page.evaluate("(id) => window.argmap.select(id)", node_id)
        expect(details).to_have_attribute("data-node-id", node_id)
        if node_id.startswith(("e", "c")):
            payload = payloads[int(node_id[1:])]
            expect(details.locator(".details-title")).to_have_text(payload)  # shown as text, verbatim
            if node_id.startswith("e"):
                expect(details.locator("blockquote").first).to_have_text(f"“{payload}”")
    assert_nothing_ran(page, alarm)


def test_no_payload_runs_in_tooltips_switches_or_readings(page: Page, hostile_url: str, payloads: list[str]) -> None:
    alarm = open_map(page, f"{hostile_url}/maps/hostile")
    shown = 0
    for node_id, payload in (("e0", payloads[0]), ("e1", payloads[1]), ("c2", payloads[2]), ("h0", payloads[0])):
        point = page.evaluate(
            """(id) => { const net = window.argmap.network;
                 const dom = net.canvasToDOM(net.getPositions([id])[id]);
                 const box = document.querySelector('#graph canvas').getBoundingClientRect();
                 return [box.left + dom.x, box.top + dom.y]; }""",
            node_id,
        )
        page.mouse.move(point[0], point[1])
        page.wait_for_timeout(500)  # vis-network shows its tooltip after a hover delay
        tooltip = page.locator("div.vis-tooltip")
        if tooltip.count() and tooltip.is_visible():
            shown += 1
            # Text only: vis-network sets it with innerText (line breaks become <br>), never as markup.
            assert tooltip.evaluate("t => [...t.children].every((c) => c.tagName === 'BR')")
            assert payload in tooltip.evaluate("t => t.textContent")
        page.mouse.move(1, 1)
        page.wait_for_timeout(100)
    assert shown >= 2, "hovering showed too few tooltips to check"
    page.locator("input[data-evidence-id=e0]").uncheck()
    expect(page).to_have_url(re.compile(r"off=e0"))
    page.locator("input[data-analyst-id=a1]").uncheck()
    page.locator("select#support").select_option("deductive")
    expect(page).to_have_url(re.compile(r"support=deductive"))
    page.wait_for_timeout(300)
    assert_nothing_ran(page, alarm)


@pytest.mark.parametrize("map_id", ["unicode", "cycles"])
def test_unicode_and_cycles_display_without_errors(page: Page, hostile_url: str, map_id: str) -> None:
    alarm = open_map(page, f"{hostile_url}/maps/{map_id}")
    for node_id in page.evaluate("window.argmap.nodes.getIds()"):
        page.evaluate("(id) => window.argmap.select(id)", node_id)
        expect(page.locator("[data-testid=details]")).to_have_attribute("data-node-id", node_id)
    assert_nothing_ran(page, alarm)


def test_a_javascript_link_built_in_code_is_never_rendered(page: Page, hostile_url: str) -> None:
    alarm = open_map(page, f"{hostile_url}/maps/evil-link")
    for node_id in ("e0", "e1", "e2", "c1"):
        page.evaluate("(id) => window.argmap.select(id)", node_id)
        expect(page.locator("[data-testid=details]")).to_have_attribute("data-node-id", node_id)
        expect(page.locator("[data-testid=details] figure.quote").first).to_be_visible()
    assert page.locator("a[href^='javascript' i], a[href^='data' i]").count() == 0
    assert_nothing_ran(page, alarm)


def test_the_index_ach_page_and_an_aif_import_stay_inert(page: Page, hostile_url: str) -> None:
    raw = (HOSTILE / "accepted" / "script-payloads.aif.json").read_bytes()
    reply = page.request.post(
        f"{hostile_url}/api/maps?filename=script-payloads.json", data=raw, headers={"Content-Type": "application/json"}
    )
    assert reply.status == 201, reply.text()
    for path in ("/", "/maps/hostile/ach", "/maps/script-payloads"):
        alarm = Alarm(page)
        page.goto(hostile_url + path)
        page.wait_for_load_state("networkidle")
        assert_nothing_ran(page, alarm)
