"""Verdicts as a plain-text table: what ``argmap solve`` prints and ``str(evaluation)`` gives.

Imports model only (an Evaluation is only looked at), so the model layer can print itself without click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import NodeKind

if TYPE_CHECKING:
    from argmap.pipeline import Evaluation

KIND_ORDER = {NodeKind.HYPOTHESIS: 0, NodeKind.CLAIM: 1, NodeKind.EVIDENCE: 2}
TEXT_WIDTH = 60


def verdict_table(result: Evaluation) -> str:
    """Verdicts as a plain-text table: hypotheses first, then claims, then evidence.

    Examples
    --------
    >>> import argmap
    >>> result = argmap.evaluate(argmap.load("seeds/kremlin-drone-2023.yaml"), off="e-kirby-denial")
    >>> lines = verdict_table(result).splitlines()
    >>> lines[2]
    'scenario: support=evidential off=e-kirby-denial distrust=-'
    >>> lines[5].split()
    ['hypothesis', 'h-ukraine', 'UNDEC', 'Ukraine', 'did', 'it']
    """
    m = result.map
    rows = sorted(m.propositions.values(), key=lambda p: KIND_ORDER[p.kind])
    width = max((len(p.id) for p in rows), default=2)
    lines = [f"{m.title}", f"{m.question}" if m.question else "", f"scenario: {scenario_line(result)}", ""]
    lines.append(f"{'kind':<10}  {'id':<{width}}  {'label':<5}  round  text")
    for p in rows:
        label = result.labels[p.id]
        rnd = result.rounds.get(p.id, "")
        lines.append(f"{p.kind!s:<10}  {p.id:<{width}}  {label!s:<5}  {rnd!s:>5}  {clip(p.short, TEXT_WIDTH)}")
    return "\n".join(line for i, line in enumerate(lines) if line or i > 2)


def scenario_line(result: Evaluation) -> str:
    """``support=... off=... distrust=...``, a dash for an empty list."""
    s = result.scenario
    return f"support={s.support} off={','.join(sorted(s.off)) or '-'} distrust={','.join(sorted(s.distrust)) or '-'}"


def clip(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
