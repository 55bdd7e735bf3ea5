"""``argmap.load`` and ``argmap.loads``: one reader for every format argmap reads.

argmap's own documents (YAML or JSON), AIF JSON (AIFdb nodesets, OVA3) and ICCMA frameworks
(``p af N``, TGF, ASPARTIX) are told apart by their content first and their name second. The
format registry (and with it networkx) is imported on the first call, not with ``import argmap``.
"""

from __future__ import annotations

from pathlib import Path

from argmap.model import ArgumentMap


def load(path: str | Path, format: str | None = None) -> ArgumentMap:
    """Read a map file of any format argmap reads; any problem raises an ArgmapError naming the file.

    Parameters
    ----------
    path : str or Path
        The file: an argmap document (``.yaml``, ``.yml``, ``.json``), AIF JSON, or an ICCMA
        framework (``p af N``, TGF, ASPARTIX), whatever its suffix.
    format : str, optional
        A reader's name (``yaml``, ``json``, ``aif``, ``i23``, ``tgf``, ``apx``); by default the
        content decides, then the suffix.

    Returns
    -------
    ArgumentMap
        The map, checked: nothing half-loaded is ever returned.

    Examples
    --------
    >>> m = load("seeds/kremlin-drone-2023.yaml")
    >>> m.id
    'kremlin-drone-2023'
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "chain.iccma"
    >>> _ = path.write_text("p af 3\\n1 2\\n2 3\\n")
    >>> list(load(path).propositions)
    ['a1', 'a2', 'a3']
    """
    from argmap.formats import load_any

    return load_any(path, format)


def loads(text: str, format: str | None = None, name: str = "<map>") -> ArgumentMap:
    """Read a map given as text in any format argmap reads (by default the content decides).

    ``name`` is what error messages call the text, and its suffix breaks ties (``.yaml`` or ``.json``).

    Examples
    --------
    >>> aif = '''{"nodes": [{"nodeID": "1", "text": "It rained", "type": "I"},
    ...   {"nodeID": "2", "text": "The street is wet", "type": "I"}, {"nodeID": "3", "text": "RA", "type": "RA"}],
    ...   "edges": [{"edgeID": "1", "fromID": "1", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "2"}]}'''
    >>> m = loads(aif)
    >>> [r.kind.value for r in m.relations.values()]
    ['support']
    >>> list(loads("p af 2\\n1 2\\n").propositions)
    ['a1', 'a2']
    >>> loads("id: m\\ntitle: T\\npropositions: [{id: e1, text: E, kind: evidence}]\\n").title
    'T'
    >>> from argmap.errors import ArgmapError
    >>> try:
    ...     loads("id: m\\n", name="m.yaml")
    ... except ArgmapError as err:
    ...     print(*err.messages, sep="\\n")
    m.yaml: title: missing (required)
    m.yaml: propositions: the map has no propositions
    """
    from argmap.formats import detect, read

    return read(format or detect(text, name), text, name)
