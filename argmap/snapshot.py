"""One self-contained HTML file of a map under a scenario, and the same inside a sandboxed iframe.

The file is what pyvis users expect from ``save_graph``, without its CDN links: vis-network (from
the installed pyvis package), the explorer's style and a script are inlined, and the map's data is
embedded as JSON in a ``<script type="application/json">`` block that the script reads with
``JSON.parse``. It opens from ``file://`` with no server and no network: the graph coloured by the
scenario's labels, the verdicts, and each proposition's details, quotes and explanation on click.

The graph is the explorer's: the same render data (``render.explorer_vis``) drawn by the same
``static/graph.js``, and the details by ``static/details.js``; both ES modules are inlined as one
classic script with ``static/snapshot.js``. A Content-Security-Policy meta tag allows exactly these
inline scripts and styles (by hash) and no request at all; map text reaches the page as JSON and
is set as text only. Imports render, details, pipeline and resources; never flask.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from typing import Any

from argmap import __version__
from argmap.details import proposition_records
from argmap.pipeline import Evaluation
from argmap.render import PALETTE, VIS_DIR, explorer_vis
from argmap.resources import STATIC

# Inlined in this order, in one function scope: the explorer's modules, then the snapshot's own code.
MODULES = ("dom.js", "graph.js", "details.js")
SCRIPT = "snapshot.js"
STYLES = ("app.css", "snapshot.css")
IFRAME_HEIGHT = 640

_EXPORT = re.compile(r"^export\s+", re.M)
_IMPORT = re.compile(r"^import\s", re.M)
_SCRIPT_END = re.compile(r"</(script)", re.I)
_SOURCE_MAP = re.compile(r"^\s*(//[#@] sourceMappingURL=.*|/\*[#@] sourceMappingURL=.*?\*/)\s*$", re.M)


def snapshot_data(result: Evaluation) -> dict[str, Any]:
    """Everything the snapshot shows, as plain data: the map, the scenario's labels, details and explanations.

    Examples
    --------
    >>> import argmap
    >>> data = snapshot_data(argmap.evaluate(argmap.load("seeds/kremlin-drone-2023.yaml"), off="e-kirby-denial"))
    >>> data["labels"]["h-washington"], data["explanations"]["h-washington"]["label"]
    ('UNDEC', 'UNDEC')
    """
    m = result.map
    return {
        "map": {"id": m.id, "title": m.title, "question": m.question, "description": m.description or ""},
        **result.to_dict(),
        "analysts": [a.to_dict() for a in m.analysts.values()],
        "hypotheses": [
            {"id": h, "short": m.propositions[h].short, "text": m.propositions[h].text, "reason": result.reason(h)}
            for h in m.hypotheses
        ],
        "propositions": proposition_records(m),
        "explanations": {p: result.explain(p) for p in m.propositions},
        "legend": [{"label": label, "name": colour["name"]} for label, colour in PALETTE.items()],
        "vis": explorer_vis(m),
        "generator": f"argmap {__version__}",
    }


def snapshot_html(result: Evaluation) -> str:
    """The map under ``result``'s scenario as one HTML file that needs no server and fetches nothing.

    Examples
    --------
    >>> import argmap
    >>> page = snapshot_html(argmap.evaluate(argmap.load("seeds/kremlin-drone-2023.yaml")))
    >>> page.startswith("<!doctype html>"), '<script type="application/json" id="argmap-data">' in page
    (True, True)
    >>> "<script src" in page or "<link rel=\\"stylesheet\\"" in page
    False
    """
    data = _json_for_html(snapshot_data(result))
    scripts, styles, csp = _assets()
    title = html.escape(f"{result.map.title} · argmap", quote=True)
    style_tags = "\n".join(f"<style>{s}</style>" for s in styles)
    script_tags = "\n".join(f"<script>{s}</script>" for s in scripts)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=True)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap {html.escape(__version__)}">
<title>{title}</title>
<link rel="icon" href="data:,">
{style_tags}
</head>
<body class="page-explorer page-snapshot">
<header class="topbar">
  <span class="brand">argmap</span>
  <h1 class="map-title" data-testid="title"></h1>
  <p class="snapshot-scenario" data-testid="scenario"></p>
</header>
<main class="explorer">
  <aside class="panel left" aria-label="Question and verdicts">
    <section class="question" data-testid="question-section" hidden>
      <h2>Question</h2>
      <p data-testid="question"></p>
    </section>
    <section class="verdicts">
      <h2>Verdicts</h2>
      <ol class="verdict-list" data-testid="verdicts"></ol>
    </section>
  </aside>
  <section class="graph-panel" aria-label="Argument graph">
    <div id="graph" class="graph" data-testid="graph"></div>
    <div class="legend" data-testid="legend" aria-label="Legend"></div>
  </section>
  <aside class="panel details" data-testid="details" data-node-id="" data-label="" aria-live="polite"
         aria-label="Details">
    <h2>Details</h2>
    <p class="placeholder">Click a node in the graph, or a verdict, to see its text, sources and why it has
      its label.</p>
  </aside>
</main>
<noscript><p class="placeholder">This snapshot draws its graph with JavaScript.</p></noscript>
<script type="application/json" id="argmap-data">{data}</script>
{script_tags}
</body>
</html>
"""


def iframe_html(result: Evaluation, height: int = IFRAME_HEIGHT) -> str:
    """The snapshot in a sandboxed ``<iframe srcdoc>``: scripts run inside it, never in the embedding page.

    Without ``allow-same-origin`` the frame has an opaque origin: it cannot read or change the page
    around it (a notebook), its cookies or its storage. This is what notebooks display.

    Examples
    --------
    >>> import argmap
    >>> frame = iframe_html(argmap.evaluate(argmap.load("seeds/kremlin-drone-2023.yaml")))
    >>> frame.startswith('<iframe sandbox="allow-scripts" srcdoc="&lt;!doctype html&gt;'), "<script" in frame
    (True, False)
    """
    doc = html.escape(snapshot_html(result), quote=True)
    title = html.escape(f"argmap: {result.map.title}", quote=True)
    return (
        f'<iframe sandbox="allow-scripts" srcdoc="{doc}" title="{title}" width="100%" height="{int(height)}" '
        'style="border: 1px solid #dcdfe4; border-radius: 6px;"></iframe>'
    )


@functools.lru_cache(maxsize=1)
def _assets() -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """The inline scripts and styles (read once per process) and the CSP that allows exactly them."""
    scripts = (_inline(_vendor("vis-network.min.js")), _page_script())
    styles = (
        _inline(_vendor("vis-network.css")),
        *(_inline((STATIC / name).read_text(encoding="utf-8")) for name in STYLES),
    )
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_hash(s) for s in scripts),
            "style-src " + " ".join(_hash(s) for s in styles),
            "img-src data: blob:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return scripts, styles, csp


def _vendor(name: str) -> str:
    """A vis-network file as pyvis ships it, less its source-map comment (devtools would fetch the map)."""
    return _SOURCE_MAP.sub("", (VIS_DIR / name).read_text(encoding="utf-8"))


def _page_script() -> str:
    """graph.js and details.js (ES modules, ``export`` dropped) and snapshot.js, in one function scope."""
    parts = []
    for name in (*MODULES, SCRIPT):
        text = (STATIC / name).read_text(encoding="utf-8")
        if _IMPORT.search(text):  # a module that imports another cannot be inlined this way: a bug of ours
            raise RuntimeError(f"static/{name} imports another module; the HTML snapshot inlines it as a script")
        parts.append(f"// --- static/{name}\n{_EXPORT.sub('', text)}")
    return _inline('(() => {\n"use strict";\n' + "\n".join(parts) + "\n})();\n")


def _inline(text: str) -> str:
    """Text safe inside a ``<script>`` or ``<style>`` element: no ``</script``/``</style``, no ``<!--``.

    Both only occur inside string literals and comments, where ``<\\/`` and ``<\\!`` read the same.
    """
    text = _SCRIPT_END.sub(r"<\\/\1", text)
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.I).replace("<!--", "<\\!--")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_for_html(value: Any) -> str:
    """JSON that cannot end its ``<script>`` element nor open a comment in it (as Jinja's ``tojson``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
