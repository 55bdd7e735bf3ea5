"""The explorer's downloads in a real browser: each distinct file once, named for people; report-grade pictures."""

from __future__ import annotations

import base64
import json
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Download, Page, expect

pytestmark = pytest.mark.e2e

Open = Callable[[str], Page]
LAPTOP = {"width": 1440, "height": 900}
SVG = "{http://www.w3.org/2000/svg}"
KREMLIN = "kremlin-drone-2023"


def download(page: Page, selector: str) -> Download:
    with page.expect_download() as info:
        page.locator(selector).click()
    return info.value


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG file as (type, body), each CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def png_text(data: bytes) -> dict[str, str]:
    """The iTXt fields of a PNG (uncompressed, as the explorer writes them)."""
    fields = {}
    for kind, body in png_chunks(data):
        if kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            assert rest[:2] == b"\0\0"  # not compressed
            _lang, _translated, text = rest[2:].split(b"\0", 2)
            fields[key.decode("latin-1")] = text.decode("utf-8")
    return fields


def png_size(data: bytes) -> tuple[int, int]:
    kind, body = png_chunks(data)[0]
    assert kind == b"IHDR"
    width, height = struct.unpack(">II", body[:8])
    return width, height


def map_extent_on_screen(page: Page) -> dict[str, float]:
    """The whole map's extent as vis-network draws it: at the current zoom, and at zoom 1."""
    extent: dict[str, float] = page.evaluate(
        """() => { const net = window.argmap.network;
             let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
             for (const id of net.body.nodeIndices) { const box = net.getBoundingBox(id);
               l = Math.min(l, box.left); t = Math.min(t, box.top);
               r = Math.max(r, box.right); b = Math.max(b, box.bottom); }
             const s = net.getScale() * window.devicePixelRatio;
             return {width: r - l, height: b - t, scale: s}; }"""
    )
    return extent


def dark_pixels(page: Page, data: bytes, box: tuple[float, float, float, float]) -> int:
    """How many dark pixels the PNG has in ``box`` (fractions of its width and height), decoded in the page."""
    count: int = page.evaluate(
        """async ([url, box]) => { const img = new Image(); img.src = url; await img.decode();
             const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
             const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
             const [x, y, w, h] = [box[0] * c.width, box[1] * c.height, box[2] * c.width, box[3] * c.height]
               .map(Math.round);
             const px = ctx.getImageData(x, y, w, h).data; let n = 0;
             for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 200) n += 1;
             return n; }""",
        [f"data:image/png;base64,{base64.b64encode(data).decode()}", list(box)],
    )
    return count


def test_each_distinct_file_is_offered_once_under_a_name_people_know(page: Page, explorer: Open, live_url: str) -> None:
    page.set_viewport_size(LAPTOP)
    explorer("small")
    for name in ("export-json", "export-png", "export-svg", "export-format"):  # all in the top bar, in view
        expect(page.locator(f"[data-testid={name}]")).to_be_in_viewport()
    expect(page.locator("[data-testid=export-json]")).to_have_text("JSON (argmap)")
    expect(page.locator("[data-testid=export-svg]")).to_have_text("SVG picture")
    expect(page.locator("[data-testid=export-png]")).to_have_text("PNG picture")
    options = page.locator("select[name=format] option")
    values = options.evaluate_all("os => os.map(o => o.value)")
    titles = options.evaluate_all("os => os.map(o => o.textContent)")
    assert "i23" not in values and "json" not in values and "svg" not in values  # one entry per file
    assert "AIF (OVA, AIFdb)" in titles and "GraphML (Gephi, yEd, Cytoscape)" in titles
    assert "ICCMA framework + table" in titles and "Graphviz DOT" in titles
    types = {
        "aif": ("small.aif.json", "application/json"),
        "iccma": ("small.i23", "text/plain"),
        "tgf": ("small.tgf", "text/plain"),
        "apx": ("small.apx", "text/plain"),
        "graphml": ("small.graphml", "application/graphml+xml"),
        "dot": ("small.dot", "text/vnd.graphviz"),
        "html": ("small.html", "text/html"),
    }
    assert sorted(values) == sorted(types)
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(page.locator('[data-testid=hypothesis][data-node-id="h1"]')).to_have_attribute("data-label", "OUT")
    for value, (name, media_type) in types.items():
        page.locator("select[name=format]").select_option(value)
        got = download(page, "[data-testid=export-format]")
        assert got.suggested_filename == name
        href = page.locator("[data-testid=export-format]").get_attribute("href") or ""
        assert href.endswith("&off=e1"), href
        response = page.request.get(live_url + href)
        assert response.headers["content-type"].startswith(media_type), value
        assert Path(got.path()).read_bytes() == response.body()


def test_a_framework_export_offers_its_side_table(explorer: Open) -> None:
    page = explorer("small?off=e2")
    table = page.locator("[data-testid=export-table]")
    page.locator("select[name=format]").select_option("aif")
    expect(table).to_be_hidden()
    page.locator("select[name=format]").select_option("iccma")
    expect(table).to_be_visible()
    got = download(page, "[data-testid=export-table]")
    assert got.suggested_filename == "small.i23.map.json"
    side: dict[str, Any] = json.loads(Path(got.path()).read_text(encoding="utf-8"))
    assert side["format"] in ("iccma", "i23") and "e2" not in side["propositions"]
    framework = Path(download(page, "[data-testid=export-format]").path()).read_text(encoding="utf-8")
    assert framework.startswith(f"p af {len(side['arguments'])}")


def test_the_json_export_is_the_scenario_s_document(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[data-analyst-id="bob"]').uncheck()
    expect(page).to_have_url(re.compile(r"distrust=bob"))
    got = download(page, "[data-testid=export-json]")
    assert got.suggested_filename == "small.json"
    body = json.loads(Path(got.path()).read_text(encoding="utf-8"))
    assert body["scenario"]["distrust"] == ["bob"]


def test_the_svg_picture_has_title_question_scenario_and_legend(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[data-evidence-id="e1"]').uncheck()
    expect(page.locator('[data-testid=hypothesis][data-node-id="h1"]')).to_have_attribute("data-label", "OUT")
    got = download(page, "[data-testid=export-svg]")
    assert got.suggested_filename == "small.svg"
    root = ET.fromstring(Path(got.path()).read_bytes())
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    data = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent)")
    assert data["map"]["title"] in texts and data["map"]["question"] in texts
    e1 = data["propositions"]["e1"]["short"]
    assert any(t.startswith(f"Scenario: evidence switched off: {e1}.") for t in texts)
    assert any("UNDEC" in t for t in texts) and "supports" in texts  # the legend


@pytest.mark.parametrize("path", ["small", KREMLIN])
def test_the_png_picture_is_the_whole_map_at_print_resolution(page: Page, explorer: Open, path: str) -> None:
    page.set_viewport_size(LAPTOP)
    explorer(path)
    extent = map_extent_on_screen(page)
    got = download(page, "[data-testid=export-png]")
    assert got.suggested_filename == f"{path}.png"
    data = Path(got.path()).read_bytes()
    width, height = png_size(data)
    # At least twice the map's extent on screen, at the current zoom and at life size alike.
    zoom = max(extent["scale"], 1)
    assert width >= 2 * zoom * extent["width"] and height >= 2 * zoom * extent["height"], (width, height, extent)
    screenshot = png_size(page.locator("#graph canvas").screenshot())
    assert width >= 2 * screenshot[0] or height >= 2 * screenshot[1]  # more than a grab of the viewport
    title = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent).map")
    text = png_text(data)
    assert text["Title"] == title["title"]
    assert text["Description"].startswith(title["question"]) and "Support read as evidential." in text["Description"]
    expect(page.locator("[data-testid=export-status]")).to_contain_text(f"{width} × {height} px")
    # The title is drawn in the picture's top left corner; the corner below the header is paper.
    assert dark_pixels(page, data, (0.0, 0.0, 0.3, 0.05 if path == KREMLIN else 0.06)) > 50
    assert dark_pixels(page, data, (0.0, 0.0, 0.01, 0.004)) == 0


def test_the_png_picture_follows_the_scenario(explorer: Open) -> None:
    page = explorer("small")
    page.locator('input[data-analyst-id="bob"]').uncheck()
    expect(page).to_have_url(re.compile(r"distrust=bob"))
    text = png_text(Path(download(page, "[data-testid=export-png]").path()).read_bytes())
    assert "Analysts set aside: Bob Builder." in text["Description"]
