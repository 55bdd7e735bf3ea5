"""The explorer's downloads: every distinct file a map exports to, named for the people who open it.

The format registry knows writers by the names typed on the command line (``aif``, ``i23``); the page
offers each distinct file once (``i23`` writes the same file as ``iccma``), under a name that says what
it is for, and says which exports come with an ICCMA side table (``&part=table``). The PNG picture
is drawn in the page from the SVG one, so it has no writer here.
"""

from __future__ import annotations

from typing import Any

from argmap.formats import WRITERS
from argmap.formats.iccma_export import FORMATS as FRAMEWORK_FORMATS

# In the order the page lists them; a writer missing here is listed after these under its own name.
TITLES = {
    "json": "JSON (argmap)",
    "svg": "SVG picture",
    "aif": "AIF (OVA, AIFdb)",
    "iccma": "ICCMA framework + table",
    "tgf": "TGF framework + table",
    "apx": "ASPARTIX (APX) framework + table",
    "graphml": "GraphML (Gephi, yEd, Cytoscape)",
    "dot": "Graphviz DOT",
    "html": "Self-contained HTML",
}


def export_choices() -> list[dict[str, Any]]:
    """One entry per distinct export file: ``name`` (the format key), ``title``, ``extension``, ``table``.

    Examples
    --------
    >>> choices = export_choices()
    >>> [c["name"] for c in choices].count("i23"), choices[0]["title"]
    (0, 'JSON (argmap)')
    >>> [c["title"] for c in choices if c["table"]][0]
    'ICCMA framework + table'
    """
    order = list(TITLES) + sorted(set(WRITERS) - set(TITLES))
    seen: set[object] = set()
    choices = []
    for name in order:
        info = WRITERS.get(name)
        if info is None or info.write in seen:
            continue
        seen.add(info.write)
        choices.append(
            {
                "name": name,
                "title": TITLES.get(name, name),
                "extension": info.extension,
                "table": name in FRAMEWORK_FORMATS,
            }
        )
    return choices
