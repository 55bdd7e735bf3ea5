"""Deterministic synthetic maps for benchmarks: evidence -> claims -> hypotheses, with supports and attacks.

``generate_map(n, seed)`` builds a valid map of exactly ``n`` propositions (n >= 6): about 35 %
evidence, 10 % hypotheses (in questions of three rivals that attack each other) and the rest claims
in two layers. Each claim and hypothesis draws its supporters and attackers from a window of nearby
propositions of the layer below, as real maps are made of local debates joined by a few long
relations. Relations are argued by one of eight analysts (some by two, a few by none). The same
``(n, seed)`` always gives the same map.

The three shapes of DESIGN §1 are opt-in, so the default maps stay what they were:
``linked=0.2`` makes about a fifth of the supports and attacks drawn from a window linked steps (the
first premise joined by one or two neighbours), ``undercuts=50`` adds 50 attacks on relations (about
one in ten aimed at an earlier undercut), and ``excludes=True`` joins rival hypotheses with one
``excludes`` per pair instead of a pair of attacks.

>>> m = generate_map(60, seed=1)
>>> len(m.propositions), len(m.evidence) > 10, len(m.hypotheses) >= 3
(60, True, True)
>>> generate_document(60, seed=1) == generate_document(60, seed=1)
True
>>> shaped = generate_map(200, seed=1, linked=0.2, undercuts=10, excludes=True)
>>> sum(r.is_linked for r in shaped.relations.values()) > 10, len(shaped.undercuts) > 5
(True, True)
"""

from __future__ import annotations

import random
from typing import Any

from argmap.document import from_document
from argmap.model import ArgumentMap

ANALYSTS = [f"a{i}" for i in range(8)]
RIVALS = 3  # hypotheses per question


def generate_document(
    n: int, seed: int = 0, window: int = 12, linked: float = 0.0, undercuts: int = 0, excludes: bool = False
) -> dict[str, Any]:
    """The map document (DESIGN §1) of a synthetic map of ``n`` propositions.

    ``linked`` is the share of windowed steps made linked, ``undercuts`` the number of undercuts
    added, ``excludes`` whether rivals are joined by ``excludes`` (see the module docstring).
    """
    if n < 6:
        raise ValueError(f"a generated map needs at least 6 propositions, not {n}")
    if not 0.0 <= linked <= 1.0:
        raise ValueError(f"linked is a share of steps in 0..1, not {linked}")
    rng = random.Random(seed)
    n_hyp = max(RIVALS, (n // 10) // RIVALS * RIVALS)
    n_ev = max(2, round(n * 0.35))
    n_claims = n - n_hyp - n_ev
    layer1 = [f"c{i}" for i in range(n_claims // 2)]
    layer2 = [f"c{i}" for i in range(n_claims // 2, n_claims)]
    evidence = [f"e{i}" for i in range(n_ev)]
    hypotheses = [f"h{i}" for i in range(n_hyp)]
    props = [{"id": e, "text": f"Observation {e}", "kind": "evidence"} for e in evidence]
    props += [{"id": c, "text": f"Inference {c}", "kind": "claim"} for c in layer1 + layer2]
    props += [{"id": h, "text": f"Answer {h}", "kind": "hypothesis"} for h in hypotheses]
    relations: list[dict[str, Any]] = []

    def relate(origin: str | list[str], target: str, kind: str) -> None:
        roll = rng.random()
        by = [] if roll < 0.05 else rng.sample(ANALYSTS, 2) if roll < 0.2 else [rng.choice(ANALYSTS)]
        rel: dict[str, Any] = {"id": f"r{len(relations)}", "from": origin, "to": target, "kind": kind}
        if by:
            rel["by"] = sorted(by)
        relations.append(rel)

    def near(pool: list[str], position: float) -> list[str]:
        centre = int(position * len(pool))
        lo = max(0, min(centre - window // 2, len(pool) - window))
        return pool[lo : lo + window]

    def draw(
        target: str, position: float, pool: list[str], supports: tuple[int, int], attacks: tuple[int, int]
    ) -> None:
        if not pool:
            return
        nearby = near(pool, position)
        k = min(len(nearby), rng.randint(*supports) + rng.randint(*attacks))
        chosen = rng.sample(nearby, k)
        n_support = min(k, rng.randint(*supports))
        for i, origin in enumerate(chosen):
            premises: str | list[str] = origin
            if linked and rng.random() < linked:
                others = [p for p in nearby if p != origin]
                premises = [origin, *rng.sample(others, min(len(others), rng.randint(1, 2)))]
            relate(premises, target, "support" if i < n_support else "attack")
        if rng.random() < 0.05:  # a long relation from anywhere below
            relate(rng.choice(pool), target, rng.choice(["support", "attack"]))

    for i, c in enumerate(layer1):
        draw(c, i / max(1, len(layer1)), evidence, (1, 3), (0, 1))
    for i, c in enumerate(layer2):
        draw(c, i / max(1, len(layer2)), layer1 + evidence[: len(evidence) // 4], (1, 2), (0, 1))
    for i, h in enumerate(hypotheses):
        draw(h, i / len(hypotheses), layer2 or layer1 or evidence, (1, 3), (0, 2))
    for q in range(0, n_hyp, RIVALS):
        rivals = hypotheses[q : q + RIVALS]
        for a in rivals:
            for b in rivals:
                if excludes and a < b:
                    relations.append({"id": f"r{len(relations)}", "from": a, "to": b, "kind": "excludes"})
                elif a != b and not excludes:
                    relate(a, b, "attack")
    steps = [r["id"] for r in relations if r["kind"] != "excludes"]
    undercut_ids: list[str] = []
    for _ in range(undercuts if steps else 0):
        aimed = rng.choice(undercut_ids) if undercut_ids and rng.random() < 0.1 else rng.choice(steps)
        undercut_ids.append(f"r{len(relations)}")
        relate(rng.choice(evidence + layer1), aimed, "attack")
    return {
        "id": f"generated-{n}-{seed}",
        "title": f"Generated map of {n} propositions (seed {seed})",
        "question": "Which answers survive?",
        "analysts": [{"id": a, "name": f"Analyst {a}"} for a in ANALYSTS],
        "propositions": props,
        "relations": relations,
    }


def generate_map(
    n: int, seed: int = 0, window: int = 12, linked: float = 0.0, undercuts: int = 0, excludes: bool = False
) -> ArgumentMap:
    """A synthetic, valid map of ``n`` propositions; the same arguments always give the same map."""
    doc = generate_document(n, seed, window, linked=linked, undercuts=undercuts, excludes=excludes)
    return from_document(doc, f"{doc['id']}.json")
