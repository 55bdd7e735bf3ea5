"""Reading map documents (YAML or JSON, one schema) into an ArgumentMap, reporting every problem.

``parse_text`` turns text into plain data, ``problems`` lists what is wrong with that data (one line
each, with its path such as ``relations[12].to``), and ``from_document`` builds the map or raises
``InvalidMap`` with all of them, so nothing half-loaded exists. Imports model and errors only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import FormatError, InvalidMap
from argmap.model import (
    Analyst,
    ArgumentMap,
    Cite,
    NodeKind,
    Proposition,
    Relation,
    RelationKind,
    Source,
    is_valid_id,
)

MAX_QUOTE_WORDS = 25
MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 10_000

_TOP = {"id", "title", "question", "description", "analysts", "sources", "propositions", "relations"}
# Keys an export adds; a re-imported export is a valid map.
_EXPORT_EXTRAS = {"labels", "rounds", "inferences", "scenario", "argmap"}
_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    "analysts": ({"id", "name"}, {"affiliation", "description"}),
    "sources": ({"id", "title"}, {"outlet", "author", "date", "url", "file"}),
    "propositions": ({"id", "text", "kind"}, {"label", "asserted_by", "cites"}),
    "relations": ({"id", "from", "to", "kind"}, {"by", "cites", "note"}),
}
_SAFE_URL_SCHEMES = ("http://", "https://")
# JSON's \ud800 escapes decode to lone surrogates: not text, and no UTF-8 file can hold them.
_SURROGATE = re.compile("[\ud800-\udfff]")


# libyaml's loader when PyYAML has it (ten times faster on the shipped map), else the pure-Python one.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader whose dates stay the strings their authors wrote and whose errors carry a line."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # PyYAML's scalar constructors raise bare ValueError/KeyError/... on values such as
        # `!!int abc`, `!!timestamp 2001-13-45` or a 5,000-digit number: report them like syntax errors.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            what = f"cannot read {_show(node.value)} as {node.tag.rsplit(':', 1)[-1]}"
            raise yaml.constructor.ConstructorError(None, None, what, node.start_mark) from None


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


MAX_DEPTH = 64


def _check_structure(text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before anything is composed.

    Aliases (``*name``) share objects, so a small file can stand for an exponentially large
    document (an anchor bomb), and libyaml composes nested nodes recursively; argmap maps need
    neither. libyaml's event parser keeps its own stack, so this scan is safe on any input.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Base):
        problem = None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problem = f"nested too deeply (over {MAX_DEPTH} levels)"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            problem = "aliases (*name) are not allowed in argmap maps"
        if problem:
            mark: Any = event.start_mark
            raise yaml.MarkedYAMLError(None, None, problem, mark)


def parse_text(text: str, name: str = "<map>", fmt: str | None = None) -> Any:
    """Parse a YAML or JSON document into plain data; errors name the file and line."""
    if not text.strip():
        raise FormatError(f"{name}: the file is empty; expected a map document (id, title, propositions, ...)")
    if len(text) > MAX_BYTES:
        raise FormatError(f"{name}: the file is {len(text)} bytes; the limit is {MAX_BYTES}")
    if fmt is None:
        fmt = "json" if name.lower().endswith(".json") or text.lstrip().startswith(("{", "[")) else "yaml"
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise FormatError(f"{name}: line {err.lineno} column {err.colno}: invalid JSON: {err.msg}") from None
        except RecursionError:
            raise FormatError(f"{name}: the JSON is nested too deeply") from None
        except ValueError:  # a number longer than Python's int limit (4300 digits)
            raise FormatError(f"{name}: invalid JSON: a number is too long to read") from None
    try:
        _check_structure(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeConstructor loader
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1} column {mark.column + 1}: " if mark else ""
        what = " ".join((err.problem or err.context or "invalid YAML").split())
        raise FormatError(f"{name}: {where}invalid YAML: {what}") from None
    except yaml.YAMLError as err:  # e.g. a NUL byte: PyYAML's message spans two lines
        raise FormatError(f"{name}: invalid YAML: {' '.join(str(err).split())}") from None
    except RecursionError:
        raise FormatError(f"{name}: the YAML is nested too deeply") from None
    except UnicodeError:  # libyaml reads UTF-8: a lone surrogate cannot be encoded
        raise FormatError(f"{name}: invalid YAML: the text is not valid Unicode (a lone surrogate)") from None


def problems(doc: Any) -> list[str]:
    """Every problem with a map document, one ``path: what is wrong`` line each (empty if valid)."""
    if not isinstance(doc, Mapping):
        return [f"the document must be a mapping with id, title and propositions, not {_type(doc)}"]
    out: list[str] = []
    for key in doc:
        if key not in _TOP and key not in _EXPORT_EXTRAS:
            out.append(f"{_field(key)}: unknown field; expected one of {', '.join(sorted(_TOP))}")
    if not is_valid_id(doc.get("id")):
        out.append(_id_problem("id", doc.get("id")))
    for key, needed in (("title", True), ("question", False), ("description", False)):
        _check_text(doc, key, key, needed, out)

    ids: dict[str, set[str]] = {}
    for section, (required, optional) in _FIELDS.items():
        ids[section] = set()
        items = doc.get(section, [])
        if items is None:
            items = []
        if not isinstance(items, list):
            out.append(f"{section}: must be a list, not {_type(items)}")
            continue
        for i, item in enumerate(items):
            path = f"{section}[{i}]"
            if not isinstance(item, Mapping):
                out.append(f"{path}: must be a mapping, not {_type(item)}")
                continue
            for key in item:
                if key not in required and key not in optional:
                    allowed = ", ".join(sorted(required | optional))
                    out.append(f"{path}.{_field(key)}: unknown field; expected one of {allowed}")
            for key in sorted(required - set(item)):
                out.append(f"{path}.{key}: missing (required)")
            item_id = item.get("id")
            if "id" in item:
                if not is_valid_id(item_id):
                    out.append(_id_problem(f"{path}.id", item_id))
                elif str(item_id) in ids[section]:
                    out.append(f"{path}.id: duplicate id {item_id!r} in {section}")
                else:
                    ids[section].add(str(item_id))
            for key in (required | optional) - {"id", "asserted_by", "cites", "by", "kind", "from", "to"}:
                if key in item:
                    _check_text(item, key, f"{path}.{key}", True, out)
            if section == "sources" and isinstance(item.get("url"), str):
                if not item["url"].lower().startswith(_SAFE_URL_SCHEMES):
                    out.append(f"{path}.url: must start with http:// or https://, got {item['url'][:40]!r}")
    for rid in sorted(ids["propositions"] & ids["relations"]):
        out.append(f"relations: id {rid!r} is used by a proposition and a relation; they share one namespace")
    if not doc.get("propositions") and isinstance(doc.get("propositions", []), list | None):
        out.append("propositions: the map has no propositions")

    for i, item in enumerate(_mappings(doc, "propositions")):
        path = f"propositions[{i}]"
        kind = item.get("kind")
        if "kind" in item and kind not in NodeKind.__members__.values():
            out.append(f"{path}.kind: unknown kind {_show(kind)}; expected evidence, claim or hypothesis")
        _check_refs(item, "asserted_by", path, ids["analysts"], "analyst", out)
        _check_cites(item, path, ids["sources"], out)
    _check_relations(doc, ids, out)
    return out


def _check_relations(doc: Mapping[str, Any], ids: dict[str, set[str]], out: list[str]) -> None:
    """The three shapes (DESIGN §1): premises, targets (a proposition, or a relation for an undercut)."""
    props = ids["propositions"]
    kind_of = {
        item.get("id"): item.get("kind") for item in _mappings(doc, "relations") if isinstance(item.get("id"), str)
    }
    for i, item in enumerate(_mappings(doc, "relations")):
        path = f"relations[{i}]"
        kind = item.get("kind")
        if "kind" in item and kind not in RelationKind.__members__.values():
            out.append(f"{path}.kind: unknown kind {_show(kind)}; expected support, attack or excludes")
        premises = _check_premises(item, path, kind, props, kind_of, out)
        _check_target(item, path, kind, premises, props, kind_of, out)
        _check_refs(item, "by", path, ids["analysts"], "analyst", out)
        _check_cites(item, path, ids["sources"], out)


def _check_premises(
    item: Mapping[str, Any], path: str, kind: object, props: set[str], kind_of: Mapping[Any, Any], out: list[str]
) -> list[str]:
    """The premises named by ``from`` (one id or a list of distinct ids), every problem reported."""
    if "from" not in item:
        return []
    frm = item["from"]
    if isinstance(frm, str):
        named = [(f"{path}.from", frm)]
    elif isinstance(frm, list):
        if kind == "excludes":
            out.append(f"{path}.from: an excludes joins two single propositions; give one id, not a list")
        if not frm:
            out.append(f"{path}.from: an empty list; give one proposition id or a list of several")
        named = []
        for j, ref in enumerate(frm):
            if not isinstance(ref, str):
                out.append(f"{path}.from[{j}]: must be a proposition id, not {_type(ref)}")
            elif any(ref == seen for _, seen in named):
                out.append(f"{path}.from[{j}]: {_show(ref)} is listed twice; premises are distinct")
            else:
                named.append((f"{path}.from[{j}]", ref))
    else:
        out.append(f"{path}.from: must be a proposition id or a list of them, not {_type(frm)}")
        return []
    premises = []
    for where, ref in named:
        if ref in props:
            premises.append(ref)
        elif ref in kind_of:
            out.append(f"{where}: {_show(ref)} is a relation; premises are propositions")
        else:
            out.append(f"{where}: no proposition {_show(ref)}")
    return premises


def _check_target(
    item: Mapping[str, Any],
    path: str,
    kind: object,
    premises: list[str],
    props: set[str],
    kind_of: Mapping[Any, Any],
    out: list[str],
) -> None:
    """``to``: a proposition; for an attack, a relation too (an undercut), never an excludes or itself."""
    if "to" not in item:
        return
    to = item["to"]
    if not isinstance(to, str):
        out.append(f"{path}.to: must be a proposition id (or, for an attack, a relation id), not {_type(to)}")
        return
    if to in kind_of and to not in props:
        if kind == "support":
            out.append(
                f"{path}.to: {_show(to)} is a relation; a support ends on a proposition (an attack can undercut)"
            )
        elif kind == "excludes":
            out.append(f"{path}.to: {_show(to)} is a relation; an excludes joins two propositions")
        elif kind_of[to] == "excludes":
            out.append(f"{path}.to: {_show(to)} is an excludes, which cannot be undercut")
        elif to == item.get("id"):
            out.append(f"{path}.to: a relation cannot undercut itself")
    elif to not in props:
        what = "proposition or relation" if kind == "attack" else "proposition"
        out.append(f"{path}.to: no {what} {_show(to)}")
    elif to in premises and (kind != "attack" or len(premises) > 1):
        # A lone premise attacking itself is a self-defeating argument, as in Dung frameworks.
        out.append(f"{path}.to: {_show(to)} is also a premise; a step cannot lead from a proposition to itself")


def from_document(doc: Any, name: str = "<map>") -> ArgumentMap:
    """Build an ArgumentMap from plain data, or raise InvalidMap listing every problem."""
    found = problems(doc)
    if found:
        raise InvalidMap(*(f"{name}: {p}" for p in found))
    return ArgumentMap(
        id=doc["id"],
        title=doc["title"],
        question=doc.get("question") or "",
        description=doc.get("description") or None,
        analysts={
            a["id"]: Analyst(a["id"], a["name"], a.get("affiliation"), a.get("description"))
            for a in doc.get("analysts") or []
        },
        sources={
            s["id"]: Source(
                s["id"], s["title"], s.get("outlet"), s.get("author"), s.get("date"), s.get("url"), s.get("file")
            )
            for s in doc.get("sources") or []
        },
        propositions={
            p["id"]: Proposition(
                p["id"],
                p["text"],
                NodeKind(p["kind"]),
                p.get("label"),
                tuple(p.get("asserted_by") or ()),
                _cites(p),
            )
            for p in doc["propositions"]
        },
        relations={
            r["id"]: Relation(
                r["id"],
                (r["from"],) if isinstance(r["from"], str) else tuple(r["from"]),
                r["to"],
                RelationKind(r["kind"]),
                tuple(r.get("by") or ()),
                _cites(r),
                r.get("note"),
            )
            for r in doc.get("relations") or []
        },
    )


def loads(text: str, name: str = "<map>", fmt: str | None = None) -> ArgumentMap:
    """Parse and check a map document given as text."""
    return from_document(parse_text(text, name, fmt), name)


def read_text(path: str | Path) -> str:
    """The UTF-8 text of a file (a BOM is dropped), or FormatError naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FormatError(f"{path}: is a directory, not a map file") from None
    except OSError as err:
        raise FormatError(f"{path}: cannot read: {err.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FormatError(f"{path}: not UTF-8 text (byte {err.start})") from None


def load(path: str | Path) -> ArgumentMap:
    """Read a map file (``.yaml``, ``.yml`` or ``.json``); any problem raises an ArgmapError naming it.

    Examples
    --------
    >>> m = load("seeds/kremlin-drone-2023.yaml")
    >>> m.id
    'kremlin-drone-2023'
    """
    path = Path(path)
    text = read_text(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml" if path.suffix.lower() in (".yaml", ".yml") else None
    return loads(text, str(path), fmt)


def _mappings(doc: Mapping[str, Any], section: str) -> list[Mapping[str, Any]]:
    items = doc.get(section)
    return [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []


def _check_text(item: Mapping[str, Any], key: str, path: str, required: bool, out: list[str]) -> None:
    value = item.get(key)
    if value is None:
        if required and key in item:
            out.append(f"{path}: must be text, not empty")
        elif required and key == "title":
            out.append(f"{path}: missing (required)")
        return
    if not isinstance(value, str):
        out.append(f"{path}: must be text, not {_type(value)}")
    elif len(value) > MAX_TEXT:
        out.append(f"{path}: {len(value)} characters; at most {MAX_TEXT}")
    elif _SURROGATE.search(value):
        out.append(f"{path}: not valid Unicode text (a lone surrogate such as \\ud800)")
    elif required and not value.strip() and key in ("text", "title", "name", "quote"):
        out.append(f"{path}: must not be empty")


def _check_refs(item: Mapping[str, Any], key: str, path: str, known: set[str], what: str, out: list[str]) -> None:
    refs = item.get(key)
    if refs is None:
        return
    if not isinstance(refs, list):
        out.append(f"{path}.{key}: must be a list of {what} ids, not {_type(refs)}")
        return
    for j, ref in enumerate(refs):
        if not isinstance(ref, str):
            out.append(f"{path}.{key}[{j}]: must be an {what} id, not {_type(ref)}")
        elif ref not in known:
            out.append(f"{path}.{key}[{j}]: no {what} {_show(ref)}")


def _check_cites(item: Mapping[str, Any], path: str, sources: set[str], out: list[str]) -> None:
    cites = item.get("cites")
    if cites is None:
        return
    if not isinstance(cites, list):
        out.append(f"{path}.cites: must be a list of {{source, quote}}, not {_type(cites)}")
        return
    for j, cite in enumerate(cites):
        where = f"{path}.cites[{j}]"
        if not isinstance(cite, Mapping):
            out.append(f"{where}: must be a mapping with source and quote, not {_type(cite)}")
            continue
        for key in cite:
            if key not in ("source", "quote"):
                out.append(f"{where}.{_field(key)}: unknown field; expected source, quote")
        source = cite.get("source")
        if not isinstance(source, str):
            out.append(f"{where}.source: {'missing (required)' if source is None else 'must be a source id'}")
        elif source not in sources:
            out.append(f"{where}.source: no source {_show(source)}")
        quote = cite.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            out.append(f"{where}.quote: {'missing (required)' if quote is None else 'must be non-empty text'}")
        elif len(quote) > MAX_TEXT:
            out.append(f"{where}.quote: {len(quote)} characters; at most {MAX_TEXT}")
        elif _SURROGATE.search(quote):
            out.append(f"{where}.quote: not valid Unicode text (a lone surrogate such as \\ud800)")
        elif len(quote.split()) > MAX_QUOTE_WORDS:
            out.append(
                f"{where}.quote: {len(quote.split())} words; quotes are provenance, at most {MAX_QUOTE_WORDS} words"
            )


def _cites(item: Mapping[str, Any]) -> tuple[Cite, ...]:
    return tuple(Cite(c["source"], c["quote"]) for c in item.get("cites") or [])


def _id_problem(path: str, value: object) -> str:
    if value is None:
        return f"{path}: missing (required)"
    if not isinstance(value, str):
        return f"{path}: must be a text id like 'e1', not {_type(value)} {_show(value)}"
    return f"{path}: {value[:70]!r} is not a valid id; use 1-64 of a-z, 0-9, _ and -, starting with a letter or digit"


def _show(value: object, most: int = 60) -> str:
    """A value as a short one-line repr: messages quote what a user wrote, never megabytes of it."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4300-digit str limit
        return "too long to show"
    return text if len(text) <= most else text[: most - 3] + "..."


def _field(key: object) -> str:
    """A mapping key as written when it is a plain short name, else its short repr."""
    return key if isinstance(key, str) and key.isprintable() and len(key) <= 60 else _show(key)


def _type(value: object) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
