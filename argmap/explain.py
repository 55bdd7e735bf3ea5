"""Why each verdict holds: finite justifications built from grounded rounds (DESIGN §4).

``explain`` returns plain data (dicts and lists, ready for JSON); ``describe`` says it in English.
Rounds make every justification finite: an IN or OUT argument is justified only by arguments of a
lower round. A proposition met a second time in one tree is given as a reference (``"ref": true``,
no steps), which keeps trees linear in the size of the framework. Imports model, compile, semantics.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from argmap.compile import Framework, meta_target, unsupported
from argmap.errors import UnknownNode
from argmap.model import ArgumentMap, NodeKind, Relation
from argmap.scenario import Scenario
from argmap.semantics import Label

Node = dict[str, Any]

# A tree is cut this many steps deep (``"truncated": true``, no steps): building it, encoding it as
# JSON and describing it all recurse per level, and a chain of 400 supports overflowed Python's stack.
MAX_DEPTH = 100


@dataclass
class _Context:
    m: ArgumentMap
    af: Framework
    scenario: Scenario
    labels: dict[str, Label]  # every argument of af, plus OFF propositions
    rounds: dict[str, int]
    attackers: dict[str, list[str]]
    into: dict[str, list[Relation]]  # every relation of the map, by its target
    depth: int = 0


def index(
    m: ArgumentMap, af: Framework, rounds: dict[str, int]
) -> tuple[dict[str, list[str]], dict[str, list[Relation]]]:
    """Attackers of each argument (earliest round first) and the map's relations by target.

    Built once per evaluation and shared by all its explanations.
    """
    attackers: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(af.attacks, key=lambda ab: (rounds.get(ab[0], 1 << 30), ab)):
        attackers[b].append(a)
    into: dict[str, list[Relation]] = defaultdict(list)
    for r in m.relations.values():
        into[r.target].append(r)
    return attackers, into


def explain(
    m: ArgumentMap,
    af: Framework,
    scenario: Scenario,
    labels: dict[str, Label],
    rounds: dict[str, int],
    prop: str,
    indexes: tuple[dict[str, list[str]], dict[str, list[Relation]]] | None = None,
) -> Node:
    """The justification of ``prop``'s label as a tree of plain data.

    Each node: ``id, text, kind, label, round, reason`` (one English line) and ``steps``; each step
    names the relation(s) behind it (``relations``: id, kind, from, to, analysts, quotes) and the
    ``node`` at its other end.
    """
    if prop not in m.propositions:
        raise UnknownNode(f"No proposition {prop!r} in map {m.id!r}.")
    attackers, into = indexes if indexes is not None else index(m, af, rounds)
    ctx = _Context(m, af, scenario, labels, rounds, attackers, into)
    return _node(ctx, prop, set())


def _node(ctx: _Context, p: str, seen: set[str]) -> Node:
    prop = ctx.m.propositions[p]
    label = ctx.labels[p]
    node: Node = {
        "id": p,
        "text": prop.text,
        "short": prop.short,
        "kind": str(prop.kind),
        "label": str(label),
        "round": ctx.rounds.get(p),
    }
    if p in seen:
        node["reason"] = _reason_only(ctx, p)
        node["ref"] = True
        node["steps"] = []
        return node
    if ctx.depth >= MAX_DEPTH:
        node["reason"] = f"{_reason_only(ctx, p).split(' (')[0].rstrip('.')} (explain {p} to go deeper)."
        node["truncated"] = True
        node["steps"] = []
        return node
    seen.add(p)
    if label is Label.OFF:
        node["reason"] = "Switched off: absent from this scenario."
        node["steps"] = []
    elif label is Label.IN:
        node.update(_explain_in(ctx, p, seen))
    elif label is Label.OUT:
        node.update(_explain_out(ctx, p, seen))
    else:
        node.update(_explain_undec(ctx, p, seen))
    aside = _set_aside(ctx, p)
    if aside and label is not Label.OFF:
        node["set_aside"] = aside
        listed = "; ".join(f"{a['relation']} ({a['because']})" for a in aside)
        node["reason"] += f" Set aside here: {listed}."
    return node


def _set_aside(ctx: _Context, p: str) -> list[Node]:
    """Attacks on ``p`` that this scenario leaves out, with why: the reader should know they exist."""
    out = []
    for r in ctx.into.get(p, ()):
        if r.kind == "attack" and (r.origin, p) not in ctx.af.origin:
            out.append({"relation": r.id, "from": r.origin, "because": _inactive_because(ctx, r)})
    return out


def _explain_in(ctx: _Context, p: str, seen: set[str]) -> Node:
    steps: list[Node] = []
    supporter_note = ""
    defeated: list[str] = []
    for a in ctx.attackers.get(p, []):
        if meta_target(a) is not None:
            s = _best_in_attacker(ctx, a)
            if s is not None:
                steps.append(_step(ctx, "support", s, p, ctx.af.origin[(s, a)], seen))
                supporter_note = f"supported by {_name(ctx, s)} (IN)"
            continue
        defeated.append(_name(ctx, a))
        steps.append(_step(ctx, "attack", a, p, ctx.af.origin[(a, p)], seen))
    parts = []
    if ctx.m.propositions[p].kind is NodeKind.EVIDENCE:
        parts.append("evidence, switched on")
    if supporter_note:
        parts.append(supporter_note)
    parts.append(f"every attacker is defeated ({', '.join(defeated)})" if defeated else "nothing attacks it")
    return {"reason": "Accepted: " + "; ".join(parts) + ".", "steps": steps}


def _explain_out(ctx: _Context, p: str, seen: set[str]) -> Node:
    a = _best_in_attacker(ctx, p)
    if a is None:  # cannot happen for an OUT argument; kept for safety of the tree shape
        return {"reason": "Rejected.", "steps": []}
    if meta_target(a) is not None:
        steps = _support_steps(ctx, p, seen)
        names = [f"{_name(ctx, s['from'])} ({s['node']['label']})" for s in steps]
        listed = f" (supporters: {', '.join(names)})" if names else " (nothing supports it)"
        return {"reason": f"Rejected: no accepted support{listed}.", "steps": steps, "no_accepted_support": True}
    chain = ctx.af.origin[(a, p)]
    return {
        "reason": f"Rejected: attacked by {_name(ctx, a)} (IN, round {ctx.rounds[a]}){_via(ctx, chain)}.",
        "steps": [_step(ctx, "attack", a, p, chain, seen)],
    }


def _explain_undec(ctx: _Context, p: str, seen: set[str]) -> Node:
    undecided = [a for a in ctx.attackers.get(p, []) if ctx.labels.get(a) is Label.UNDEC]
    steps: list[Node] = []
    parts: list[str] = []
    attackers = [a for a in undecided if meta_target(a) is None]
    if attackers:
        parts.append(f"attacked by undecided {', '.join(_name(ctx, a) for a in attackers)}")
    steps.extend(_step(ctx, "attack", a, p, ctx.af.origin[(a, p)], seen) for a in attackers)
    if any(meta_target(a) is not None for a in undecided):
        support = [s for s in _support_steps(ctx, p, seen) if s["node"]["label"] == Label.UNDEC]
        parts.append(f"its support is undecided ({', '.join(_name(ctx, s['from']) for s in support)})")
        steps.extend(support)
    return {"reason": "Undecided: " + "; ".join(parts or ["caught in a cycle of attacks"]) + ".", "steps": steps}


def _support_steps(ctx: _Context, p: str, seen: set[str]) -> list[Node]:
    """Every support into p (active or not), each with the state of its supporter."""
    active = set(ctx.af.supports.get(p, ()))
    steps = []
    for r in ctx.into.get(p, ()):
        if r.kind != "support":
            continue
        step = _step(ctx, "support", r.origin, p, (r.id,), seen)
        if r.id not in active:
            step["active"] = False
            step["inactive_because"] = _inactive_because(ctx, r)
        steps.append(step)
    return steps


def _inactive_because(ctx: _Context, r: Relation) -> str:
    if r.origin in ctx.scenario.off:
        return f"{r.origin} is switched off"
    names = ", ".join(_analyst(ctx, a) for a in r.by)
    return f"its analysts are distrusted ({names})"


def _best_in_attacker(ctx: _Context, target: str) -> str | None:
    ins = [a for a in ctx.attackers.get(target, []) if ctx.labels.get(a) is Label.IN]
    return min(ins, key=lambda a: (ctx.rounds[a], meta_target(a) is None, a)) if ins else None


def _step(ctx: _Context, kind: str, frm: str, to: str, chain: tuple[str, ...], seen: set[str]) -> Node:
    relations = [_relation(ctx, ctx.m.relations[rid]) for rid in chain]
    ctx.depth += 1
    step: Node = {
        "kind": kind,
        "from": frm,
        "to": to,
        "via": _via_kind(kind, chain, ctx),
        "relations": relations,
        "node": _node(ctx, frm, seen),
    }
    ctx.depth -= 1
    return step


def _via_kind(kind: str, chain: tuple[str, ...], ctx: _Context) -> str:
    """``direct`` for one relation; a derived attack is supported when its supports lead to the attacker."""
    if len(chain) <= 1:
        return "direct"
    attack, last_support = ctx.m.relations[chain[-1]], ctx.m.relations[chain[-2]]
    return "supported attack" if attack.origin == last_support.target else "mediated attack"


def _relation(ctx: _Context, r: Relation) -> Node:
    return {
        "id": r.id,
        "kind": str(r.kind),
        "from": r.origin,
        "to": r.target,
        "by": [{"id": a, "name": _analyst(ctx, a)} for a in r.by],
        "cites": [ctx.m.cited(c) for c in r.cites],
        "note": r.note,
    }


def _via(ctx: _Context, chain: tuple[str, ...]) -> str:
    if not chain:
        return ""
    r = ctx.m.relations[chain[-1]]
    who = ", ".join(_analyst(ctx, a) for a in r.by)
    derived = " (derived through supports)" if len(chain) > 1 else ""
    return f" via {r.id}{derived}" + (f", argued by {who}" if who else "")


def _reason_only(ctx: _Context, p: str) -> str:
    label = ctx.labels[p]
    return {
        Label.IN: "Accepted (explained above).",
        Label.OUT: "Rejected (explained above).",
        Label.UNDEC: "Undecided (explained above).",
        Label.OFF: "Switched off.",
    }[label]


def _name(ctx: _Context, arg: str) -> str:
    target = meta_target(arg)
    if target is not None:
        return f"lack of support for {_name(ctx, target)}"
    p = ctx.m.propositions.get(arg)
    short = p.short if p else arg
    return f"“{short}”" if len(short) <= 80 else f"“{short[:77]}...”"


def _analyst(ctx: _Context, a: str) -> str:
    analyst = ctx.m.analysts.get(a)
    return analyst.name if analyst else a


def describe(explanation: Node) -> list[str]:
    """The explanation tree as indented English lines, one per proposition and relation.

    Examples
    --------
    >>> describe({"id": "e1", "label": "IN", "short": "E", "reason": "Accepted.", "steps": []})
    ['e1 IN: Accepted.']
    """
    lines: list[str] = []
    _describe(explanation, 0, lines)
    return lines


def _describe(node: Node, depth: int, lines: list[str]) -> None:
    pad = "    " * depth
    lines.append(f"{pad}{node['id']} {node['label']}: {node['reason']}")
    for step in node.get("steps", []):
        for r in step["relations"]:
            who = ", ".join(b["name"] for b in r["by"]) or "unattributed"
            arrow = "supports" if r["kind"] == "support" else "attacks"
            inactive = f" [inactive: {step['inactive_because']}]" if step.get("active") is False else ""
            lines.append(f"{pad}  - {r['id']}: {r['from']} {arrow} {r['to']} ({who}){inactive}")
            for c in r["cites"]:
                lines.append(f"{pad}      “{c['quote']}” ({c['title']})")
        _describe(step["node"], depth + 1, lines)


__all__ = ["describe", "explain", "unsupported"]
