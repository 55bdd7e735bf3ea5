"""Map files of any registered format: reading one from disk, and the document text to save one as.

``load_any`` is what the commands use to open a map, so ``argmap solve nodeset12.json`` reads AIF as
readily as ``argmap solve map.yaml`` reads argmap's own documents; ``argmap.load`` is this reader.
Imports document, model, errors and the registry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from argmap.document import parse_text, read_text
from argmap.formats._registry import detect, read
from argmap.formats.aif_reader import import_aif
from argmap.model import ArgumentMap

DOCUMENT_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True)
class Imported:
    """A map read from a file, the format it was read as, and what the reader had to skip or change."""

    map: ArgumentMap
    fmt: str
    warnings: tuple[str, ...] = ()


def import_file(path: str | Path, fmt: str | None = None, *, strict: bool = False) -> Imported:
    """Read a map file in format ``fmt``, or in the format its name and text show.

    The content decides first (AIF JSON, an ICCMA ``p af`` header, ASPARTIX facts, TGF), the suffix
    second; anything else is an argmap document, YAML or JSON. ``strict``: refuse an AIF file over
    nodes that the reader would otherwise skip with a warning.
    """
    return import_text(read_text(path), str(path), fmt, strict=strict)


def import_text(text: str, name: str = "<map>", fmt: str | None = None, *, strict: bool = False) -> Imported:
    """Read a map given as text in format ``fmt``, or in the format its name and text show.

    Examples
    --------
    >>> aif = '''{"nodes": [{"nodeID": "1", "text": "It rained", "type": "I"},
    ...   {"nodeID": "2", "text": "RA", "type": "RA"}], "edges": [{"fromID": "1", "toID": "2"}]}'''
    >>> found = import_text(aif, "wet.json")
    >>> found.fmt, list(found.map.propositions)
    ('aif', ['i1'])
    >>> print(*found.warnings)
    nodes[1]: RA node '2' has no conclusion (no edge from it to an I-node or an RA/CA/MA node); skipped
    """
    if fmt is None:
        fmt = detect(text, name)
    if fmt == "aif":
        found = import_aif(text, name, strict=strict)
        return Imported(found.map, fmt, found.warnings)
    return Imported(read(fmt, text, name), fmt)


def load_any(path: str | Path, fmt: str | None = None) -> ArgumentMap:
    """Read a map file in any registered format (argmap YAML/JSON, AIF JSON, ICCMA frameworks).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "two.tgf"
    >>> _ = path.write_text("a\\nb\\n#\\na b\\n")
    >>> m = load_any(path)
    >>> m.id, list(m.propositions)
    ('two', ['a', 'b'])
    """
    return import_file(path, fmt).map


def document_text(m: ArgumentMap, fmt: str) -> str:
    """The map's document as argmap JSON (``json``) or YAML (``yaml``), keys in schema order."""
    doc = m.to_document()
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    if parse_text(text, "<map>", "yaml") != doc:
        # PyYAML writes some characters (NEL, LS, PS) raw that its reader takes for line breaks.
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=False, width=100)
    return text
