"""No payload runs in the HTML export: the hostile maps exported, opened from file:// in Chromium with
every request but file: ones blocked, every node's details opened; no dialog, no ``window.__pwned``,
no injected element, handler or link with a scheme other than http(s), and every payload shown as text.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, Route, expect

import argmap
from argmap.document import from_document
from argmap.model import Source
from argmap.snapshot import snapshot_html

pytestmark = pytest.mark.e2e

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"

AUDIT = """() => {
  const handlers = [];
  for (const node of document.querySelectorAll("*")) {
    for (const attr of node.attributes) if (/^on/i.test(attr.name)) handlers.push(`${node.tagName}[${attr.name}]`);
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
    badLinks: links.filter((u) => !/^(https?:|data:,$)/i.test(u.trim())),
    scripts: [...document.scripts].map((s) => (s.src ? `src:${s.src}` : `inline:${s.type}`)),
    frames: document.querySelectorAll("iframe, frame, object, embed").length,
    injected: document.querySelectorAll("img, svg[onload], details[ontoggle], math, marquee, body style").length,
  };
}"""


class Alarm:
    """Dialogs, errors and requests outside file: seen on a page (those requests are blocked)."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", self.dialog)
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))
        page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.route("**/*", self.route)

    def dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def route(self, route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()


def open_export(page: Page, folder: Path, m: argmap.ArgumentMap) -> Alarm:
    path = folder / f"{m.id}.html"
    path.write_text(snapshot_html(argmap.evaluate(m)), encoding="utf-8")
    alarm = Alarm(page)
    page.goto(path.as_uri())
    page.wait_for_selector("body.graph-ready")
    return alarm


def open_every_node(page: Page) -> list[str]:
    ids: list[str] = page.evaluate("window.argmap.network.body.data.nodes.getIds()")
    for node_id in ids:
        page.evaluate("(id) => window.argmap.select(id)", node_id)
        expect(page.locator("[data-testid=details]")).to_have_attribute("data-node-id", node_id)
    return ids


def assert_nothing_ran(page: Page, alarm: Alarm) -> None:
    audit: dict[str, Any] = page.evaluate(AUDIT)
    assert alarm.dialogs == [] and alarm.outside == [], (alarm.dialogs, alarm.outside)
    assert audit["pwned"] is False
    assert audit["handlers"] == [] and audit["frames"] == 0 and audit["injected"] == 0, audit
    assert audit["badLinks"] == [], audit["badLinks"]
    assert audit["scripts"] == ["inline:application/json", "inline:", "inline:"], audit["scripts"]
    assert alarm.errors == [], alarm.errors


def test_no_payload_runs_in_the_export_of_the_hostile_map(
    page: Page, tmp_path: Path, hostile_documents: Callable[[str], dict[str, Any]], payloads: list[str]
) -> None:
    alarm = open_export(page, tmp_path, from_document(hostile_documents("hostile")))
    expect(page.locator("[data-testid=title]")).to_have_text(f"{payloads[0]} {payloads[1]}")
    expect(page).to_have_title(f"{payloads[0]} {payloads[1]} · argmap")
    details = page.locator("[data-testid=details]")
    ids = open_every_node(page)
    assert len(ids) == 2 * len(payloads) + 3
    for i in (0, 1, 2, 5, len(payloads) - 1):
        page.evaluate("(id) => window.argmap.select(id)", f"e{i}")
        expect(details.locator(".details-title")).to_have_text(payloads[i])  # shown verbatim, as text
        expect(details.locator("blockquote").first).to_have_text(f"“{payloads[i]}”")
    for button in page.locator("[data-testid=hypothesis] button").all():
        button.click()
    assert_nothing_ran(page, alarm)


@pytest.mark.parametrize("name", ["unicode.json", "cycles.yaml", "script-payloads.aif.json"])
def test_the_accepted_corpus_exports_and_displays_inertly(page: Page, tmp_path: Path, name: str) -> None:
    alarm = open_export(page, tmp_path, argmap.load(HOSTILE / "accepted" / name))
    open_every_node(page)
    assert_nothing_ran(page, alarm)


def test_javascript_and_data_links_built_in_code_are_never_rendered(
    page: Page, tmp_path: Path, hostile_documents: Callable[[str], dict[str, Any]]
) -> None:
    m = from_document(hostile_documents("evil-link"))
    sources = {k: dataclasses.replace(s, url="javascript:window.__pwned = 1") for k, s in m.sources.items()}
    sources["s0"] = Source("s0", "Plain data: link", url="data:text/html,<script>alert(1)</script>")
    alarm = open_export(page, tmp_path, dataclasses.replace(m, sources=sources))
    for node_id in ("e0", "e1", "c1"):
        page.evaluate("(id) => window.argmap.select(id)", node_id)
        expect(page.locator("[data-testid=details] figure.quote").first).to_be_visible()
    assert page.locator("a[href]").count() == 0
    assert json.loads(page.locator("#argmap-data").text_content() or "{}")["map"]["id"] == "evil-link"
    assert_nothing_ran(page, alarm)
