"""The HTML pages and assets: server-rendered scenario, page hooks, no inline script, text never HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient

from argmap.web import create_app


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def with_attr(tags: Tags, name: str, value: str | None = None) -> list[dict[str, str | None]]:
    return [a for _, a in tags.tags if name in a and (value is None or a[name] == value)]


def page_data(html: str) -> dict[str, Any]:
    [(_, text)] = [(a, t) for a, t in parse(html).scripts if a.get("id") == "argmap-data"]
    data: dict[str, Any] = json.loads(text)
    return data


def test_index_lists_the_maps(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert with_attr(parse(response.text), "href", "/maps/small")


def test_page_renders_the_default_scenario(client: FlaskClient) -> None:
    html = client.get("/maps/small").text
    tags = parse(html)
    assert "Which of H1 and H2 holds?" in html
    hyps = {a["data-node-id"]: a["data-label"] for a in with_attr(tags, "data-testid", "hypothesis")}
    assert hyps == {"h1": "IN", "h2": "OUT"}
    boxes = {a["data-evidence-id"]: "checked" in a for a in with_attr(tags, "data-evidence-id")}
    assert boxes == {"e1": True, "e2": True, "e3": True}
    analysts = {a["data-analyst-id"]: "checked" in a for a in with_attr(tags, "data-analyst-id")}
    assert analysts == {"alice": True, "bob": True}
    assert all(
        a.get("type") == "checkbox" for a in with_attr(tags, "data-evidence-id") + with_attr(tags, "data-analyst-id")
    )
    assert [t for t, a in tags.tags if a.get("name") == "support"] == ["select"]
    for hook in ("details", "export-json", "export-png", "change-summary", "outline", "find", "legend"):
        assert with_attr(tags, "data-testid", hook), hook


def test_page_reproduces_the_scenario_in_its_url(client: FlaskClient) -> None:
    tags = parse(client.get("/maps/small?off=e1&distrust=bob&support=abstract").text)
    boxes = {a["data-evidence-id"]: "checked" in a for a in with_attr(tags, "data-evidence-id")}
    assert boxes == {"e1": False, "e2": True, "e3": True}
    analysts = {a["data-analyst-id"]: "checked" in a for a in with_attr(tags, "data-analyst-id")}
    assert analysts == {"alice": True, "bob": False}
    [selected] = [a for t, a in tags.tags if t == "option" and "selected" in a and a.get("value") != "json"]
    assert selected["value"] == "abstract"
    [export] = with_attr(tags, "data-testid", "export-json")
    assert export["href"] == "/api/maps/small/export?format=json&off=e1&distrust=bob&support=abstract"


def test_page_data_block_carries_graph_and_labels(client: FlaskClient) -> None:
    data = page_data(client.get("/maps/small?off=e1").text)
    assert data["labels"]["h1"] == "OUT"
    assert data["scenario"]["off"] == ["e1"]
    assert {n["id"] for n in data["vis"]["nodes"]} == {"e1", "e2", "e3", "c1", "c2", "h1", "h2"}
    assert {e["id"] for e in data["vis"]["edges"]} == {f"r{i}" for i in range(1, 8)}
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert data["propositions"]["e1"]["cites"][0]["url"] == "https://example.org/r1"


def test_a_stale_page_link_applies_the_ids_the_map_has_and_says_which_it_dropped(client: FlaskClient) -> None:
    response = client.get("/maps/small?off=e1,e9&distrust=zed&support=magic")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "left out: evidence &#39;e9&#39;, analyst &#39;zed&#39;, support reading &#39;magic&#39;." in response.text
    data = page_data(response.text)
    assert data["scenario"] == {"off": ["e1"], "distrust": [], "support": "evidential"}
    assert data["labels"]["e1"] == "OFF"
    # The API stays strict.
    assert client.get("/api/maps/small/labels?off=e1,e9").status_code == 400


def test_unknown_map_page_is_a_404_page(client: FlaskClient) -> None:
    response = client.get("/maps/nope")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "No map &#39;nope&#39;" in response.text


@pytest.mark.parametrize("path", ["/", "/maps/small", "/maps/small?off=e9", "/maps/nope"])
def test_no_inline_script_or_style_or_handler(client: FlaskClient, path: str) -> None:
    tags = parse(client.get(path).text)
    for attrs, text in tags.scripts:
        if attrs.get("src") is None:
            assert attrs.get("type") == "application/json", attrs
            json.loads(text)
    for tag, attrs in tags.tags:
        assert "style" not in attrs, tag
        assert not [a for a in attrs if a.startswith("on")], tag
        assert tag != "style"


HOSTILE = '<script>alert("x")</script></script><img src=x onerror=alert(1)>'


def test_map_text_is_never_markup(tmp_path: Path, small_map: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(small_map))
    doc["question"] = HOSTILE
    doc["propositions"][0]["text"] = HOSTILE
    doc["propositions"][5]["label"] = HOSTILE
    doc["analysts"][0]["name"] = HOSTILE
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "small.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    client = create_app({"TESTING": True, "MAPS_DIR": str(folder), "IMPORT_DIR": None}).test_client()
    html = client.get("/maps/small").text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    tags = parse(html)
    assert not [a for _, a in tags.tags if "onerror" in a]
    assert page_data(html)["propositions"]["e1"]["text"] == HOSTILE  # intact as data, escaped in the page
    [hostile_node] = [n for n in page_data(html)["vis"]["nodes"] if n["id"] == "e1"]
    assert hostile_node["title"].startswith(HOSTILE)  # a plain-text tooltip: vis-network shows it as text


def test_vendor_serves_vis_network_from_pyvis(client: FlaskClient) -> None:
    with client.get("/vendor/vis-network.min.js") as js:
        assert js.status_code == 200
        assert "javascript" in js.mimetype
        assert b"vis-network" in js.data[:2000] and len(js.data) > 100_000
    with client.get("/vendor/vis-network.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"


@pytest.mark.parametrize("name", ["nope.js", "..%2Fnetwork.py", "../../pyvis/network.py", "vis-network.js"])
def test_vendor_serves_nothing_else(client: FlaskClient, name: str) -> None:
    assert client.get(f"/vendor/{name}").status_code == 404


def test_page_assets_are_served(client: FlaskClient) -> None:
    html = client.get("/maps/small").text
    srcs = [a.get("src") or a.get("href") for t, a in parse(html).tags if t in ("script", "link")]
    local = [s for s in srcs if s]
    assert all(s.startswith("/") and not s.startswith("//") for s in local), local
    for src in local:
        with client.get(src) as response:
            assert response.status_code == 200, src
    assert re.search(r'type="module" src="/static/app.js"', html)
