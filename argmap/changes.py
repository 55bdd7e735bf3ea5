"""What an editor saves: a document whose sources may carry their full text, and what a save changed.

A source's ``text`` (the article, for picking quotes) is split off the document before it is checked
and kept apart: the public document, the model and every export never hold it. ``summary`` words a
version's changes as ``+2 propositions, -1 relation``. Imports document, model and errors; no flask.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from argmap.document import from_document
from argmap.errors import InvalidMap
from argmap.model import ArgumentMap

MAX_SOURCE_TEXT = 2_000_000  # characters of one source's text
SECTIONS = (("propositions", "proposition"), ("relations", "relation"), ("analysts", "analyst"), ("sources", "source"))
EMPTY = "propositions: the map has no propositions"
_SURROGATE = re.compile("[\ud800-\udfff]")

Texts = dict[str, str]


def split_texts(doc: Any) -> tuple[Any, dict[str, str | None], list[str]]:
    """The document without its sources' ``text``, those texts by source id, and the problems with them.

    A text of ``None`` or ``""`` asks to remove the source's stored text.

    Examples
    --------
    >>> doc = {"id": "m", "sources": [{"id": "s1", "title": "T", "text": "The whole article."}]}
    >>> split_texts(doc)
    ({'id': 'm', 'sources': [{'id': 's1', 'title': 'T'}]}, {'s1': 'The whole article.'}, [])
    >>> split_texts({"sources": [{"id": "s1", "title": "T", "text": 7}]})[2]
    ['sources[0].text: must be text, not a number']
    """
    if not isinstance(doc, Mapping) or not isinstance(doc.get("sources"), list):
        return doc, {}, []
    texts: dict[str, str | None] = {}
    found: list[str] = []
    sources: list[Any] = []
    for i, source in enumerate(doc["sources"]):
        if not isinstance(source, Mapping) or "text" not in source:
            sources.append(source)
            continue
        sources.append({k: v for k, v in source.items() if k != "text"})
        text, where = source["text"], f"sources[{i}].text"
        if text is not None and not isinstance(text, str):
            kind = "a number" if isinstance(text, int | float) else type(text).__name__
            found.append(f"{where}: must be text, not {'a list' if isinstance(text, list) else kind}")
        elif text is not None and len(text) > MAX_SOURCE_TEXT:
            found.append(f"{where}: {len(text)} characters; at most {MAX_SOURCE_TEXT}")
        elif text is not None and _SURROGATE.search(text):
            found.append(f"{where}: not valid Unicode text (a lone surrogate such as \\ud800)")
        elif isinstance(source.get("id"), str):
            texts[source["id"]] = text or None
    return {**doc, "sources": sources}, texts, found


def checked(doc: Any, map_id: str | None = None) -> tuple[ArgumentMap, dict[str, str | None]]:
    """The map an editor's document describes and its sources' texts, or InvalidMap with every problem.

    Problems start with their path (``relations[3].to: ...``); with ``map_id``, a document whose
    ``id`` differs is a problem too.

    Examples
    --------
    >>> doc = {"id": "m", "title": "T", "propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]}
    >>> checked(doc, "m")[0].title
    'T'
    >>> try:
    ...     checked({**doc, "relations": [{"id": "r1", "from": "e1", "to": "zz", "kind": "support"}]}, "other")
    ... except InvalidMap as err:
    ...     print(*err.messages, sep="\\n")
    id: 'm' is not this map's id 'other'; a map keeps its id (save a copy to change it)
    relations[0].to: no proposition 'zz'
    """
    public, texts, found = split_texts(doc)
    if map_id is not None and isinstance(doc, Mapping) and isinstance(doc.get("id"), str) and doc["id"] != map_id:
        found.insert(0, f"id: {_short(doc.get('id'))} is not this map's id {map_id!r}; a map keeps its id "
                     "(save a copy to change it)")  # fmt: skip
    try:
        m = from_document(public, "document")
    except InvalidMap as err:
        # A map being built starts empty: the editor may save it so (a file with no propositions is a mistake).
        problems = [p for p in (message.removeprefix("document: ") for message in err.messages) if p != EMPTY]
        if problems or found:
            raise InvalidMap(*found, *problems) from None
        start = {**public, "propositions": [{"id": "placeholder", "text": "-", "kind": "evidence"}]}
        m = dataclasses.replace(from_document(start, "document"), propositions={})
    if found:
        raise InvalidMap(*found)
    return m, texts


def merged(previous: Texts, given: Mapping[str, str | None], sources: Mapping[str, object]) -> Texts:
    """The texts to keep: the previous ones, changed by ``given`` (``None`` removes), of existing sources only.

    A source sent without a ``text`` keeps the one it had, so a client that never asked for the
    texts cannot wipe them by saving.

    Examples
    --------
    >>> merged({"s1": "old", "s2": "kept", "s3": "gone"}, {"s1": "new", "s2": None}, {"s1": 1, "s2": 1})
    {'s1': 'new'}
    """
    out = {sid: text for sid, text in previous.items() if sid in sources}
    for sid, text in given.items():
        if text is None:
            out.pop(sid, None)
        elif sid in sources:
            out[sid] = text
    return out


def with_texts(doc: dict[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """The document with each source's stored text as its ``text`` field (for the editor only).

    Examples
    --------
    >>> with_texts({"id": "m", "sources": [{"id": "s1", "title": "T"}, {"id": "s2", "title": "U"}]}, {"s2": "Article"})
    {'id': 'm', 'sources': [{'id': 's1', 'title': 'T'}, {'id': 's2', 'title': 'U', 'text': 'Article'}]}
    """
    if not texts:
        return doc
    sources = [{**s, "text": texts[s["id"]]} if s.get("id") in texts else s for s in doc.get("sources", [])]
    return {**doc, "sources": sources}


def summary(
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    texts_before: Texts | None = None,
    texts_after: Texts | None = None,
) -> str:
    """What changed from one version to the next, in words (added, removed, edited records; fields).

    Examples
    --------
    >>> old = {"title": "T", "propositions": [{"id": "e1"}, {"id": "h1"}], "relations": [{"id": "r1"}]}
    >>> new = {"title": "T2", "propositions": [{"id": "e1"}, {"id": "h1", "text": "x"}, {"id": "e2"}, {"id": "e3"}]}
    >>> summary(old, new)
    '+2 propositions, 1 proposition edited, -1 relation, title edited'
    >>> summary(None, new), summary(new, new)
    ('+4 propositions', 'no changes')
    """
    before = before or {}
    texts_before, texts_after = texts_before or {}, texts_after or {}
    parts: list[str] = []
    for section, noun in SECTIONS:
        old, new = _by_id(before.get(section)), _by_id(after.get(section))
        added = sum(1 for k in new if k not in old)
        removed = sum(1 for k in old if k not in new)
        edited = sum(
            1
            for k in new
            if k in old and (old[k] != new[k] or (section == "sources" and texts_before.get(k) != texts_after.get(k)))
        )
        parts += [f"+{added} {_plural(noun, added)}"] * bool(added)
        parts += [f"{edited} {_plural(noun, edited)} edited"] * bool(edited)
        parts += [f"-{removed} {_plural(noun, removed)}"] * bool(removed)
    for field in ("id", "title", "question", "description"):
        if before and (before.get(field) or "") != (after.get(field) or ""):
            parts.append(f"{field} edited")
    if not parts and before and any(before.get(s) != after.get(s) for s, _ in SECTIONS):
        parts.append("reordered")
    return ", ".join(parts) or "no changes"


def _by_id(items: Any) -> dict[str, Any]:
    if not isinstance(items, list):
        return {}
    return {str(item["id"]): item for item in items if isinstance(item, Mapping) and "id" in item}


def _plural(noun: str, n: int) -> str:
    return noun if n == 1 else noun + "s"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
