"""Import every AraucariaDB nodeset, solve it, and send it through AIF export and back; print the figures.

    python -m benchmarks.aif_corpus [FOLDER]

FOLDER defaults to ``../shared/data/aif-araucaria`` beside the repository (661 AIF JSON files). Each file
is read with ``formats.read_any`` (so detection is tested too), evaluated under the default scenario,
written as AIF and read back, and the labels compared. Failures are grouped by their first message.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats import detect, read_any, write
from argmap.formats.aif_reader import import_aif
from argmap.pipeline import evaluate

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "aif-araucaria"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    files = sorted(folder.glob("*.json"))
    if not files:
        print(f"no .json files in {folder}")
        return
    imported = solved = round_tripped = 0
    failures: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    warned = 0
    import_ms: list[float] = []
    solve_ms: list[float] = []
    props = rels = 0
    start = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            if detect(text, path.name) != "aif":
                failures["not detected as AIF"] += 1
                continue
            t0 = time.perf_counter()
            m = read_any(text, path.name)
            import_ms.append((time.perf_counter() - t0) * 1000)
            imported += 1
            warned += bool(import_aif(text, path.name).warnings)
            props, rels = props + len(m.propositions), rels + len(m.relations)
            kinds.update(str(p.kind) for p in m.propositions.values())
            t0 = time.perf_counter()
            ev = evaluate(m)
            solve_ms.append((time.perf_counter() - t0) * 1000)
            solved += 1
            labels.update(str(x) for x in ev.labels.values())
            again = evaluate(read_any(write("aif", ev), path.name))
            if again.labels == ev.labels and _by_id(again.map.to_document()) == _by_id(m.to_document()):
                round_tripped += 1
            else:
                failures["AIF round trip changed the map or its labels"] += 1
        except ArgmapError as err:
            failures[err.messages[0].removeprefix(f"{path.name}: ")[:100]] += 1
    total = time.perf_counter() - start
    print(f"folder: {folder}")
    print(f"files: {len(files)}  imported: {imported}  solved: {solved}  kept by the AIF round trip: {round_tripped}")
    print(f"propositions: {props} ({dict(kinds)})  relations: {rels}  files with warnings: {warned}")
    print(f"labels under the default scenario: {dict(labels)}")
    if import_ms:
        print(
            f"import per file: median {statistics.median(import_ms):.2f} ms, max {max(import_ms):.2f} ms; "
            f"solve per file: median {statistics.median(solve_ms):.2f} ms, max {max(solve_ms):.2f} ms; "
            f"all {len(files)} files with round trips: {total:.2f} s"
        )
    for reason, count in failures.most_common():
        print(f"FAILED {count}: {reason}")


def _by_id(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with its lists keyed by id: the AIF writer sorts records, the corpus does not."""
    return {k: {i["id"]: i for i in v} if isinstance(v, list) else v for k, v in doc.items()}


if __name__ == "__main__":
    main()
