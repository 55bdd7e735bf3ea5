"""What a person has switched: evidence off, analysts distrusted, the reading of support.

Parsing (from query strings, CLI options or Python values) and checking against a map live here,
so the web and the CLI refuse the same things with the same words. Imports model and errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from argmap.errors import InvalidScenario
from argmap.model import ArgumentMap, NodeKind


class SupportMode(StrEnum):
    EVIDENTIAL = "evidential"
    DEDUCTIVE = "deductive"
    ABSTRACT = "abstract"


@dataclass(frozen=True)
class Scenario:
    off: frozenset[str] = frozenset()
    distrust: frozenset[str] = frozenset()
    support: SupportMode = SupportMode.EVIDENTIAL

    def to_dict(self) -> dict[str, Any]:
        return {"off": sorted(self.off), "distrust": sorted(self.distrust), "support": str(self.support)}

    def to_query(self) -> str:
        """The page/API query string for this scenario (empty parts left out)."""
        parts = {"off": ",".join(sorted(self.off)), "distrust": ",".join(sorted(self.distrust))}
        query = {k: v for k, v in parts.items() if v}
        if self.support is not SupportMode.EVIDENTIAL:
            query["support"] = str(self.support)
        return urlencode(query, safe=",")


def id_list(value: str | Iterable[str] | None) -> list[str]:
    """Ids from ``"a,b"``, ``["a", "b,c"]`` or None; blanks dropped."""
    if value is None:
        return []
    if not isinstance(value, str | Iterable):
        raise InvalidScenario(f"ids must be text, not {type(value).__name__}")
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise InvalidScenario(f"ids must be text, not {type(item).__name__}")
        out.extend(part.strip() for part in item.split(",") if part.strip())
    return out


def support_mode(value: str | SupportMode | None) -> SupportMode:
    """The support reading named by ``value`` (default evidential), or InvalidScenario."""
    if value is None or value == "":
        return SupportMode.EVIDENTIAL
    if not isinstance(value, str):
        raise InvalidScenario(f"support must be text, not {type(value).__name__}")
    try:
        return SupportMode(value)
    except ValueError:
        known = ", ".join(m.value for m in SupportMode)
        raise InvalidScenario(f"Unknown support reading {value!r}; use one of: {known}.") from None


def scenario_for(
    m: ArgumentMap,
    off: str | Iterable[str] | None = None,
    distrust: str | Iterable[str] | None = None,
    support: str | SupportMode | None = None,
) -> Scenario:
    """Check a scenario against a map: every id must be the map's evidence or analyst."""
    problems: list[str] = []
    off_ids = id_list(off)
    for e in off_ids:
        p = m.propositions.get(e)
        if p is None:
            problems.append(f"No evidence {e!r} in map {m.id!r}. Evidence here: {_listing(m.evidence)}.")
        elif p.kind is not NodeKind.EVIDENCE:
            problems.append(f"{e!r} is a {p.kind}, not evidence: only evidence can be switched off.")
    distrust_ids = id_list(distrust)
    for a in distrust_ids:
        if a not in m.analysts:
            problems.append(f"No analyst {a!r} in map {m.id!r}. Analysts here: {_listing(list(m.analysts))}.")
    try:
        mode = support_mode(support)
    except InvalidScenario as err:
        problems.extend(err.messages)
        mode = SupportMode.EVIDENTIAL
    if problems:
        raise InvalidScenario(*problems)
    return Scenario(frozenset(off_ids), frozenset(distrust_ids), mode)


def scenario_from_query(m: ArgumentMap, args: Mapping[str, Any]) -> Scenario:
    """A scenario from query parameters ``off``, ``distrust``, ``support`` (repeatable or comma lists)."""
    getlist = getattr(args, "getlist", None)

    def values(key: str) -> list[str]:
        if getlist is not None:
            return list(getlist(key))
        value = args.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, Iterable) and not isinstance(value, str) else [value]

    supports = values("support")
    if any(s != supports[0] for s in supports):
        raise InvalidScenario(f"support given {len(supports)} times with different values; give it once.")
    return scenario_for(m, values("off"), values("distrust"), supports[0] if supports else None)


def lenient_scenario_from_query(m: ArgumentMap, args: Mapping[str, Any]) -> tuple[Scenario, list[str]]:
    """The scenario a page link asks for, keeping what the map still has, and a line for each part dropped.

    Links outlive edits of a map (DESIGN §2): the page applies the known ids and says which it
    dropped. The API and the CLI stay strict (``scenario_from_query``).

    Examples
    --------
    >>> from argmap.document import from_document
    >>> m = from_document({"id": "m", "title": "t", "propositions": [
    ...     {"id": "e1", "text": "E", "kind": "evidence"}, {"id": "h1", "text": "H", "kind": "hypothesis"}]})
    >>> s, dropped = lenient_scenario_from_query(m, {"off": "e1,nope", "support": "magic"})
    >>> sorted(s.off), str(s.support), dropped
    (['e1'], 'evidential', ["evidence 'nope'", "support reading 'magic'"])
    """
    getlist = getattr(args, "getlist", None)
    values = {
        key: id_list(list(getlist(key)) if getlist is not None else args.get(key))
        for key in ("off", "distrust", "support")
    }
    evidence = set(m.evidence)
    off = [e for e in values["off"] if e in evidence]
    distrust = [a for a in values["distrust"] if a in m.analysts]
    dropped = [f"evidence {e!r}" for e in dict.fromkeys(values["off"]) if e not in evidence]
    dropped += [f"analyst {a!r}" for a in dict.fromkeys(values["distrust"]) if a not in m.analysts]
    support = SupportMode.EVIDENTIAL
    for value in values["support"][:1]:
        try:
            support = support_mode(value)
        except InvalidScenario:
            dropped.append(f"support reading {value!r}")
    return Scenario(frozenset(off), frozenset(distrust), support), dropped


def _listing(ids: list[str], most: int = 12) -> str:
    if not ids:
        return "(none)"
    shown = ", ".join(ids[:most])
    return shown + (f", ... ({len(ids)} in all)" if len(ids) > most else "")
