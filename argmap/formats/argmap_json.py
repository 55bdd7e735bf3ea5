"""argmap's own documents: JSON and YAML in, JSON out (the document plus the scenario's labels)."""

from __future__ import annotations

import json

from argmap.document import loads
from argmap.formats._registry import reader, writer
from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation


@reader("json")
def read_json(text: str, name: str = "<map>") -> ArgumentMap:
    return loads(text, name, "json")


@reader("yaml")
def read_yaml(text: str, name: str = "<map>") -> ArgumentMap:
    return loads(text, name, "yaml")


@writer("json", "application/json", "json")
def write_json(evaluation: Evaluation) -> str:
    """The map document with ``labels``, ``rounds`` and ``scenario``; keys in schema order."""
    doc = evaluation.map.to_document()
    doc.update(evaluation.to_dict())
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
