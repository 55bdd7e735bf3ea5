"""The editing page in Chromium: a map built from nothing, saved, reloaded, switched, edited from a
second browser (412), its versions listed and the first restored; problems shown beside their fields.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import serving

pytestmark = pytest.mark.e2e

ARTICLE = (
    "Two drones approached the Kremlin at night. Officials said the drones flew 450 km unseen.\n\n"
    "An analyst wrote: the flight path and the altitude together show that they were let through.\n"
    "Critics replied that the footage does not show where the drones came from."
)
QUOTE_LINKED = "the flight path and the altitude together show that they were let through"
QUOTE_UNDERCUT = "the footage does not show where the drones came from"


def api(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def evaluated(page: Page) -> None:
    """Wait until the page has evaluated its newest draft."""
    page.wait_for_function(
        "() => { const m = document.querySelector('main.editor');"
        " return m.dataset.evaluated && m.dataset.evaluated === m.dataset.drawn; }"
    )


def add_proposition(page: Page, kind: str, text: str, label: str) -> None:
    form = page.locator("[data-testid=add-proposition]")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("textarea[name=text]").fill(text)
    form.locator("input[name=label]").fill(label)
    form.get_by_role("button", name="Add proposition").click()
    expect(page.locator(f"[data-testid=items] button:has-text('{kind}: {label}')")).to_be_visible()


def add_relation(page: Page, premises: list[str], kind: str, target: str) -> None:
    form = page.locator("[data-testid=add-relation]")
    for p in premises:
        form.locator(f"input[name=from][value='{p}']").check()
    form.locator("select[name=kind]").select_option(kind)
    form.locator("select[name=to]").select_option(target)
    form.get_by_role("button", name="Draw relation").click()
    evaluated(page)


def select_item(page: Page, item_id: str) -> None:
    page.locator(f"[data-testid=items] [data-select='{item_id}']").click()
    expect(page.locator("[data-testid=selection]")).to_have_attribute("data-node-id", item_id)


def pick_quote(page: Page, passage: str) -> None:
    """Select ``passage`` in the open source text, as a mouse would, and quote it."""
    page.evaluate(
        """(passage) => {
          const node = document.querySelector("[data-testid=source-text]").firstChild;
          const start = node.textContent.indexOf(passage);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + passage.length);
          document.getSelection().removeAllRanges();
          document.getSelection().addRange(range);
        }""",
        passage,
    )
    page.wait_for_timeout(50)  # selectionchange is dispatched asynchronously
    page.locator("[data-testid=quote-selection]").click()


def verdict(page: Page, h: str) -> Any:
    return page.locator(f"[data-testid=hypothesis][data-node-id='{h}']")


def build_the_map(page: Page, live_url: str) -> str:
    page.goto(f"{live_url}/")
    form = page.locator("[data-testid=new-map]")
    form.locator("input[name=title]").fill("Who flew the drones")
    form.locator("input[name=question]").fill("Who sent the drones over the Kremlin?")
    form.get_by_role("button", name="New map").click()
    page.wait_for_url(re.compile(r"/maps/who-flew-the-drones[-0-9]*/edit"))
    map_id = page.url.split("/maps/")[1].split("/")[0]
    evaluated(page)
    for kind, text, label in [
        ("evidence", "The drones flew 450 km unseen.", "450 km"),
        ("evidence", "They passed several air-defence belts.", "Belts"),
        ("evidence", "The footage does not show where they came from.", "Footage"),
        ("claim", "The drones were let through.", "Let through"),
        ("hypothesis", "A staged operation.", "Staged"),
        ("hypothesis", "A Ukrainian strike.", "Strike"),
    ]:
        add_proposition(page, kind, text, label)
    add_relation(page, ["e1", "e2"], "support", "c1")  # r1: linked
    add_relation(page, ["c1"], "support", "h1")  # r2
    add_relation(page, ["e3"], "support", "h2")  # r3
    add_relation(page, ["h1"], "excludes", "h2")  # r4: rivals
    add_relation(page, ["e3"], "attack", "r2")  # r5: undercuts r2
    analysts = page.locator("[data-testid=add-analyst]")
    analysts.locator("input[name=name]").fill("Ann Analyst")
    analysts.get_by_role("button", name="Add analyst").click()
    source = page.locator("[data-testid=add-source]")
    source.locator("input[name=title]").fill("The report")
    source.locator("textarea[name=text]").fill(ARTICLE)
    source.get_by_role("button", name="Add source").click()
    expect(page.locator("[data-testid=source-pane]")).to_be_visible()
    select_item(page, "r1")
    page.locator("[data-testid=step-analysts] input[value='ann-analyst']").check()
    evaluated(page)
    pick_quote(page, QUOTE_LINKED)
    expect(page.locator("[data-testid=selection] [data-testid=quote]")).to_have_count(1)
    select_item(page, "r5")
    page.locator("[data-testid=selection] input[name=new-analyst]").fill("Carl Critic")
    page.locator("[data-testid=add-analyst-inline]").click()
    evaluated(page)
    pick_quote(page, QUOTE_UNDERCUT)
    expect(page.locator("[data-testid=selection] [data-testid=quote]")).to_have_count(1)
    evaluated(page)
    return map_id


def test_a_map_built_from_nothing_is_saved_evaluated_conflicted_and_restored(
    page: Page, live_url: str, watch: Any, browser: Browser
) -> None:
    watch.allow("412")
    map_id = build_the_map(page, live_url)
    # the draft is evaluated before any save: the undercut leaves the staged answer unsupported
    expect(verdict(page, "h1")).to_have_attribute("data-label", "OUT")
    expect(verdict(page, "h2")).to_have_attribute("data-label", "IN")
    page.locator("[data-testid=author]").fill("Ann")
    page.locator("[data-testid=author]").press("Tab")
    page.locator("[data-testid=save]").click()
    expect(page.locator("[data-testid=save-status]")).to_contain_text("Saved version 2")

    page.reload()
    evaluated(page)
    expect(verdict(page, "h1")).to_have_attribute("data-label", "OUT")
    expect(verdict(page, "h2")).to_have_attribute("data-label", "IN")
    saved = api(f"{live_url}/api/maps/{map_id}")
    assert saved["relations"][0]["from"] == ["e1", "e2"] and saved["relations"][4]["to"] == "r2"
    assert saved["relations"][3]["kind"] == "excludes"
    assert [c["quote"] for r in saved["relations"] for c in r.get("cites", [])] == [QUOTE_LINKED, QUOTE_UNDERCUT]
    assert "text" not in saved["sources"][0]  # the article stays with the editor
    labels = api(f"{live_url}/api/maps/{map_id}/labels")["labels"]
    assert (labels["h1"], labels["h2"], labels["c1"]) == ("OUT", "IN", "IN")

    page.locator("input[data-evidence-id='e3']").uncheck()
    expect(verdict(page, "h1")).to_have_attribute("data-label", "IN")
    expect(verdict(page, "h2")).to_have_attribute("data-label", "OUT")
    expect(page).to_have_url(re.compile(r"off=e3"))
    labels = api(f"{live_url}/api/maps/{map_id}/labels?off=e3")["labels"]
    assert (labels["h1"], labels["h2"]) == ("IN", "OUT")

    other = browser.new_context(viewport={"width": 1500, "height": 950})
    second = other.new_page()
    second.goto(f"{live_url}/maps/{map_id}/edit")
    evaluated(second)
    second.locator("[data-testid=title]").fill("Who flew the drones (revised)")
    second.locator("[data-testid=title]").press("Tab")
    evaluated(second)
    second.locator("[data-testid=save]").click()
    expect(second.locator("[data-testid=save-status]")).to_contain_text("Saved version 3")
    other.close()

    select_item(page, "c1")
    page.locator("[data-testid=selection] textarea[name=text]").fill("The drones were let through on purpose.")
    page.locator("[data-testid=selection] textarea[name=text]").press("Tab")
    evaluated(page)
    page.locator("[data-testid=save]").click()
    conflict = page.locator("[data-testid=conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("version 3")
    with page.expect_download() as download:
        page.locator("[data-testid=download-draft]").click()
    kept = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert kept["propositions"][3]["text"] == "The drones were let through on purpose."
    page.locator("[data-testid=reload]").click()
    expect(page.locator("[data-testid=title]")).to_have_value("Who flew the drones (revised)")

    page.locator("[data-testid=versions-toggle]").click()
    versions = page.locator("[data-testid=version]")
    expect(versions).to_have_count(3)
    expect(page.locator("[data-testid=version][data-version='2']")).to_contain_text("Ann")
    expect(page.locator("[data-testid=version][data-version='2']")).to_contain_text("+6 propositions")
    page.locator("[data-testid=version][data-version='1'] [data-testid=open-version]").click()
    expect(page.locator("[data-testid=viewing]")).to_contain_text("Version 1, read-only")
    expect(page.locator("[data-testid=hypothesis]")).to_have_count(0)
    expect(page.locator("[data-testid=add-proposition] button[type=submit]")).to_be_disabled()
    page.locator("[data-testid=restore]").click()
    expect(page.locator("[data-testid=save-status]")).to_contain_text("Restored version 1 as version 4")
    expect(versions).to_have_count(4)
    restored = api(f"{live_url}/api/maps/{map_id}")
    assert restored["title"] == "Who flew the drones" and restored.get("propositions", []) == []


def test_undo_and_redo_walk_the_session_s_changes(page: Page, live_url: str, watch: Any) -> None:
    page.goto(f"{live_url}/maps/small/edit")
    evaluated(page)
    add_proposition(page, "evidence", "A new report.", "Report")
    expect(page.locator("[data-testid=items] [data-select='e4']")).to_have_count(1)
    page.locator("[data-testid=undo]").click()
    expect(page.locator("[data-testid=items] [data-select='e4']")).to_have_count(0)
    page.locator("[data-testid=redo]").click()
    expect(page.locator("[data-testid=items] [data-select='e4']")).to_have_count(1)
    select_item(page, "e1")
    page.locator("[data-testid=delete]").click()
    evaluated(page)
    expect(page.locator("[data-testid=items] [data-select='r1']")).to_have_count(0)  # its only premise is gone
    expect(verdict(page, "h1")).to_have_attribute("data-label", "OUT")
    page.keyboard.press("Control+z")
    evaluated(page)
    expect(page.locator("[data-testid=items] [data-select='r1']")).to_have_count(1)


def test_a_shipped_map_is_edited_as_a_draft_and_saved_as_a_copy(page: Page, live_url: str, watch: Any) -> None:
    page.goto(f"{live_url}/maps/small")
    page.locator("[data-testid=edit]").click()
    page.wait_for_url(re.compile(r"/maps/small/edit"))
    evaluated(page)
    expect(page.locator("[data-testid=read-only]")).to_be_visible()
    expect(page.locator("[data-testid=save]")).to_be_disabled()
    page.locator("input[data-evidence-id='e1']").uncheck()  # the draft's verdicts follow the switches
    expect(verdict(page, "h1")).to_have_attribute("data-label", "OUT")
    page.locator("[data-testid=copy-id]").fill("small-copy")
    page.locator("[data-testid=save-as]").click()
    page.wait_for_url(re.compile(r"/maps/small-copy/edit"))
    evaluated(page)
    expect(page.locator("[data-testid=save]")).to_be_enabled()
    page.locator("[data-testid=edit]").click()  # editing off: back to the explorer
    page.wait_for_url(re.compile(r"/maps/small-copy(\?|$)"))


def test_the_server_s_problems_are_shown_beside_their_fields(page: Page, live_url: str, watch: Any) -> None:
    watch.allow("400")
    page.goto(f"{live_url}/maps/small/edit")
    evaluated(page)
    select_item(page, "c1")
    text = page.locator("[data-testid=selection] textarea[name=text]")
    text.fill("")
    text.press("Tab")
    problem = page.locator("[data-testid=selection] [data-testid=field-problem][data-path='propositions[3].text']")
    expect(problem).to_be_visible()
    expect(page.locator("[data-testid=problems]")).to_contain_text("propositions[3].text")
    page.locator("[data-testid=undo]").click()
    expect(page.locator("[data-testid=problems]")).to_be_hidden()


def test_a_quote_longer_than_25_words_is_refused(page: Page, live_url: str, watch: Any) -> None:
    page.goto(f"{live_url}/maps/small/edit")
    evaluated(page)
    source = page.locator("[data-testid=add-source]")
    source.locator("input[name=title]").fill("Long")
    source.locator("textarea[name=text]").fill(" ".join(f"word{i}" for i in range(40)))
    source.get_by_role("button", name="Add source").click()
    select_item(page, "r1")
    pick_quote(page, " ".join(f"word{i}" for i in range(30)))
    expect(page.locator("[data-testid=quote-problem]")).to_contain_text("at most 25")
    expect(page.locator("[data-testid=selection] [data-testid=quote]")).to_have_count(1)  # r1's own quote only


@pytest.fixture
def token_url(live_maps: Path, tmp_path: Path) -> Iterator[str]:
    with serving({"MAPS_DIR": str(live_maps), "IMPORT_DIR": str(tmp_path / "imp"), "TOKEN": "s3cret"}) as url:
        yield url


def test_the_page_asks_once_for_the_token_and_keeps_it_for_the_tab(page: Page, token_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{token_url}/")
    page.locator("[data-testid=new-map] input[name=title]").fill("Guarded")
    page.locator("[data-testid=new-map]").get_by_role("button", name="New map").click()
    page.locator("[data-testid=token-form] input[name=token]").fill("s3cret")
    page.locator("[data-testid=token-form]").get_by_role("button", name="Use token").click()
    page.wait_for_url(re.compile(r"/maps/guarded/edit"))
    evaluated(page)  # the page read the sources' texts with the token, without asking again
    expect(page.locator("[data-testid=token-form]")).to_be_hidden()
    add_proposition(page, "hypothesis", "An answer.", "Answer")
    with page.expect_request("**/api/maps/guarded") as put:
        page.locator("[data-testid=save]").click()
    expect(page.locator("[data-testid=save-status]")).to_contain_text("Saved version 2")
    assert put.value.method == "PUT" and put.value.headers["authorization"] == "Bearer s3cret"
    assert put.value.headers["if-match"] == '"1"'
    assert page.evaluate("() => [sessionStorage.getItem('argmap-token'), localStorage.length, document.cookie]") == [
        "s3cret",
        0,
        "",
    ]
    assert errors == []


def test_the_map_list_imports_an_iccma_framework(page: Page, live_url: str, watch: Any, tmp_path: Path) -> None:
    upload = tmp_path / "triangle.af"
    upload.write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    page.goto(f"{live_url}/")
    page.locator("#import-form input[type=file]").set_input_files(str(upload))
    page.locator("#import-form").get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/maps/triangle$"))
    page.wait_for_selector("body.graph-ready")
    page.locator("[data-testid=edit]").click()
    page.wait_for_url(re.compile(r"/maps/triangle/edit"))
    evaluated(page)
    expect(page.locator("[data-testid=save]")).to_be_enabled()


def test_leaving_with_changes_not_saved_asks_first(page: Page, live_url: str, watch: Any) -> None:
    page.goto(f"{live_url}/maps/small/edit")
    evaluated(page)
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    add_proposition(page, "claim", "A new step.", "New")
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked == ["beforeunload"]
