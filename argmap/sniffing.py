"""Telling ICCMA's framework formats apart by their content, then by their file suffix.

Shared by the format registry (``argmap.formats``) and the fast solver (``argmap solve``), so it
imports nothing beyond the standard library: ``argmap solve FILE`` decides without loading networkx.
"""

from __future__ import annotations

from itertools import islice
from pathlib import PurePath

FRAMEWORK_SUFFIXES = {".af": "af", ".i23": "i23", ".tgf": "tgf", ".apx": "apx"}
HEAD = 64 * 1024  # characters looked at: a header or a first fact is near the top
_TGF_LINES = 200


def framework_format(text: str, name: str = "") -> str | None:
    """The ICCMA format of ``text`` (named ``name``): ``i23``/``af``, ``apx``, ``tgf``, or None.

    Content decides first: a ``p af N`` header is ICCMA 2023 whatever the suffix, an ``arg(`` or
    ``att(`` fact ASPARTIX. Then the suffix (``.af``, ``.i23``, ``.tgf``, ``.apx``); last, unless
    named as an argmap document (``.yaml``, ``.yml``, ``.json``), a text of bare names, a ``#`` line
    and pairs of names is TGF.

    Examples
    --------
    >>> framework_format("# made by argmap\\np af 3\\n1 2\\n", "x.iccma")
    'i23'
    >>> framework_format("p af 3\\n", "x.af"), framework_format("arg(a).\\natt(a,a).\\n", "x.txt")
    ('af', 'apx')
    >>> framework_format("a\\nb\\n#\\na b\\n"), framework_format("id: m\\ntitle: T\\n", "m.yaml")
    ('tgf', None)
    """
    head = text[:HEAD]
    by_suffix = FRAMEWORK_SUFFIXES.get(PurePath(name).suffix.lower())
    lines = (line.strip() for line in head.splitlines())
    first = next((line for line in lines if line and line[0] not in "#%"), "")
    if first.split()[:2] == ["p", "af"]:
        return by_suffix if by_suffix in ("af", "i23") else "i23"
    if first.startswith(("arg(", "att(")):
        return "apx"
    if by_suffix is not None:
        return by_suffix
    document = PurePath(name).suffix.lower() in (".yaml", ".yml", ".json")
    return "tgf" if not document and _looks_like_tgf(head) else None


def _looks_like_tgf(head: str) -> bool:
    """Names (a token, maybe a label) up to a ``#`` line, then pairs: nothing a map document starts with."""
    names = 0
    for raw in islice(head.splitlines(), _TGF_LINES):
        line = raw.strip()
        if not line:
            continue
        if line == "#":
            return names > 0
        token = line.split()[0]
        if ":" in token or token[0] in "#{[-\"'!&*%@`|>":
            return False
        names += 1
    return False
