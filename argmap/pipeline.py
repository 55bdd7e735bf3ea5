"""evaluate(): scenario -> compiled framework -> grounded labelling -> Evaluation.

The one path the web and the CLI share. Imports compile, semantics, explain, scenario, model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from argmap.compile import Framework, compile_map, inference
from argmap.explain import describe, explain, index
from argmap.model import ArgumentMap, Relation, RelationKind
from argmap.scenario import Scenario, SupportMode, scenario_for
from argmap.semantics import Label, grounded_labelling


@dataclass(frozen=True, eq=False)
class Evaluation:
    """The verdicts of one scenario: labels of every proposition, rounds, and explanations."""

    map: ArgumentMap
    scenario: Scenario
    framework: Framework
    labels: dict[str, Label]  # every proposition: IN, OUT, UNDEC or OFF
    rounds: dict[str, int]  # propositions that are IN or OUT
    inferences: dict[str, Label]  # every support and attack relation: the status of its step (DESIGN §3)
    all_labels: dict[str, Label] = field(repr=False)  # every argument of the framework, meta ones too
    all_rounds: dict[str, int] = field(repr=False)

    def explain(self, prop: str) -> dict[str, Any]:
        """The justification of ``prop``'s label as plain data (DESIGN §4).

        ``prop`` may also be a support or attack relation's id: the justification of its step's status.
        """
        return explain(
            self.map, self.framework, self.scenario, self._explain_labels, self.all_rounds, prop, self._indexes
        )

    def describe(self, prop: str) -> list[str]:
        """The justification of ``prop``'s label in English, one line per step."""
        return describe(self.explain(prop))

    def reason(self, prop: str) -> str:
        """One line saying why ``prop`` has its label."""
        return str(self.explain(prop)["reason"])

    @cached_property
    def _indexes(self) -> tuple[dict[str, list[str]], dict[str, list[Relation]]]:
        return index(self.map, self.framework, self.all_rounds)

    @cached_property
    def _explain_labels(self) -> dict[str, Label]:
        return {**self.all_labels, **{p: Label.OFF for p in self.scenario.off}}

    def __str__(self) -> str:
        """The verdicts as the table ``argmap solve`` prints."""
        from argmap.tables import verdict_table

        return verdict_table(self)

    def _repr_html_(self) -> str:
        """Jupyter's display: the interactive snapshot of this scenario, in a sandboxed frame."""
        from argmap.notebook import evaluation_html

        return evaluation_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The labels endpoint's body: labels, rounds, inferences and the scenario."""
        return {
            "labels": {p: str(label) for p, label in self.labels.items()},
            "rounds": dict(self.rounds),
            "inferences": {r: str(label) for r, label in self.inferences.items()},
            "scenario": self.scenario.to_dict(),
        }


def evaluate(
    m: ArgumentMap,
    off: Any = None,
    distrust: Any = None,
    support: str | SupportMode | None = None,
    *,
    scenario: Scenario | None = None,
) -> Evaluation:
    """Evaluate a map under a scenario with grounded semantics.

    ``off`` and ``distrust`` take ids (an iterable or a comma-separated string); unknown ids and
    readings raise InvalidScenario.

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "h1", "text": "H", "kind": "hypothesis"}],
    ...     "relations": [{"id": "r1", "from": "e1", "to": "h1", "kind": "support"}]})
    >>> {p: str(label) for p, label in evaluate(m).labels.items()}
    {'e1': 'IN', 'h1': 'IN'}
    >>> {p: str(label) for p, label in evaluate(m, off={"e1"}).labels.items()}
    {'e1': 'OFF', 'h1': 'OUT'}
    """
    if scenario is None:
        scenario = scenario_for(m, off, distrust, support)
    af = compile_map(m, scenario=scenario)
    labelling = grounded_labelling(sorted(af.arguments), sorted(af.attacks))
    labels = {p: labelling.labels.get(p, Label.OFF) for p in m.propositions}
    rounds = {p: labelling.rounds[p] for p in m.propositions if p in labelling.rounds}
    inferences = inference_labels(m, af, labelling.labels)
    return Evaluation(m, scenario, af, labels, rounds, inferences, labelling.labels, labelling.rounds)


def inference_labels(m: ArgumentMap, af: Framework, labels: dict[str, Label]) -> dict[str, Label]:
    """The status of every support and attack step: ``inf(r)``'s label where reified, else its premise's.

    An inactive relation is ``OFF``; ``excludes`` relations have no step and are left out.
    """
    out: dict[str, Label] = {}
    for r in m.relations.values():
        if r.kind is RelationKind.EXCLUDES:
            continue
        if r.id not in af.active:
            out[r.id] = Label.OFF
        elif r.id in af.reified:
            out[r.id] = labels[inference(r.id)]
        else:
            out[r.id] = labels[r.premises[0]]
    return out
