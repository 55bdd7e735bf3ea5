"""The citation audit: is every quote in its source, and who is credited with which step.

``audit(doc, texts)`` works on a map *document* (the plain data of DESIGN §1, so ``from`` may be one
id or a list and ``to`` a proposition or a relation) and on the text of each source's file; it does
no IO. ``source_texts(doc, folder)`` reads those files. Imports nothing from argmap but ``errors``.

A quote is found when it occurs in its source after both are normalised: typographic quotes and
apostrophes become ASCII, dashes become ``-``, ``…`` becomes ``...``, the articles' link markup
``[word](#)`` becomes ``word`` and every run of whitespace one space. Its context is the sentence
(or sentences) around it.

Speaker heuristic (warnings only): in a quote's context, an analyst is *named as a speaker* when
their name, surname or bracketed short name (``ISW``) stands at most two words from an attribution
word (said, says, told, wrote, argued, alleged, claimed, noted, added, according to, ...). A relation's
quote whose context names speakers, none of them among the relation's ``by``, gets a warning.
Spelling variants that are not in the analyst's ``name`` are not recognised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_BOLD = re.compile(r"\*\*([^*\n]*)\*\*")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BREAKS = re.compile(r" ?\n[\n ]*")
# A sentence ends at . ! or ? (and any closing quotes or brackets) before a space, unless the word is
# an initialism such as "U.S." or "D.C."; a paragraph break always ends one.
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])[.!?]['\")\]]*(?= )")
_ATTRIBUTION = (
    r"said|says|say|told|tells|wrote|writes|argued|argues|alleged|alleges|claimed|claims|noted|notes|accused|"
    r"added|adds|stated|states|asked|asks|ventured|suggested|suggests|insisted|assessed|according to"
)
# At most two words between a name and an attribution word ("Podolyak alleged", "Kirby told MSNBC",
# "said Shamiev", "according to ISW"); "Osborn cited Alexander Baunov who said" names Baunov only.
_GAP = r"(?:[^\w.!?]+[\w'-]+){0,2}[^\w.!?]+"


def normalise(text: str) -> str:
    """Return ``text`` with typography, link markup and whitespace normalised (paragraphs kept as newlines).

    Examples
    --------
    >>> normalise("He said \u201cit\u2019s [over](#)\u201d \u2014  twice.\\n\\n Next")
    'He said "it\\'s over" - twice.\\nNext'
    """
    text = text.translate(_TYPOGRAPHY).replace("\u2026", "...")
    text = _BOLD.sub(r"\1", _LINK.sub(r"\1", text))
    text = _SPACES.sub(" ", text)
    return _BREAKS.sub("\n", text).strip()


def _flat(text: str) -> str:
    return normalise(text).replace("\n", " ")


@dataclass(frozen=True)
class QuoteCheck:
    """One quote of a proposition or relation, looked up in its source's text."""

    path: str  # where it sits in the document, e.g. ``relations[3].cites[0]``
    owner: str  # the proposition or relation id
    source: str
    quote: str
    found: bool | None  # None: the source has no text to look in
    context: str | None = None  # the sentence(s) around the quote in the source
    speakers: tuple[str, ...] = ()  # analyst ids the context names as speakers

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "owner": self.owner,
            "source": self.source,
            "quote": self.quote,
            "found": self.found,
            "context": self.context,
            "speakers": list(self.speakers),
        }


@dataclass(frozen=True)
class Step:
    """A support, attack or exclusion as a reviewer reads it: premises, kind, target and quotes."""

    id: str
    premises: tuple[str, ...]
    kind: str
    target: str
    by: tuple[str, ...]
    quotes: tuple[QuoteCheck, ...]
    undercut: bool = False  # the target is a relation

    @property
    def shape(self) -> str:
        """``undercut``, ``linked`` (two or more premises) or ``single``."""
        return "undercut" if self.undercut else "linked" if len(self.premises) > 1 else "single"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": list(self.premises),
            "kind": self.kind,
            "shape": self.shape,
            "to": self.target,
            "by": list(self.by),
            "quotes": [q.to_dict() for q in self.quotes],
        }


@dataclass(frozen=True)
class Audit:
    """The audit of one map: every quote checked, every step by analyst, errors and warnings."""

    map_id: str
    quotes: tuple[QuoteCheck, ...]
    steps: Mapping[str, tuple[Step, ...]]  # analyst id (or "" for unattributed) -> steps
    names: Mapping[str, str]  # analyst id -> name
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "map": self.map_id,
            "ok": self.ok,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "quotes": {
                "checked": sum(q.found is not None for q in self.quotes),
                "found": sum(q.found is True for q in self.quotes),
                "unchecked": sum(q.found is None for q in self.quotes),
            },
            "analysts": [
                {"id": a, "name": self.names.get(a, ""), "steps": [s.to_dict() for s in steps]}
                for a, steps in self.steps.items()
                if a
            ],
            "unattributed": [s.to_dict() for s in self.steps.get("", ())],
            "propositions": [q.to_dict() for q in self.quotes if q.path.startswith("propositions")],
        }


def _ids(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of normalised ``text`` that hold ``text[start:end]``, on one line."""
    bounds = [0]
    for m in _SENTENCE_END.finditer(text):
        bounds.append(m.end() + 1)
    bounds += [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    bounds.append(len(text) + 1)
    bounds = sorted(set(bounds))
    first = max(b for b in bounds if b <= start)
    last = min(b for b in bounds if b >= end)
    return text[first:last].strip().replace("\n", " ")


def _name_keys(name: str) -> list[str]:
    """The ways a text may name an analyst: full name, surname, bracketed short name."""
    keys = re.findall(r"\(([^)]+)\)", name)
    bare = re.sub(r"\([^)]*\)", "", name).strip()
    if bare:
        keys.append(bare)
        words = bare.split()
        if len(words) > 1 and words[-1][:1].isupper() and len(words[-1]) > 3:
            keys.append(words[-1])
    return [k for k in keys if k]


def speakers(context: str, names: Mapping[str, str]) -> tuple[str, ...]:
    """Analyst ids that ``context`` names as speakers (a name near an attribution word).

    Examples
    --------
    >>> names = {"osborn": "Andrew Osborn", "baunov": "Alexander Baunov", "isw": "Institute (ISW)"}
    >>> speakers("Osborn cited Alexander Baunov who said that it was staged.", names)
    ('baunov',)
    >>> speakers("According to ISW, it was staged.", names)
    ('isw',)
    """
    found = []
    for analyst, name in names.items():
        for key in _name_keys(name):
            k = re.escape(key)
            near = rf"\b{k}\b{_GAP}(?i:{_ATTRIBUTION})\b|\b(?i:{_ATTRIBUTION}){_GAP}{k}\b"
            if re.search(near, context):
                found.append(analyst)
                break
    return tuple(found)


def _check(path: str, owner: str, cite: Any, texts: Mapping[str, str | None], names: Mapping[str, str]) -> QuoteCheck:
    source = str(cite.get("source", "")) if isinstance(cite, Mapping) else ""
    quote = str(cite.get("quote", "")) if isinstance(cite, Mapping) else ""
    text = texts.get(source)
    if text is None:
        return QuoteCheck(path, owner, source, quote, None)
    flat = _flat(text)
    needle = _flat(quote)
    at = flat.find(needle) if needle else -1
    if at < 0:
        return QuoteCheck(path, owner, source, quote, False)
    context = _sentence_around(normalise(text), at, at + len(needle))
    return QuoteCheck(path, owner, source, quote, True, context, speakers(context, names))


def audit(doc: Mapping[str, Any], texts: Mapping[str, str | None] | None = None) -> Audit:
    """Audit a map document's quotes against its sources' texts and list each analyst's steps.

    Parameters
    ----------
    doc : Mapping
        A map document (DESIGN §1), e.g. ``ArgumentMap.to_document()`` or parsed YAML.
    texts : Mapping, optional
        Source id -> the text of its file (``None`` for a source without one). Without it, no
        quote is looked up; only the attribution of steps is checked.

    Returns
    -------
    Audit
        Errors: a quote not found in its source's text; a support or attack without ``by``.
        Warnings: a relation's quote whose context names other speakers than its ``by``; a
        source without a file when texts are given.

    Examples
    --------
    >>> doc = {"id": "m", "analysts": [{"id": "ann", "name": "Ann Lee"}],
    ...        "sources": [{"id": "s", "title": "S", "file": "s.txt"}],
    ...        "propositions": [{"id": "e", "text": "E", "kind": "evidence"},
    ...                         {"id": "h", "text": "H", "kind": "hypothesis"}],
    ...        "relations": [{"id": "r", "from": "e", "to": "h", "kind": "support", "by": ["ann"],
    ...                       "cites": [{"source": "s", "quote": "it\u2019s so"}]}]}
    >>> result = audit(doc, {"s": "Intro. Lee said it's so, twice. End."})
    >>> result.ok, result.steps["ann"][0].quotes[0].context
    (True, "Lee said it's so, twice.")
    >>> audit(doc, {"s": "Nothing here."}).errors
    ('relations[0].cites[0]: quote not found in s: "it\u2019s so"',)
    """
    names = {str(a.get("id")): str(a.get("name", "")) for a in doc.get("analysts") or [] if isinstance(a, Mapping)}
    texts = texts or {}
    errors: list[str] = []
    warnings: list[str] = []
    quotes: list[QuoteCheck] = []
    if texts:
        for i, s in enumerate(doc.get("sources") or []):
            if isinstance(s, Mapping) and not s.get("file"):
                warnings.append(f"sources[{i}] ({s.get('id')}): no file, so its quotes are not checked")

    def checked(section: str, i: int, item: Mapping[str, Any]) -> list[QuoteCheck]:
        out = []
        for j, cite in enumerate(item.get("cites") or []):
            q = _check(f"{section}[{i}].cites[{j}]", str(item.get("id")), cite, texts, names)
            if q.found is False:
                errors.append(f'{q.path}: quote not found in {q.source}: "{q.quote}"')
            out.append(q)
        return out

    for i, p in enumerate(doc.get("propositions") or []):
        if isinstance(p, Mapping):
            quotes += checked("propositions", i, p)

    relation_ids = {str(r.get("id")) for r in doc.get("relations") or [] if isinstance(r, Mapping)}
    steps: dict[str, list[Step]] = {a: [] for a in names}
    steps[""] = []
    for i, r in enumerate(doc.get("relations") or []):
        if not isinstance(r, Mapping):
            continue
        kind, by = str(r.get("kind")), _ids(r.get("by"))
        found = checked("relations", i, r)
        quotes += found
        target = str(r.get("to"))
        step = Step(str(r.get("id")), _ids(r.get("from")), kind, target, by, tuple(found), target in relation_ids)
        if not by:
            steps[""].append(step)
            if kind in ("support", "attack"):
                errors.append(f"relations[{i}] ({step.id}): {_article(kind)} {kind} with no analyst in `by`")
        for a in by:
            steps.setdefault(a, []).append(step)
        for q in found:
            if q.speakers and not set(q.speakers) & set(by):
                who = ", ".join(q.speakers)
                warnings.append(f"{q.path} ({step.id}): the context names {who} as speaker, not {', '.join(by) or '-'}")
    return Audit(
        map_id=str(doc.get("id", "")),
        quotes=tuple(quotes),
        steps={a: tuple(s) for a, s in steps.items() if s},
        names=names,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def source_texts(doc: Mapping[str, Any], folder: str | Path) -> dict[str, str | None]:
    """Read each source's ``file`` from ``folder``: source id -> text (``None`` without a file).

    Raises ``ArgmapError`` naming the source when its file is missing or unreadable.
    """
    root = Path(folder)
    if not root.is_dir():
        raise ArgmapError(f"--sources {folder}: not a folder")
    texts: dict[str, str | None] = {}
    for i, s in enumerate(doc.get("sources") or []):
        if not isinstance(s, Mapping):
            continue
        name = s.get("file")
        if not name:
            texts[str(s.get("id"))] = None
            continue
        path = root / str(name)
        try:
            texts[str(s.get("id"))] = path.read_text(encoding="utf-8")
        except OSError as err:
            raise ArgmapError(f"sources[{i}].file: cannot read {path}: {err.strerror or err}") from None
        except UnicodeError:
            raise ArgmapError(f"sources[{i}].file: cannot read {path}: not UTF-8 text") from None
    return texts


def report(result: Audit) -> str:
    """The audit as text: a summary, the errors and warnings, then each analyst's steps with their quotes.

    Examples
    --------
    >>> doc = {"id": "m", "analysts": [{"id": "ann", "name": "Ann Lee"}],
    ...        "relations": [{"id": "r", "from": ["a", "b"], "to": "h", "kind": "support", "by": ["ann"]}]}
    >>> print(report(audit(doc)))
    map m: 0 quotes, 0 found, 0 not found, 0 unchecked; 0 errors, 0 warnings
    <BLANKLINE>
    == Ann Lee (ann): 1 step
    r: a + b --support--> h
    """
    q = result.quotes
    lines = [
        f"map {result.map_id}: {len(q)} quotes, {sum(c.found is True for c in q)} found, "
        f"{sum(c.found is False for c in q)} not found, {sum(c.found is None for c in q)} unchecked; "
        f"{len(result.errors)} errors, {len(result.warnings)} warnings"
    ]
    lines += [f"error: {e}" for e in result.errors]
    lines += [f"warning: {w}" for w in result.warnings]
    for analyst, steps in sorted(result.steps.items(), key=lambda item: item[0] == ""):
        who = f"{result.names.get(analyst) or analyst} ({analyst})" if analyst else "no analyst"
        lines += ["", f"== {who}: {len(steps)} step{'s' if len(steps) != 1 else ''}"]
        for step in steps:
            kind = "undercut" if step.undercut else step.kind
            lines.append(f"{step.id}: {' + '.join(step.premises)} --{kind}--> {step.target}")
            for c in step.quotes:
                mark = {True: "", False: "  NOT FOUND", None: "  (unchecked)"}[c.found]
                lines.append(f'    [{c.source}] "{c.quote}"{mark}')
                if c.context and _flat(c.quote) != c.context:
                    lines.append(f"        in: {c.context}")
    return "\n".join(lines)
