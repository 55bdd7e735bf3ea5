"""Readers and writers of maps and frameworks, by the names users type. Importing registers them all."""

from __future__ import annotations

from argmap.formats import (  # noqa: F401 - registers the formats
    aif,
    aif_reader,
    argmap_json,
    dot,
    graphml,
    html,
    iccma,
    iccma_export,
    svg,
)
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
from argmap.sniffing import FRAMEWORK_SUFFIXES

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
