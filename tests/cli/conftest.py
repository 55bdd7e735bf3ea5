"""A small map file on disk for the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL = """\
id: small
title: A small map
question: Did it happen?
analysts:
  - {id: ann, name: Ann Analyst}
  - {id: bob, name: Bob Critic}
sources:
  - {id: s1, title: Source one, outlet: The Paper, date: "2023-05-04"}
propositions:
  - {id: e1, text: Something was seen, kind: evidence}
  - {id: e2, text: Something else was said, kind: evidence}
  - {id: c1, text: So it is likely, kind: claim}
  - {id: h1, text: It happened, kind: hypothesis}
  - {id: h2, text: It did not happen, kind: hypothesis}
relations:
  - {id: r1, from: e1, to: c1, kind: support, by: [ann], cites: [{source: s1, quote: "it was seen"}]}
  - {id: r2, from: c1, to: h1, kind: support, by: [ann]}
  - {id: r3, from: e2, to: h2, kind: support, by: [bob]}
  - {id: r4, from: h1, to: h2, kind: attack, by: [ann]}
  - {id: r5, from: h2, to: h1, kind: attack, by: [bob]}
"""


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path
