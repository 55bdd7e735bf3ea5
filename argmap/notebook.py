"""How maps and evaluations show themselves in Jupyter: the HTML snapshot in a sandboxed iframe.

``ArgumentMap._repr_html_`` and ``Evaluation._repr_html_`` call these, so the model imports neither
the snapshot nor pyvis until a notebook asks. The frame's scripts run with an opaque origin: the
notebook's own page, cookies and storage are out of their reach.
"""

from __future__ import annotations

from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation, evaluate
from argmap.snapshot import iframe_html


def map_html(m: ArgumentMap) -> str:
    """The map under its default scenario (everything on, every analyst trusted), as a notebook shows it.

    Examples
    --------
    >>> import argmap
    >>> map_html(argmap.load("seeds/kremlin-drone-2023.yaml")).startswith('<iframe sandbox="allow-scripts"')
    True
    """
    return iframe_html(evaluate(m))


def evaluation_html(result: Evaluation) -> str:
    """The evaluation's scenario, labels, details and explanations, as a notebook shows them."""
    return iframe_html(result)
