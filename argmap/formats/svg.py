"""SVG out: the whole map as a picture for a report, with its title, question, scenario and legend.

The drawing uses the explorer's layout (evidence on the left, hypotheses on the right) and palette.
Each node says its state in words as well as colour (``✓ IN``, ``✗ OUT``, ``? UNDEC``, ``– OFF``) and
repeats it in its border (solid, dashed, dotted, grey), so a greyscale print or a colour-blind
reader keeps it. A linked step or a step that is undercut is a small junction circle; a failed step
is drawn faded with a cross. Every text is escaped: map text is never markup. Imports layout,
render (the palette), model, pipeline and the registry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from xml.sax.saxutils import escape

from argmap.formats._registry import writer
from argmap.layout import positions
from argmap.model import ArgumentMap, NodeKind, Relation, RelationKind
from argmap.pipeline import Evaluation
from argmap.render import OKABE_ITO, PALETTE

GLYPHS = {"IN": "✓", "OUT": "✗", "UNDEC": "?", "OFF": "–"}
DASHES = {"IN": "", "OUT": "9 5", "UNDEC": "2 4", "OFF": "4 4"}
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
NODE_WIDTH = 190
CHARS = 28  # characters per line inside a node
LINE = 15
MARGIN = 40
HEADER = 150
JUNCTION_R = 7
COLOURS = {"support": OKABE_ITO["blue"], "attack": OKABE_ITO["vermillion"], "excludes": "#6E6E6E"}


@writer("svg", "image/svg+xml", "svg")
def write_svg(evaluation: Evaluation) -> str:
    """The map and the scenario's verdicts as one standalone SVG document (see the module docstring).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> from argmap.pipeline import evaluate
    >>> m = from_document({"id": "m", "title": "A <small> map", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"}]})
    >>> svg = write_svg(evaluate(m, off={"e1"}))
    >>> "A &lt;small&gt; map" in svg, "✗ OUT" in svg, "– OFF" in svg
    (True, True, True)
    """
    m, labels = evaluation.map, evaluation.labels
    placed = positions(m)  # propositions and junctions, laid out as in the explorer
    where = {p: placed[p] for p in m.propositions}
    junctions = {rid: placed[rid] for rid in sorted(m.junctions)}
    boxes = {p: _box(m.propositions[p].short, m.propositions[p].kind) for p in m.propositions}
    xs = [x for x, _ in where.values()] or [0.0]
    ys = [y for _, y in where.values()] or [0.0]
    half_w = NODE_WIDTH / 2
    half_h = max((h for _, h in boxes.values()), default=40) / 2
    left, top = min(xs) - half_w - MARGIN, min(ys) - half_h - MARGIN
    width = max(max(xs) - min(xs) + NODE_WIDTH + 2 * MARGIN, 1100)
    height = max(ys) - min(ys) + 2 * half_h + 2 * MARGIN
    dx, dy = -left, -top + HEADER
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height + HEADER:.0f}" '
        f'viewBox="0 0 {width:.0f} {height + HEADER:.0f}" font-family="{FONT}">',
        f"<title>{_t(m.title)}</title>",
        _defs(),
        '<rect width="100%" height="100%" fill="#FFFFFF"/>',
        *_header(evaluation),
        f'<g transform="translate({dx:.1f},{dy:.1f})">',
    ]
    for r in m.relations.values():
        out.extend(_relation(m, r, evaluation, where, boxes, junctions))
    for rid, (x, y) in junctions.items():
        status = str(evaluation.inferences.get(rid, "OFF"))
        out.append(_junction(rid, x, y, status))
    for p in m.propositions.values():
        x, y = where[p.id]
        out.append(_node(p.id, p.short, p.kind, str(labels[p.id]), x, y, boxes[p.id]))
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"


def _t(text: str) -> str:
    """Text as XML character data (``<``, ``>``, ``&`` escaped; control characters dropped)."""
    return escape("".join(ch for ch in text if ch >= " " or ch in "\t\n"))


def _a(text: str) -> str:
    """Text as an XML attribute value."""
    return _t(text).replace('"', "&quot;")


def _defs() -> str:
    marks = []
    for name, colour in COLOURS.items():
        marks.append(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    marks.append(
        f'<marker id="bar-attack" viewBox="0 0 4 12" refX="3" refY="6" markerWidth="4" markerHeight="12" '
        f'orient="auto"><rect width="3" height="12" fill="{COLOURS["attack"]}"/></marker>'
    )
    return "<defs>" + "".join(marks) + "</defs>"


def _header(evaluation: Evaluation) -> list[str]:
    m, s = evaluation.map, evaluation.scenario
    off = ", ".join(m.propositions[e].short for e in sorted(s.off)) or "none"
    distrust = ", ".join(m.analysts[a].name for a in sorted(s.distrust)) or "none"
    scenario = f"Scenario: evidence switched off: {off}. Analysts set aside: {distrust}. Support read as {s.support}."
    lines = [
        f'<text x="{MARGIN}" y="34" font-size="22" font-weight="bold" fill="#1B1B1B">{_t(m.title)}</text>',
    ]
    if m.question:
        lines.append(f'<text x="{MARGIN}" y="58" font-size="15" fill="#1B1B1B">{_t(m.question)}</text>')
    lines.append(f'<text x="{MARGIN}" y="80" font-size="12" fill="#444444">{_t(_clip(scenario, 190))}</text>')
    x = float(MARGIN)
    y = 104.0
    for label, colour in PALETTE.items():
        dash = f' stroke-dasharray="{DASHES[label]}"' if DASHES[label] else ""
        lines.append(
            f'<rect x="{x:.0f}" y="{y - 12:.0f}" width="16" height="16" rx="3" fill="{colour["background"]}" '
            f'stroke="{colour["border"]}" stroke-width="2"{dash}/>'
        )
        lines.append(
            f'<text x="{x + 22:.0f}" y="{y + 1:.0f}" font-size="12">{GLYPHS[label]} {label} {colour["name"]}</text>'
        )
        x += 150
    y += 24
    x = float(MARGIN)
    for name, text in (
        ("support", "supports"),
        ("attack", "attacks"),
        ("excludes", "rivals exclude each other"),
    ):
        marker = "bar-attack" if name == "attack" else f"arrow-{name}"
        dash = (
            ' stroke-dasharray="7 4"' if name == "attack" else ' stroke-dasharray="2 3"' if name == "excludes" else ""
        )
        lines.append(
            f'<line x1="{x:.0f}" y1="{y - 4:.0f}" x2="{x + 34:.0f}" y2="{y - 4:.0f}" stroke="{COLOURS[name]}" '
            f'stroke-width="2"{dash} marker-end="url(#{marker})"/>'
        )
        lines.append(f'<text x="{x + 42:.0f}" y="{y:.0f}" font-size="12">{text}</text>')
        x += 130 if name != "excludes" else 210
    lines.append(f'<circle cx="{x + 7:.0f}" cy="{y - 4:.0f}" r="{JUNCTION_R}" fill="#FFFFFF" stroke="#444444"/>')
    text = "a step with joint premises, or one that is undercut"
    lines.append(f'<text x="{x + 20:.0f}" y="{y:.0f}" font-size="12">{text}</text>')
    x += 20 + 7 * len(text) + 24
    lines.append(
        f'<g opacity="0.6"><circle cx="{x + 7:.0f}" cy="{y - 4:.0f}" r="{JUNCTION_R}" fill="#FFFFFF" '
        f'stroke="{PALETTE["OUT"]["border"]}" stroke-width="2"/></g>'
    )
    lines.append(f'<text x="{x + 20:.0f}" y="{y:.0f}" font-size="12">✗ faded: the step fails</text>')
    return [line for line in lines if line]


def _box(text: str, kind: NodeKind) -> tuple[list[str], float]:
    """The node's label wrapped into lines (at most five), and the node's height."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > 5:
        lines = lines[:4] + [_clip(" ".join(lines[4:]), CHARS)]
    lines = lines or [""]
    extra = 10 if kind is NodeKind.HYPOTHESIS else 0
    return lines, LINE * (len(lines) + 1) + 14 + extra


def _node(pid: str, text: str, kind: NodeKind, label: str, x: float, y: float, box: tuple[list[str], float]) -> str:
    lines, h = box
    colour = PALETTE[label]
    w = NODE_WIDTH
    dash = f' stroke-dasharray="{DASHES[label]}"' if DASHES[label] else ""
    thick = 3 if kind is NodeKind.HYPOTHESIS else 2
    stroke = f'fill="{colour["background"]}" stroke="{colour["border"]}" stroke-width="{thick}"{dash}'
    if kind is NodeKind.EVIDENCE:
        shape = f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w}" height="{h:.1f}" rx="3" {stroke}/>'
    elif kind is NodeKind.CLAIM:
        shape = (
            f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w}" height="{h:.1f}" rx="{h / 2:.1f}" {stroke}/>'
        )
    else:
        k = 14
        points = [
            (x - w / 2, y),
            (x - w / 2 + k, y - h / 2),
            (x + w / 2 - k, y - h / 2),
            (x + w / 2, y),
            (x + w / 2 - k, y + h / 2),
            (x - w / 2 + k, y + h / 2),
        ]
        shape = f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" {stroke}/>'
    opacity = ' opacity="0.55"' if label == "OFF" else ""
    first = y - h / 2 + LINE + 4
    texts = [
        f'<text x="{x:.1f}" y="{first:.1f}" font-size="11" font-weight="bold" text-anchor="middle" '
        f'fill="{colour["border"]}">{GLYPHS[label]} {label}</text>'
    ]
    for i, line in enumerate(lines, 1):
        texts.append(
            f'<text x="{x:.1f}" y="{first + i * LINE:.1f}" font-size="12" text-anchor="middle" fill="#1B1B1B">'
            f"{_t(line)}</text>"
        )
    return f'<g class="node" id="{_a(pid)}"{opacity}><title>{_t(text)}</title>{shape}{"".join(texts)}</g>'


def _junction(rid: str, x: float, y: float, status: str) -> str:
    colour = PALETTE.get(status, PALETTE["OFF"])
    faded = status in ("OUT", "OFF")
    cross = (
        f'<path d="M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} '
        f'M{x + 4:.1f},{y - 4:.1f} L{x - 4:.1f},{y + 4:.1f}" '
        f'stroke="{colour["border"]}" stroke-width="2"/>'
        if status == "OUT"
        else ""
    )
    fade = ' opacity="0.6"' if faded else ""
    return (
        f'<g class="junction" id="{_a(rid)}"{fade}><title>step {_t(rid)}: {status}</title>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{JUNCTION_R}" fill="#FFFFFF" stroke="{colour["border"]}" '
        f'stroke-width="2"/>{cross}</g>'
    )


def _relation(
    m: ArgumentMap,
    r: Relation,
    evaluation: Evaluation,
    where: dict[str, tuple[float, float]],
    boxes: dict[str, tuple[list[str], float]],
    junctions: dict[str, tuple[float, float]],
) -> Iterable[str]:
    kind = "excludes" if r.kind is RelationKind.EXCLUDES else str(r.kind)
    status = str(evaluation.inferences.get(r.id, "IN"))
    active = r.id in evaluation.framework.active
    colour = COLOURS[kind] if active else "#B0B0B0"
    dash = {"attack": ' stroke-dasharray="7 4"', "excludes": ' stroke-dasharray="2 3"'}.get(kind, "")
    opacity = "0.35" if not active or status == "OUT" else "0.9"
    style = f'stroke="{colour}" stroke-width="1.8" fill="none" opacity="{opacity}"{dash}'
    end = "bar-attack" if kind == "attack" else f"arrow-{kind}"
    target = junctions.get(r.target) or where[r.target]
    target_size: tuple[float, float] = (
        (JUNCTION_R, JUNCTION_R) if r.target in junctions else (NODE_WIDTH / 2, boxes[r.target][1] / 2)
    )
    if r.id in junctions:
        jx, jy = junctions[r.id]
        for p in r.premises:
            a = _clip_to(where[p], (jx, jy), (NODE_WIDTH / 2, boxes[p][1] / 2))
            b = _clip_to((jx, jy), where[p], (JUNCTION_R, JUNCTION_R))
            yield f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" {style}/>'
        start: tuple[float, float] = (jx, jy)
        start_size: tuple[float, float] = (JUNCTION_R, JUNCTION_R)
    else:
        start, start_size = where[r.premises[0]], (NODE_WIDTH / 2, boxes[r.premises[0]][1] / 2)
    a = _clip_to(start, target, start_size)
    b = _clip_to(target, start, target_size)
    both = f' marker-start="url(#{end})"' if kind == "excludes" else ""
    yield (
        f'<line class="relation" x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" {style} '
        f'marker-end="url(#{end})"{both}><title>{_t(r.id)}</title></line>'
    )


def _clip_to(frm: tuple[float, float], to: tuple[float, float], half: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from ``frm`` towards ``to`` leaves a box of half-size ``half`` centred on ``frm``."""
    dx, dy = to[0] - frm[0], to[1] - frm[1]
    if dx == 0 and dy == 0:
        return frm
    scale = min(half[0] / abs(dx) if dx else math.inf, half[1] / abs(dy) if dy else math.inf, 1.0)
    return frm[0] + dx * scale, frm[1] + dy * scale


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
