"""Every hypothesis' label under the three readings of support, side by side.

Imports model, scenario, semantics and pipeline; no flask, no click.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from argmap.model import ArgumentMap
from argmap.pipeline import evaluate
from argmap.scenario import Scenario, SupportMode
from argmap.semantics import Label


@dataclass(frozen=True)
class Readings:
    """Labels of each hypothesis under evidential, deductive and abstract support, for one off/distrust."""

    off: frozenset[str]
    distrust: frozenset[str]
    table: dict[str, dict[SupportMode, Label]]  # hypothesis -> reading -> label

    @property
    def disagreements(self) -> list[str]:
        """Hypotheses whose label depends on the reading, in document order."""
        return [h for h, row in self.table.items() if len(set(row.values())) > 1]

    def to_dict(self) -> dict[str, Any]:
        """The readings endpoint's body: ``{"readings": {h: {reading: label}}}`` plus the switches."""
        return {
            "readings": {h: {str(mode): str(label) for mode, label in row.items()} for h, row in self.table.items()},
            "disagreements": self.disagreements,
            "scenario": {"off": sorted(self.off), "distrust": sorted(self.distrust)},
        }


def readings(m: ArgumentMap, scenario: Scenario | None = None) -> Readings:
    """Label every hypothesis of ``m`` under each reading of support, with ``scenario``'s off and distrust.

    The scenario's own reading is ignored: all three are computed.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "c1", "text": "C", "kind": "claim"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "c1", "to": "h1", "kind": "support"}]})
    >>> {str(mode): str(label) for mode, label in readings(m).table["h1"].items()}
    {'evidential': 'OUT', 'deductive': 'IN', 'abstract': 'IN'}
    """
    scenario = scenario or Scenario()
    table: dict[str, dict[SupportMode, Label]] = {h: {} for h in m.hypotheses}
    for mode in SupportMode:
        labels = evaluate(m, scenario=Scenario(scenario.off, scenario.distrust, mode)).labels
        for h in m.hypotheses:
            table[h][mode] = labels[h]
    return Readings(scenario.off, scenario.distrust, table)
