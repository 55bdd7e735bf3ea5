"""The HTML snapshot (``--format html``, notebooks): one file, nothing fetched, scripts allowed by hash
only, the map's data as inert JSON, and the verdict table as ``str(evaluation)``."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

import argmap
from argmap.cli import main
from argmap.document import from_document
from argmap.formats import WRITERS, write
from argmap.snapshot import iframe_html, snapshot_data, snapshot_html

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kremlin-drone-2023.yaml"
ELEMENTS = re.compile(r"<(script|style)([^>]*)>(.*?)</\1>", re.S)
DATA = re.compile(r'<script type="application/json" id="argmap-data">(.*?)</script>', re.S)


def csp_of(page: str) -> dict[str, list[str]]:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert match is not None
    directives = [d.split() for d in html.unescape(match.group(1)).split(";")]
    return {d[0]: d[1:] for d in directives if d}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture
def small(small_map: dict[str, Any]) -> argmap.Evaluation:
    return argmap.evaluate(from_document(small_map), off={"e1"}, distrust={"bob"})


def test_html_is_a_registered_writer_and_its_page_fetches_nothing(small: argmap.Evaluation) -> None:
    assert WRITERS["html"].media_type == "text/html" and WRITERS["html"].extension == "html"
    page = write("html", small)
    assert page == snapshot_html(small)
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)=\"(?!data:)", page)
    csp = csp_of(page)
    assert csp["default-src"] == ["'none'"] and "connect-src" not in csp  # so fetch and XHR are refused
    assert csp["base-uri"] == ["'none'"] and csp["form-action"] == ["'none'"]


def test_only_the_inlined_scripts_and_styles_are_allowed(small: argmap.Evaluation) -> None:
    page = snapshot_html(small)
    csp = csp_of(page)
    elements = ELEMENTS.findall(page)
    scripts = [body for tag, attrs, body in elements if tag == "script" and "application/json" not in attrs]
    styles = [body for tag, _, body in elements if tag == "style"]
    assert len(scripts) == 2 and len(styles) == 3  # vis-network + ours; vis-network.css, app.css, snapshot.css
    assert sorted(csp["script-src"]) == sorted(sha256(s) for s in scripts)
    assert sorted(csp["style-src"]) == sorted(sha256(s) for s in styles)
    assert "'unsafe-inline'" not in page.split("</head>")[0] and "'unsafe-eval'" not in page.split("</head>")[0]
    assert "drawGraph(" in scripts[1] and "detailParts(" in scripts[1] and "\nexport " not in scripts[1]


def test_the_data_block_holds_the_scenario_s_labels_details_and_explanations(small: argmap.Evaluation) -> None:
    (block,) = DATA.findall(snapshot_html(small))
    data = json.loads(block)
    assert data == json.loads(json.dumps(snapshot_data(small)))
    assert data["labels"] == {p: str(label) for p, label in small.labels.items()}
    assert data["scenario"] == {"off": ["e1"], "distrust": ["bob"], "support": "evidential"}
    assert set(data["explanations"]) == set(small.map.propositions)
    assert data["explanations"]["h1"]["reason"] == small.reason("h1")
    assert data["propositions"]["e1"]["cites"][0]["quote"] == "the video shows the event"
    assert {n["id"] for n in data["vis"]["nodes"]} == set(small.map.propositions)


def test_map_text_cannot_close_the_data_block(small_map: dict[str, Any]) -> None:
    small_map["title"] = "</script><script>alert(1)</script><!--"
    small_map["propositions"][0]["text"] = "</SCRIPT >& '<b>'"
    page = snapshot_html(argmap.evaluate(from_document(small_map)))
    (block,) = DATA.findall(page)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["map"]["title"] == small_map["title"]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page.split("</title>")[0]  # the <title>, escaped
    assert len(re.findall(r"</script", page, re.I)) == 3 and "sourceMappingURL" not in page


def test_the_notebook_frame_is_sandboxed_and_holds_the_same_page(small: argmap.Evaluation) -> None:
    frame = iframe_html(small)
    match = re.fullmatch(r'<iframe sandbox="allow-scripts" srcdoc="([^"]*)" title="[^"]*" [^>]*></iframe>', frame)
    assert match is not None and "allow-same-origin" not in frame
    assert html.unescape(match.group(1)) == snapshot_html(small)
    assert small._repr_html_() == frame
    assert small.map._repr_html_() == iframe_html(argmap.evaluate(small.map))


def test_str_of_an_evaluation_is_the_table_argmap_solve_prints() -> None:
    result = argmap.evaluate(argmap.load(SEED), off={"e-kirby-denial"})
    printed = CliRunner().invoke(main, ["solve", str(SEED), "--off", "e-kirby-denial"])
    assert printed.exit_code == 0
    assert str(result) + "\n" == printed.output
    assert re.search(r"^hypothesis +h-washington +UNDEC ", str(result), re.M)


def test_argmap_export_writes_the_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "kremlin.html"
    result = CliRunner().invoke(main, ["export", str(SEED), "--format", "html", "--distrust", "isw", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert json.loads(DATA.findall(page)[0])["scenario"]["distrust"] == ["isw"]


def test_the_api_exports_the_snapshot_and_the_page_offers_it(client: FlaskClient) -> None:
    response = client.get("/api/maps/small/export?format=html&off=e1")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Disposition"] == 'attachment; filename="small.html"'
    assert json.loads(DATA.findall(response.get_data(as_text=True))[0])["scenario"]["off"] == ["e1"]
    page = client.get("/maps/small").get_data(as_text=True)
    assert '<option value="html" data-extension="html">Self-contained HTML</option>' in page
