"""Why an account hangs together, and what sets two accounts apart, as plain data.

* **why** (per hypothesis of an account): its defence within the account. Every attacker of the
  hypothesis in the compiled framework is attacked by an argument of the account; each step names
  the attacker, the relations behind its attack, the defender and the relations behind the defence,
  with analysts and quotes (as ``argmap.explain`` cites them). A meta-argument is named for what it
  stands for: ``unsupported(x)`` is "x has no accepted support", defeated by an accepted supporter.
* **labels**: the account as a labelling of the map's propositions (IN, OUT: attacked by the
  account, UNDEC, OFF), and **steps** the status of each support and attack step in it, for
  colouring the graph by it.
* **against** (per pair of accounts): the attacks between them, either way. Two preferred or stable
  accounts always have one (else their union would be a larger coherent position); a complete
  account may instead lie inside another (``"within": true``).

Imports accounts, compile and model; never Flask.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from argmap.coherent import Account, Accounts
from argmap.compile import inference, inference_of, meta_target, premise_of
from argmap.model import ArgumentMap, RelationKind

Node = dict[str, Any]
MAX_ATTACKS = 8  # attacks listed between two accounts


def explain_accounts(result: Accounts) -> list[Node]:
    """For each listed account, ``{"why": {hypothesis: [step, ...]}, "against": [...]}``.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> from argmap.coherent import accounts
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "h1", "text": "Ukraine did it", "kind": "hypothesis"},
    ...     {"id": "h2", "text": "Russia staged it", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "h1", "to": "h2", "kind": "attack"},
    ...                   {"id": "r2", "from": "h2", "to": "h1", "kind": "attack"}]})
    >>> first = explain_accounts(accounts(m, support="abstract"))[0]
    >>> step = first["why"]["h1"][0]
    >>> step["attacker"]["id"], [r["id"] for r in step["relations"]], step["defender"]["id"]
    ('h2', ['r2'], 'h1')
    >>> first["reasons"]["h1"]
    'Ukraine did it can be held: Russia staged it (r2) is answered by Ukraine did it (r1).'
    >>> [(x["account"], [(a["from"], a["to"]) for a in x["attacks"]]) for x in first["against"]]
    [(1, [('h1', 'h2'), ('h2', 'h1')])]
    """
    m = result.m
    attackers: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(result.af.attacks):
        attackers[b].append(a)
    # Accounts differ only on the undecided core: the attacks between two of them lie inside it.
    core = [(a, b) for a, b in sorted(result.af.attacks) if a in result.undecided and b in result.undecided]
    leaving = [[(a, b) for a, b in core if a in account.extension] for account in result.accounts]
    out = []
    for i, account in enumerate(result.accounts):
        why = {h: _defence(result, account, h, attackers) for h in account.hypotheses}
        reasons = {h: _sentence(m, h, steps) for h, steps in why.items()}
        against = [
            _between(result, account, other, j, leaving[i], leaving[j])
            for j, other in enumerate(result.accounts)
            if j != i
        ]
        labels = _labels(result, account, attackers)
        steps = _steps(result, account, labels, attackers)
        out.append({"why": why, "reasons": reasons, "against": against, "labels": labels, "steps": steps})
    return out


def _steps(
    result: Accounts, account: Account, labels: dict[str, str], attackers: dict[str, list[str]]
) -> dict[str, str]:
    """Each support and attack step's status in the account, as ``inferences`` gives it for the verdict."""
    af, out = result.af, {}
    for r in result.m.relations.values():
        if r.kind is RelationKind.EXCLUDES:
            continue
        if r.id not in af.active:
            out[r.id] = "OFF"
        elif r.id in af.reified:
            inf = inference(r.id)
            beaten = any(a in account.extension for a in attackers.get(inf, ()))
            out[r.id] = "IN" if inf in account.extension else "OUT" if beaten else "UNDEC"
        else:
            out[r.id] = labels[r.premises[0]]
    return out


def _labels(result: Accounts, account: Account, attackers: dict[str, list[str]]) -> dict[str, str]:
    """The account as a labelling of the map: IN, OUT (attacked by the account), UNDEC, or OFF."""
    labels = {}
    for p in result.m.propositions:
        if p not in result.af.arguments:
            labels[p] = "OFF"
        elif p in account.extension:
            labels[p] = "IN"
        else:
            labels[p] = "OUT" if any(a in account.extension for a in attackers.get(p, ())) else "UNDEC"
    return labels


def _defence(result: Accounts, account: Account, h: str, attackers: dict[str, list[str]]) -> list[Node]:
    steps = []
    for b in attackers.get(h, ()):
        defenders = [d for d in attackers.get(b, ()) if d in account.extension]
        defenders.sort(key=lambda d: (d not in result.m.propositions, d))  # a proposition first
        d = defenders[0]  # the account is admissible: some member attacks every attacker
        steps.append(
            {
                "attacker": _argument(result.m, b),
                "relations": _relations(result, b, h),
                "defender": _argument(result.m, d),
                "defence": _relations(result, d, b),
            }
        )
    return steps


def _between(
    result: Accounts,
    account: Account,
    other: Account,
    j: int,
    mine_out: list[tuple[str, str]],
    theirs_out: list[tuple[str, str]],
) -> Node:
    """The attacks between two accounts, either way (``*_out``: each one's attacks inside the core)."""
    mine, theirs = account.extension, other.extension
    attacks = sorted([(a, b) for a, b in mine_out if b in theirs] + [(a, b) for a, b in theirs_out if b in mine])
    props = [(a, b) for a, b in attacks if a in result.m.propositions and b in result.m.propositions]
    attacks = props or attacks  # through meta-arguments only when nothing else
    hypotheses = set(result.m.hypotheses)
    attacks.sort(key=lambda ab: (len({ab[0], ab[1]} - hypotheses), ab))  # between hypotheses first
    node: Node = {
        "account": j,
        "attacks": [{"from": a, "to": b, "relations": _relations(result, a, b)} for a, b in attacks[:MAX_ATTACKS]],
    }
    if not attacks:
        node["within"] = set(account.accepted) <= set(other.accepted)
    return node


def _argument(m: ArgumentMap, arg: str) -> Node:
    prop = m.propositions.get(arg)
    if prop is not None:
        return {"id": arg, "text": prop.text, "short": prop.short, "kind": str(prop.kind)}
    target = meta_target(arg)
    if target is not None and target in m.propositions:
        short = m.propositions[target].short
        return {"id": arg, "meta": True, "for": target, "short": f"no accepted support for {short}"}
    rid = inference_of(arg)
    if rid is not None and rid in m.relations:
        r = m.relations[rid]
        premises = " together with ".join(m.propositions[p].short for p in r.premises)
        return {"id": arg, "meta": True, "for": rid, "short": f"the step from {premises}"}
    premise = premise_of(arg)
    if premise is not None and premise in m.propositions:
        short = m.propositions[premise].short
        return {"id": arg, "meta": True, "for": premise, "short": f"{short} not being accepted"}
    return {"id": arg, "meta": True, "short": arg}


def _relations(result: Accounts, a: str, b: str) -> list[Node]:
    m = result.m
    out = []
    for rid in result.af.origin.get((a, b), ()):
        r = m.relations.get(rid)
        if r is None:
            continue
        out.append(
            {
                "id": r.id,
                "kind": str(r.kind),
                "from": r.premises[0] if len(r.premises) == 1 else list(r.premises),
                "to": r.target,
                "by": [{"id": x, "name": m.analysts[x].name if x in m.analysts else x} for x in r.by],
                "cites": [m.cited(c) for c in r.cites],
                "note": r.note,
            }
        )
    return out


def _sentence(m: ArgumentMap, h: str, steps: list[Node]) -> str:
    """One English line: each attack on ``h`` and the member of the account that answers it."""
    short = m.propositions[h].short
    if not steps:
        return f"{short} can be held: nothing in this scenario attacks it."
    parts = []
    for step in steps:
        ids = ", ".join(r["id"] for r in step["relations"])
        answer = ", ".join(r["id"] for r in step["defence"])
        parts.append(
            f"{step['attacker']['short']}{f' ({ids})' if ids else ''} is answered by "
            f"{step['defender']['short']}{f' ({answer})' if answer else ''}"
        )
    return f"{short} can be held: {'; '.join(parts)}."
