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

from argmap.compile import Framework, inference, inference_of, meta_target, premise_of, unsupported
from argmap.errors import UnknownNode
from argmap.model import ArgumentMap, NodeKind, Relation, RelationKind
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
    into: dict[str, list[Relation]]  # every relation of the map by its target (excludes by both ends)
    depth: int = 0


Indexes = tuple[dict[str, list[str]], dict[str, list[Relation]]]


def index(m: ArgumentMap, af: Framework, rounds: dict[str, int]) -> Indexes:
    """Attackers of each argument (earliest round first) and the map's relations by target.

    Built once per evaluation and shared by all its explanations.
    """
    attackers: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(af.attacks, key=lambda ab: (rounds.get(ab[0], 1 << 30), ab)):
        attackers[b].append(a)
    into: dict[str, list[Relation]] = defaultdict(list)
    for r in m.relations.values():
        into[r.target].append(r)
        if r.kind is RelationKind.EXCLUDES:
            into[r.premises[0]].append(r)
    return attackers, into


def explain(
    m: ArgumentMap,
    af: Framework,
    scenario: Scenario,
    labels: dict[str, Label],
    rounds: dict[str, int],
    prop: str,
    indexes: Indexes | None = None,
) -> Node:
    """The justification of ``prop``'s label as a tree of plain data.

    Each node: ``id, text, kind, label, round, reason`` (one English line) and ``steps``; each step
    names the relation(s) behind it (``relations``: id, kind, from, to, analysts, quotes) and the
    ``node`` at its other end. ``prop`` may be a support or attack relation: its node (``kind``
    ``inference``) justifies the status of its step, with a ``premise`` step per premise and an
    ``undercut`` step per undercut that decides it.
    """
    r = m.relations.get(prop)
    if prop not in m.propositions and (r is None or r.kind is RelationKind.EXCLUDES):
        what = "an excludes, which has no status of its own" if r is not None else "no proposition or relation"
        raise UnknownNode(f"{prop!r} is {what} in map {m.id!r}." if r else f"No proposition {prop!r} in map {m.id!r}.")
    attackers, into = indexes if indexes is not None else index(m, af, rounds)
    ctx = _Context(m, af, scenario, labels, rounds, attackers, into)
    return _node(ctx, prop, set())


def _node(ctx: _Context, arg: str, seen: set[str]) -> Node:
    """The node of a proposition, or of a relation's step (given as ``inf(r)`` or as ``r``)."""
    rid = inference_of(arg)
    if rid is not None or arg in ctx.m.relations:
        return _step_node(ctx, rid or arg, seen)
    prop = ctx.m.propositions[arg]
    label = ctx.labels[arg]
    node: Node = {
        "id": arg,
        "text": prop.text,
        "short": prop.short,
        "kind": str(prop.kind),
        "label": str(label),
        "round": ctx.rounds.get(arg),
    }
    if _cut(ctx, arg, label, node, seen):
        return node
    seen.add(arg)
    if label is Label.OFF:
        node["reason"] = "Switched off: absent from this scenario."
        node["steps"] = []
    elif label is Label.IN:
        node.update(_explain_in(ctx, arg, seen))
    elif label is Label.OUT:
        node.update(_explain_out(ctx, arg, seen))
    else:
        node.update(_explain_undec(ctx, arg, seen))
    _note_set_aside(ctx, arg, label, node)
    return node


def _cut(ctx: _Context, key: str, label: Label, node: Node, seen: set[str]) -> bool:
    """Give a node met before as a reference, and cut a tree that is too deep; say whether it was cut."""
    if key in seen:
        node["reason"] = _reason_only(label)
        node["ref"] = True
    elif ctx.depth >= MAX_DEPTH:
        node["reason"] = f"{_reason_only(label).split(' (')[0].rstrip('.')} (explain {key} to go deeper)."
        node["truncated"] = True
    else:
        return False
    node["steps"] = []
    return True


def _note_set_aside(ctx: _Context, key: str, label: Label, node: Node) -> None:
    aside = _set_aside(ctx, key)
    if aside and label is not Label.OFF:
        node["set_aside"] = aside
        listed = "; ".join(a["said"] for a in aside)
        node["reason"] += f" Set aside in this scenario: {listed}."


def _step_node(ctx: _Context, rid: str, seen: set[str]) -> Node:
    """The status of a support or attack step: IN when it holds, OUT when it fails, OFF when set aside."""
    r = ctx.m.relations[rid]
    reified = rid in ctx.af.reified
    if rid not in ctx.af.active:
        label = Label.OFF
    else:
        label = ctx.labels[inference(rid) if reified else r.premises[0]]
    text = _step_text(ctx, r)
    node: Node = {
        "id": rid,
        "text": text,
        "short": text,
        "kind": "inference",
        "label": str(label),
        "round": ctx.rounds.get(inference(rid)) if reified else None,
        "relation": _relation(ctx, r),
    }
    if _cut(ctx, rid, label, node, seen):
        return node
    seen.add(rid)
    if label is Label.OFF:
        node["reason"] = f"Set aside: {_inactive_because(ctx, r)}."
        node["steps"] = []
        return node
    premise_steps = {p: _premise_step(ctx, r, p, seen) for p in r.premises} if not reified else {}
    if not reified:
        word = {Label.IN: "accepted", Label.OUT: "rejected", Label.UNDEC: "undecided"}[label]
        verdict = {Label.IN: "Holds", Label.OUT: "Fails", Label.UNDEC: "Open"}[label]
        node["reason"] = f"{verdict}: its premise {_name(ctx, r.premises[0])} is {word}."
        node["steps"] = list(premise_steps.values())
    elif label is Label.IN:
        undercuts = [a for a in ctx.attackers.get(inference(rid), []) if premise_of(a) is None]
        steps = [_premise_step(ctx, r, p, seen) for p in r.premises]
        steps += [_undercut_step(ctx, a, rid, seen) for a in undercuts]
        beaten = f"every objection that it does not follow fails ({', '.join(_name(ctx, a) for a in undercuts)})"
        beaten = beaten if undercuts else ""
        node["reason"] = "Holds: " + "; ".join(filter(None, [_premises_accepted(ctx, r), beaten])) + "."
        node["steps"] = steps
    elif label is Label.OUT:
        a = _best_in_attacker(ctx, inference(rid))
        p = premise_of(a) if a else None
        if p is not None:
            node["reason"] = f"Fails: its premise {_name(ctx, p)} is rejected."
            node["steps"] = [_premise_step(ctx, r, p, seen)]
        elif a is not None:
            chain = ctx.af.origin[(a, inference(rid))]
            node["reason"] = f"Fails: {_name(ctx, a)} shows that it does not follow{_via(ctx, chain)}."
            node["steps"] = [_undercut_step(ctx, a, rid, seen)]
        else:  # cannot happen for an OUT argument; kept for the tree's shape
            node["reason"], node["steps"] = "Fails.", []
    else:
        undecided = [a for a in ctx.attackers.get(inference(rid), []) if ctx.labels.get(a) is Label.UNDEC]
        premises = [p for a in undecided if (p := premise_of(a)) is not None]
        undercuts = [a for a in undecided if premise_of(a) is None]
        parts = []
        if premises:
            parts.append(f"premise {', '.join(_name(ctx, p) for p in premises)} undecided")
        if undercuts:
            parts.append(f"undecided {', '.join(_name(ctx, a) for a in undercuts)} says that it does not follow")
        node["reason"] = "Open: " + "; ".join(parts or ["caught in a cycle of objections"]) + "."
        node["steps"] = [_premise_step(ctx, r, p, seen) for p in premises]
        node["steps"] += [_undercut_step(ctx, a, rid, seen) for a in undercuts]
    _note_set_aside(ctx, rid, label, node)
    return node


def _premises_accepted(ctx: _Context, r: Relation) -> str:
    names = " and ".join(_name(ctx, p) for p in r.premises)
    return f"{'every premise' if r.is_linked else 'its premise'} is accepted ({names})"


def _premise_step(ctx: _Context, r: Relation, p: str, seen: set[str]) -> Node:
    ctx.depth += 1
    step: Node = {
        "kind": "premise",
        "from": p,
        "to": r.id,
        "via": "direct",
        "relations": [],
        "node": _node(ctx, p, seen),
    }
    ctx.depth -= 1
    return step


def _undercut_step(ctx: _Context, attacker: str, rid: str, seen: set[str]) -> Node:
    step = _step(ctx, "undercut", attacker, rid, ctx.af.origin[(attacker, inference(rid))], seen)
    return step


def _set_aside(ctx: _Context, key: str) -> list[Node]:
    """Attacks on ``key`` (a proposition or a step) that this scenario leaves out, with why."""
    out = []
    for r in ctx.into.get(key, ()):
        if r.kind is not RelationKind.SUPPORT and r.id not in ctx.af.active:
            other = r.premises[0] if r.target == key else r.target
            frm: Any = other if r.kind is RelationKind.EXCLUDES or not r.is_linked else list(r.premises)
            said = _aside(ctx, r)
            out.append({"relation": r.id, "from": frm, "because": _inactive_because(ctx, r), "said": said})
    return out


def _explain_in(ctx: _Context, p: str, seen: set[str]) -> Node:
    steps: list[Node] = []
    supporter_note = ""
    defeated: list[str] = []
    for a in ctx.attackers.get(p, []):
        if meta_target(a) is not None:
            s = _best_in_attacker(ctx, a)
            if s is not None:
                chain = ctx.af.origin[(s, a)]
                steps.append(_step(ctx, "support", s, p, chain, seen))
                supporter_note = f"supported by {_name(ctx, s)}{_via(ctx, chain)}"
            continue
        defeated.append(_name(ctx, a))
        steps.append(_step(ctx, "attack", a, p, ctx.af.origin[(a, p)], seen))
    parts = []
    if ctx.m.propositions[p].kind is NodeKind.EVIDENCE:
        parts.append("evidence, switched on")
    if supporter_note:
        parts.append(supporter_note)
    parts.append(f"every objection to it fails ({', '.join(defeated)})" if defeated else "nothing stands against it")
    return {"reason": "Accepted: " + "; ".join(parts) + ".", "steps": steps}


def _explain_out(ctx: _Context, p: str, seen: set[str]) -> Node:
    a = _best_in_attacker(ctx, p)
    if a is None:  # cannot happen for an OUT argument; kept for safety of the tree shape
        return {"reason": "Rejected.", "steps": []}
    if meta_target(a) is not None:
        steps = _support_steps(ctx, p, seen)
        names = [_supporter(ctx, s) for s in steps]
        listed = f" ({'; '.join(names)})" if names else " (nothing supports it)"
        return {"reason": f"Rejected: no accepted support{listed}.", "steps": steps, "no_accepted_support": True}
    chain = ctx.af.origin[(a, p)]
    return {
        "reason": f"Rejected: {_name(ctx, a)} stands against it{_via(ctx, chain)}.",
        "steps": [_step(ctx, "attack", a, p, chain, seen)],
    }


def _explain_undec(ctx: _Context, p: str, seen: set[str]) -> Node:
    undecided = [a for a in ctx.attackers.get(p, []) if ctx.labels.get(a) is Label.UNDEC]
    steps: list[Node] = []
    parts: list[str] = []
    attackers = [a for a in undecided if meta_target(a) is None]
    if attackers:
        parts.append(f"undecided {', '.join(_name(ctx, a) for a in attackers)} stands against it")
    steps.extend(_step(ctx, "attack", a, p, ctx.af.origin[(a, p)], seen) for a in attackers)
    if any(meta_target(a) is not None for a in undecided):
        support = [s for s in _support_steps(ctx, p, seen) if s["node"]["label"] == Label.UNDEC]
        parts.append(f"its support is undecided ({', '.join(_name(ctx, s['from']) for s in support)})")
        steps.extend(support)
    return {"reason": "Undecided: " + "; ".join(parts or ["caught in a cycle of objections"]) + ".", "steps": steps}


def _support_steps(ctx: _Context, p: str, seen: set[str]) -> list[Node]:
    """Every support into p (active or not), each with the state of its supporter."""
    steps = []
    for r in ctx.into.get(p, ()):
        if r.kind is not RelationKind.SUPPORT:
            continue
        if r.id in ctx.af.active:
            step = _step(ctx, "support", ctx.af.source(r), p, (r.id,), seen)
        else:
            step = _step(ctx, "support", r.premises[0] if not r.is_linked else r.id, p, (r.id,), seen)
            step["active"] = False
            step["inactive_because"] = _inactive_because(ctx, r)
        steps.append(step)
    return steps


def _aside(ctx: _Context, r: Relation) -> str:
    """A relation the scenario sets aside, in a few words: what it says and why it is aside."""
    names = _premises_name(ctx, r)
    if any(p in ctx.scenario.off for p in r.premises):
        return f"{names} (switched off)"
    if r.by and all(a in ctx.scenario.distrust for a in r.by):
        return f"{names}{_argued(ctx, r)} (distrusted)"
    return f"{names} ({_inactive_because(ctx, r)})"


def _inactive_because(ctx: _Context, r: Relation) -> str:
    off = [p for p in r.premises if p in ctx.scenario.off]
    if off:
        return f"{', '.join(_name(ctx, p) for p in off)} {'is' if len(off) == 1 else 'are'} switched off"
    if r.target in ctx.scenario.off:
        return f"{_name(ctx, r.target)} is switched off"
    if r.by and all(a in ctx.scenario.distrust for a in r.by):
        names = ", ".join(_analyst(ctx, a) for a in r.by)
        return f"its analysts are distrusted ({names})"
    return f"{_name(ctx, r.target)} is set aside"


def _best_in_attacker(ctx: _Context, target: str) -> str | None:
    ins = [a for a in ctx.attackers.get(target, []) if ctx.labels.get(a) is Label.IN]
    return min(ins, key=lambda a: (ctx.rounds[a], meta_target(a) is None, a)) if ins else None


def _step(ctx: _Context, kind: str, frm: str, to: str, chain: tuple[str, ...], seen: set[str]) -> Node:
    relations = [_relation(ctx, ctx.m.relations[rid]) for rid in chain]
    ctx.depth += 1
    step: Node = {
        "kind": kind,
        "from": inference_of(frm) or frm,
        "to": to,
        "via": _via_kind(ctx, chain, frm),
        "relations": relations,
        "node": _node(ctx, frm, seen),
    }
    ctx.depth -= 1
    return step


def _via_kind(ctx: _Context, chain: tuple[str, ...], frm: str) -> str:
    """``direct`` for one relation; a derived attack is supported when its supports lead from the attacker."""
    if len(chain) <= 1:
        return "direct"
    first = ctx.m.relations[chain[0]]
    return "supported attack" if first.id in ctx.af.active and ctx.af.source(first) == frm else "mediated attack"


def _relation(ctx: _Context, r: Relation) -> Node:
    return {
        "id": r.id,
        "kind": str(r.kind),
        "from": r.premises[0] if not r.is_linked else list(r.premises),
        "to": r.target,
        "undercut": r.target in ctx.m.relations,
        "by": [{"id": a, "name": _analyst(ctx, a)} for a in r.by],
        "cites": [ctx.m.cited(c) for c in r.cites],
        "note": r.note,
    }


def _via(ctx: _Context, chain: tuple[str, ...]) -> str:
    """Who argues the step behind an attack or support, in words: ", argued by Ann"."""
    if not chain:
        return ""
    derived = " (through the claims it supports)" if len(chain) > 1 else ""
    return derived + _argued(ctx, ctx.m.relations[chain[-1]])


def _argued(ctx: _Context, r: Relation) -> str:
    who = ", ".join(_analyst(ctx, a) for a in r.by)
    return f", argued by {who}" if who else ""


def _supporter(ctx: _Context, step: Node) -> str:
    """A supporter and its state in words, for the list of a proposition's supporters."""
    frm = step["from"]
    r = ctx.m.relations.get(frm)
    name = _premises_name(ctx, r) if r is not None else _name(ctx, frm)
    if step.get("active") is False:
        return f"{name} is set aside: {step['inactive_because']}"
    label = step["node"]["label"]
    if r is not None:
        return f"{name}: the step {({'IN': 'holds', 'OUT': 'fails'}).get(label, 'is undecided')}"
    return f"{name} is {({'IN': 'accepted', 'OUT': 'rejected', 'UNDEC': 'undecided'}).get(label, 'switched off')}"


def _reason_only(label: Label) -> str:
    return {
        Label.IN: "Accepted (explained above).",
        Label.OUT: "Rejected (explained above).",
        Label.UNDEC: "Undecided (explained above).",
        Label.OFF: "Switched off.",
    }[label]


def _step_text(ctx: _Context, r: Relation) -> str:
    """A step in words: "“A” together with “B” supports “C”"; an undercut names the step it attacks."""
    verb = {RelationKind.SUPPORT: "supports", RelationKind.ATTACK: "attacks"}.get(r.kind, "excludes")
    target = r.target
    if target in ctx.m.relations:
        verb, target = "undercuts", target
    return f"{_premises_name(ctx, r)} {verb} {_name(ctx, target)}"


def _premises_name(ctx: _Context, r: Relation) -> str:
    return " together with ".join(_name(ctx, p) for p in r.premises)


def _name(ctx: _Context, arg: str) -> str:
    target = meta_target(arg)
    if target is not None:
        return f"lack of support for {_name(ctx, target)}"
    p = premise_of(arg)
    if p is not None:
        return f"rejection of {_name(ctx, p)}"
    rid = inference_of(arg) or (arg if arg in ctx.m.relations else None)
    if rid is not None:
        r = ctx.m.relations[rid]
        if r.target in ctx.m.relations:
            return f"the undercut by {_premises_name(ctx, r)}"
        if arg == rid:  # a step named as the target of an undercut
            return f"the step from {_premises_name(ctx, r)} to {_name(ctx, r.target)}"
        return _premises_name(ctx, r)
    prop = ctx.m.propositions.get(arg)
    short = prop.short if prop else arg
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
    if depth == 0 and "relation" in node:
        _describe_relation(node["relation"], pad, "", lines)
    for step in node.get("steps", []):
        for r in step["relations"]:
            inactive = f" [inactive: {step['inactive_because']}]" if step.get("active") is False else ""
            _describe_relation(r, pad, inactive, lines)
        _describe(step["node"], depth + 1, lines)


def _describe_relation(r: Node, pad: str, suffix: str, lines: list[str]) -> None:
    who = ", ".join(b["name"] for b in r["by"]) or "unattributed"
    arrow = "undercuts" if r.get("undercut") else {"support": "supports", "attack": "attacks"}.get(r["kind"], r["kind"])
    frm = " + ".join(r["from"]) if isinstance(r["from"], list) else r["from"]
    lines.append(f"{pad}  - {r['id']}: {frm} {arrow} {r['to']} ({who}){suffix}")
    for c in r["cites"]:
        lines.append(f"{pad}      “{c['quote']}” ({c['title']})")


__all__ = ["describe", "explain", "unsupported"]
