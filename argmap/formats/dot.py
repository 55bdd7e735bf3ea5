"""Graphviz DOT out: the map drawn with the scenario's labels, for ``dot -Tsvg``.

Shape carries the kind (evidence a box, claim an ellipse, hypothesis a hexagon); the verdict is
carried three ways, so it survives grey print and colour blindness: a colour from the Okabe-Ito
palette, a border pattern (IN bold, OUT dashed, UNDEC dotted, OFF dotted and greyed) and the word
itself under the text (``IN · round 2``). Supports are grey arrows; attacks red, dashed, ending in a
bar; relations the scenario sets aside are light grey and dotted.

A step drawn as a node of its own (``ArgumentMap.junctions``: linked, or undercut; DESIGN §7) is a small
circle, id the relation's id, coloured and bordered by the step's status (``evaluation.inferences``) as
propositions are by their verdict -- a failed step is dashed and orange, a step set aside dotted grey,
and its tooltip says so. Its premises point into it with plain lines (ids ``<relation>:<premise>``) and
one arrow leaves it for the target; an undercut's arrow ends on the junction of the step it attacks.
An ``excludes`` is one edge with a bar at both ends (``dir=both``): it is symmetric, so drawing it
twice would only double the clutter.

Every id and text is written as a double-quoted DOT string with ``\\`` and ``"`` escaped, ``&`` as
``&amp;`` (Graphviz decodes entities), line breaks as ``\\n`` and other control characters as spaces,
so user text can never become DOT syntax (or a Graphviz escape like ``\\N``, or an entity) and shows
as written. Nodes and edges are sorted by id. Imports model, pipeline and the registry.
"""

from __future__ import annotations

import re
import textwrap

from argmap.compile import active_relations
from argmap.formats._registry import writer
from argmap.model import NodeKind, RelationKind
from argmap.pipeline import Evaluation
from argmap.semantics import Label

SHAPES = {NodeKind.EVIDENCE: "box", NodeKind.CLAIM: "ellipse", NodeKind.HYPOTHESIS: "hexagon"}
# Okabe-Ito: (border, fill, border style) per verdict.
LOOKS = {
    Label.IN: ("#009E73", "#C7EADF", "filled,bold"),
    Label.OUT: ("#D55E00", "#F6D0BA", "filled,dashed"),
    Label.UNDEC: ("#E69F00", "#FBE6B7", "filled,dotted"),
    Label.OFF: ("#999999", "#EEEEEE", "filled,dotted"),
}
SUPPORT_COLOUR, ATTACK_COLOUR, INACTIVE_COLOUR = "#555555", "#CC0000", "#BBBBBB"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@writer("dot", "text/vnd.graphviz", "dot")
def write_dot(evaluation: Evaluation) -> str:
    """The map under a scenario as a Graphviz digraph (see the module docstring).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> from argmap.pipeline import evaluate
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": 'A "quoted" \\\\ text', "kind": "evidence"}]})
    >>> print(write_dot(evaluate(m)).splitlines()[5].split(", ")[1])
    label="A \\"quoted\\" \\\\ text\\nIN · round 1"
    """
    m, s = evaluation.map, evaluation.scenario
    scenario = (
        f"support={s.support} off={','.join(sorted(s.off)) or '-'} distrust={','.join(sorted(s.distrust)) or '-'}"
    )
    lines = [
        f"digraph {quote(m.id)} {{",
        f"  graph [label={quote(m.title + chr(10) + scenario)}, labelloc=t, rankdir=BT, fontname=Helvetica];",
        "  node [fontname=Helvetica, fontsize=11, margin=0.15];",
        "  edge [fontname=Helvetica, fontsize=9];",
        "",
    ]
    for pid in sorted(m.propositions):
        p = m.propositions[pid]
        label = evaluation.labels[pid]
        border, fill, style = LOOKS[label]
        verdict = f"{label} · round {evaluation.rounds[pid]}" if pid in evaluation.rounds else str(label)
        text = "\n".join(textwrap.wrap(" ".join(p.short.split()), 28)[:6]) or p.id
        attrs = {
            "id": pid,
            "label": f"{text}\n{verdict}",
            "shape": SHAPES[p.kind],
            "color": border,
            "fillcolor": fill,
            "style": style,
            "tooltip": p.text,
        }
        if label is Label.OFF:
            attrs["fontcolor"] = "#777777"
        lines.append(f"  {quote(pid)} [{_attrs(attrs)}];")
    for rid in sorted(m.junctions):
        lines.append(f"  {quote(rid)} [{_attrs(_junction(evaluation, rid))}];")
    lines.append("")
    active = {r.id for r in active_relations(m, s)}
    for rid in sorted(m.relations):
        r = m.relations[rid]
        attack = r.kind is not RelationKind.SUPPORT
        by = f" by {', '.join(m.analysts[a].name for a in r.by)}" if r.by else ""
        attrs = {
            "id": rid,
            "color": ATTACK_COLOUR if attack else SUPPORT_COLOUR,
            "style": "dashed" if attack else "solid",
            "arrowhead": "tee" if attack else "normal",
            "tooltip": f"{rid}: {r.kind}{by}" + (f" ({r.note})" if r.note else ""),
        }
        if r.kind is RelationKind.EXCLUDES:
            attrs.update(dir="both", arrowtail="tee")
        if rid not in active:
            attrs.update(color=INACTIVE_COLOUR, style="dotted")
        if rid in m.junctions:
            for premise in r.premises:
                into = {**attrs, "id": f"{rid}:{premise}", "arrowhead": "none"}
                lines.append(f"  {quote(premise)} -> {quote(rid)} [{_attrs(into)}];")
            lines.append(f"  {quote(rid)} -> {quote(r.target)} [{_attrs(attrs)}];")
        else:
            lines.append(f"  {quote(r.premises[0])} -> {quote(r.target)} [{_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _junction(evaluation: Evaluation, rid: str) -> dict[str, str]:
    """A step's junction node: a small circle in the colours and border of its status."""
    r = evaluation.map.relations[rid]
    status = evaluation.inferences[rid]
    border, fill, style = LOOKS[status]
    meaning = {
        Label.IN: "the step holds",
        Label.OUT: "the step fails",
        Label.UNDEC: "the step is undecided",
        Label.OFF: "the step is set aside",
    }[status]
    premises = " + ".join(r.premises)
    return {
        "id": rid,
        "label": "",
        "xlabel": rid,
        "shape": "circle",
        "width": "0.18",
        "fixedsize": "true",
        "color": border,
        "fillcolor": fill,
        "style": style,
        "tooltip": f"{rid}: {premises} {r.kind} {r.target}; {status}: {meaning}",
    }


def quote(text: str) -> str:
    """``text`` as a double-quoted DOT string: ``\\``, ``"`` and ``&`` (Graphviz reads entities) escaped.

    Examples
    --------
    >>> print(quote('say "hi"\\\\N' + chr(10) + "next"))
    "say \\"hi\\"\\\\N\\nnext"
    """
    escaped = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n")
    return '"' + _CONTROL.sub(" ", escaped).replace("\n", "\\n") + '"'


def _attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in attrs.items())
