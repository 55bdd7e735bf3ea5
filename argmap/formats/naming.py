"""Names for imported things: argmap ids from foreign ids and file names, short labels from long texts.

Shared by the importers (AIF, ICCMA) and the ICCMA writers. Imports only ``model``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from argmap.model import is_valid_id

MAX_ID = 64
LABEL_CHARS = 60
_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def sanitise_id(raw: str, prefix: str = "") -> str:
    """An id of the pattern ``[a-z0-9][a-z0-9_-]{0,63}`` made from ``prefix + raw`` ('' if nothing usable).

    Examples
    --------
    >>> sanitise_id("277", "i"), sanitise_id("Ann O'Hara"), sanitise_id("--"), sanitise_id("x_"), sanitise_id("x" * 70)
    ('i277', 'ann-o-hara', '', 'x_', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')
    """
    wanted = (prefix + raw).lower()
    if is_valid_id(wanted):
        return wanted
    cleaned = _NOT_ID.sub("-", wanted).strip("-_")
    return cleaned[:MAX_ID].rstrip("-_")


def unique(candidate: str, used: set[str], fallback: str = "x") -> str:
    """``candidate`` (or ``fallback`` if empty), suffixed ``-2``, ``-3``, ... until not in ``used``; then used.

    Examples
    --------
    >>> used = {"a"}
    >>> unique("a", used), unique("a", used), unique("", used)
    ('a-2', 'a-3', 'x')
    """
    base = candidate or fallback
    found, n = base, 1
    while found in used or not is_valid_id(found):
        n += 1
        suffix = f"-{n}"
        found = base[: MAX_ID - len(suffix)] + suffix
    used.add(found)
    return found


def map_id_from_name(name: str) -> str:
    """A map id from a file name: its stem without ``.json``/``.aif``/... suffixes, sanitised ('' if none).

    Examples
    --------
    >>> map_id_from_name("uploads/Nodeset 12.aif.json"), map_id_from_name("<map>")
    ('nodeset-12', '')
    """
    if name.startswith("<") and name.endswith(">"):
        return ""
    stem = PurePath(name).name
    while True:
        head, dot, ext = stem.rpartition(".")
        if not dot or ext.lower() not in {"json", "aif", "yaml", "yml", "af", "i23", "tgf", "apx", "txt"}:
            break
        stem = head
    return sanitise_id(stem)


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (ending with an ellipsis).

    Examples
    --------
    >>> shorten("All the Member States in the European Union are signatories to the ECHR", 40)
    'All the Member States in the European…'
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
