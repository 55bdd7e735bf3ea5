"""ICCMA's plain Dung frameworks in: ``p af N`` (.af/.i23), trivial graph format (.tgf), ASPARTIX (.apx).

Framework readers report the line of the first problem; arguments keep file order. The same files
also read as maps (``read("tgf", ...)``, ``argmap import x.tgf``): see ``framework_map``. Writing
compiled frameworks lives in ``iccma_export``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from argmap.document import from_document
from argmap.errors import FormatError
from argmap.formats._registry import Dung, framework_reader, reader, sniffer
from argmap.formats.naming import map_id_from_name, sanitise_id, unique
from argmap.model import ArgumentMap
from argmap.sniffing import framework_format

MAX_ARGUMENTS = 10_000_000  # a framework file claiming more is refused before anything is allocated
MAX_MAP_ARGUMENTS = 100_000  # read as a map, each argument becomes a proposition
_NUMBER = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() takes '²' too


@framework_reader("af", "i23", "iccma")
def read_i23(text: str, name: str = "<framework>") -> Dung:
    """ICCMA 2023: a ``p af N`` header, then one ``i j`` attack per line; ``#`` lines are comments."""
    n: int | None = None
    attacks: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if n is None:
            if len(parts) != 3 or parts[:2] != ["p", "af"] or not _NUMBER.fullmatch(parts[2]):
                raise FormatError(f"{name}: line {lineno}: expected the header 'p af N', got {line[:40]!r}")
            n = int(parts[2])
            if n > MAX_ARGUMENTS:
                raise FormatError(f"{name}: line {lineno}: {n} arguments; at most {MAX_ARGUMENTS} are read")
            continue
        if len(parts) != 2 or not all(_NUMBER.fullmatch(p) and 1 <= int(p) <= n for p in parts):
            raise FormatError(f"{name}: line {lineno}: expected two argument numbers in 1..{n}, got {line[:40]!r}")
        attacks.append((str(int(parts[0])), str(int(parts[1]))))  # "01" names argument 1
    if n is None:
        raise FormatError(f"{name}: no 'p af N' header; is this an ICCMA .af/.i23 file?")
    return Dung([str(i) for i in range(1, n + 1)], attacks)


@framework_reader("tgf")
def read_tgf(text: str, name: str = "<framework>") -> Dung:
    """Trivial graph format: argument names, a ``#`` line, then ``a b`` attacks."""
    arguments: list[str] = []
    attacks: list[tuple[str, str]] = []
    seen: set[str] = set()
    in_edges = False
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line == "#":
            if in_edges:
                raise FormatError(f"{name}: line {lineno}: a second '#' separator")
            in_edges = True
            continue
        parts = line.split()
        if not in_edges:
            if parts[0] not in seen:
                seen.add(parts[0])
                arguments.append(parts[0])
            continue
        if len(parts) < 2:
            raise FormatError(f"{name}: line {lineno}: expected an attack 'a b', got {line[:40]!r}")
        for arg in parts[:2]:
            if arg not in seen:
                raise FormatError(f"{name}: line {lineno}: attack names {arg!r}, which is not declared above '#'")
        attacks.append((parts[0], parts[1]))
    if not in_edges and not arguments:
        raise FormatError(f"{name}: empty framework; expected argument names, '#', then attacks")
    return Dung(arguments, attacks)


_APX = re.compile(r"(arg|att)\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.")


@framework_reader("apx")
def read_apx(text: str, name: str = "<framework>") -> Dung:
    """ASPARTIX facts: ``arg(a).`` and ``att(a,b).``, ``%`` comments."""
    arguments: list[str] = []
    seen: set[str] = set()
    attacks: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("%", 1)[0].strip()
        pos = 0
        while pos < len(line):
            match = _APX.match(line, pos)
            if match is None:
                raise FormatError(f"{name}: line {lineno}: expected arg(a). or att(a,b)., got {line[pos : pos + 40]!r}")
            kind, a, b = match.groups()
            if kind == "arg":
                if b is not None:
                    raise FormatError(f"{name}: line {lineno}: arg/1 takes one argument, got {match.group(0)!r}")
                if a not in seen:
                    seen.add(a)
                    arguments.append(a)
            else:
                if b is None:
                    raise FormatError(f"{name}: line {lineno}: att/2 takes two arguments, got {match.group(0)!r}")
                attacks.append((a, b))
            pos = match.end()
            while pos < len(line) and line[pos].isspace():
                pos += 1
    for a, b in attacks:
        for arg in (a, b):
            if arg not in seen:
                raise FormatError(f"{name}: att({a},{b}) names {arg!r}, which has no arg({arg}).")
    return Dung(arguments, attacks)  # no facts at all is the empty framework, as p af 0 and a lone '#' are


# -- ICCMA files as maps: every argument an evidence item, every attack an attack ----------------------


def framework_map(dung: Dung, name: str, prefix: str = "") -> ArgumentMap:
    """A map of a plain framework: each argument an ``evidence`` proposition, each attack an attack.

    Evidence needs no support under the evidential reading, so the map's labels are exactly the
    framework's grounded labelling under every reading. Ids are the argument names made into ids
    (``prefix`` + name: ``a1`` for i23's numbers); the text keeps the name as written.

    Examples
    --------
    >>> m = framework_map(read_tgf("a\\nb\\n#\\na b\\n"), "two.tgf")
    >>> m.id, [(r.premises[0], r.target, str(r.kind)) for r in m.relations.values()]
    ('two', [('a', 'b', 'attack')])
    """
    if len(dung.arguments) > MAX_MAP_ARGUMENTS:
        raise FormatError(
            f"{name}: {len(dung.arguments)} arguments; a map holds at most {MAX_MAP_ARGUMENTS} "
            "(argmap solve reads bigger frameworks)"
        )
    used: set[str] = set()
    ids = {arg: unique(sanitise_id(arg, prefix), used, "a") for arg in dung.arguments}
    attacks = list(dict.fromkeys(dung.attacks))
    map_id = map_id_from_name(name) or "framework"
    doc = {
        "id": map_id,
        "title": f"{map_id}: {len(dung.arguments)} arguments, {len(attacks)} attacks",
        "question": "",
        "description": f"A plain Dung framework read from {PurePath(name).name}; every argument is evidence.",
        "propositions": [{"id": ids[a], "text": f"Argument {a}", "kind": "evidence"} for a in dung.arguments],
        "relations": [
            {"id": f"r{k}", "from": ids[a], "to": ids[b], "kind": "attack"} for k, (a, b) in enumerate(attacks, 1)
        ],
    }
    return from_document(doc, name)


@reader("i23")
@reader("af")
def read_i23_map(text: str, name: str = "<map>") -> ArgumentMap:
    return framework_map(read_i23(text, name), name, "a")


@reader("tgf")
def read_tgf_map(text: str, name: str = "<map>") -> ArgumentMap:
    return framework_map(read_tgf(text, name), name)


@reader("apx")
def read_apx_map(text: str, name: str = "<map>") -> ArgumentMap:
    return framework_map(read_apx(text, name), name)


@sniffer
def sniff_iccma(text: str, name: str) -> str | None:
    """A framework format by content (``p af N`` header, ``arg(`` fact, TGF's ``#``), else by file suffix."""
    return framework_format(text, name)
