"""Readers and writers of maps and frameworks, by the names users type. Importing registers them all."""

from __future__ import annotations

from argmap.formats import aif, aif_reader, argmap_json, dot, graphml, iccma, iccma_export  # noqa: F401 - registers the formats
from argmap.formats._registry import (
    FRAMEWORK_READERS,
    READERS,
    WRITERS,
    Dung,
    detect,
    read,
    read_any,
    read_framework,
    write,
    writer_for,
)
from argmap.formats.files import DOCUMENT_SUFFIXES, Imported, document_text, import_file, import_text, load_any

FRAMEWORK_SUFFIXES = {".af": "af", ".i23": "i23", ".tgf": "tgf", ".apx": "apx"}

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FRAMEWORK_READERS",
    "FRAMEWORK_SUFFIXES",
    "READERS",
    "WRITERS",
    "Dung",
    "Imported",
    "detect",
    "document_text",
    "import_file",
    "import_text",
    "load_any",
    "read",
    "read_any",
    "read_framework",
    "write",
    "writer_for",
]
