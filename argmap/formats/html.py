"""``html``: the map under a scenario as one self-contained page (``argmap.snapshot``), for readers
who will not install anything. The snapshot (and with it pyvis) loads when this writer runs.
"""

from __future__ import annotations

from argmap.formats._registry import writer
from argmap.pipeline import Evaluation


@writer("html", "text/html", "html")
def write_html(evaluation: Evaluation) -> str:
    """The interactive snapshot: graph, verdicts, details and explanations; it fetches nothing."""
    from argmap.snapshot import snapshot_html

    return snapshot_html(evaluation)
