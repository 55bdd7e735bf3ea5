"""Import every real AIF corpus, solve each map, send it through AIF export and back; print the figures.

    python -m benchmarks.aif_corpus [FOLDER]

By default the corpora beside the repository in ``../shared/data``: AraucariaDB (``aif-araucaria``, 661
nodesets) and in ``external/aif`` the 1,478 QT30 nodesets of DialAM 2024 (read from the ``.tar.xz``, not
extracted), the 11 DialAM gold maps and 3 AIFdb nodesets. With FOLDER, the ``*.json`` files in it.

Each file is read with ``formats.import_text`` (so detection is tested too), evaluated under the default
scenario, written as AIF and read back, and the map and labels compared. Per corpus it prints the files
imported, the linked steps (RA/CA nodes with several premises, kept as one relation each), undercuts,
excludes, the nodes skipped with a warning, and timings; failures are grouped by their first message.
"""

from __future__ import annotations

import statistics
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats import detect, import_text, read_any, write
from argmap.model import RelationKind
from argmap.pipeline import evaluate

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
EXTERNAL = SHARED / "external" / "aif"
CORPORA = {
    "araucaria": SHARED / "aif-araucaria",
    "qt30": EXTERNAL / "qt30-dialam2024.tar.xz",
    "dialam-gold": EXTERNAL / "qt30-dialam-eval",
    "aifdb": EXTERNAL / "aifdbmapconverter",
}


@dataclass
class Figures:
    files: int = 0
    imported: int = 0
    round_tripped: int = 0
    propositions: int = 0
    relations: int = 0
    linked: int = 0
    undercuts: int = 0
    excludes: int = 0
    skipped: int = 0  # nodes (and edges) skipped with a warning
    files_with_skips: int = 0
    import_ms: list[float] = field(default_factory=list)
    solve_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: Counter[str] = field(default_factory=Counter)


def files_of(source: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every AIF file of a corpus: a folder of ``*.json`` or a ``.tar.xz`` of them."""
    if source.is_dir():
        for path in sorted(source.glob("*.json")):
            yield path.name, path.read_text(encoding="utf-8")
        return
    with tarfile.open(source) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member) if member.isfile() and member.name.endswith(".json") else None
            if handle is not None:
                yield member.name, handle.read().decode("utf-8")


def measure(source: Path) -> Figures:
    out = Figures()
    start = time.perf_counter()
    for name, text in files_of(source):
        out.files += 1
        try:
            if detect(text, name) != "aif":
                out.failures["not detected as AIF"] += 1
                continue
            t0 = time.perf_counter()
            found = import_text(text, name)
            out.import_ms.append((time.perf_counter() - t0) * 1000)
            m = found.map
            out.imported += 1
            skipped = sum(w.endswith("; skipped") for w in found.warnings)
            out.skipped += skipped
            out.files_with_skips += bool(skipped)
            out.propositions += len(m.propositions)
            out.relations += len(m.relations)
            out.linked += sum(r.is_linked for r in m.relations.values())
            out.undercuts += sum(m.is_undercut(r) for r in m.relations.values())
            out.excludes += sum(r.kind is RelationKind.EXCLUDES for r in m.relations.values())
            t0 = time.perf_counter()
            ev = evaluate(m)
            out.solve_ms.append((time.perf_counter() - t0) * 1000)
            again = evaluate(read_any(write("aif", ev), name))
            if again.labels == ev.labels and _by_id(again.map.to_document()) == _by_id(m.to_document()):
                out.round_tripped += 1
            else:
                out.failures["AIF round trip changed the map or its labels"] += 1
        except ArgmapError as err:
            out.failures[err.messages[0].removeprefix(f"{name}: ")[:100]] += 1
    out.seconds = time.perf_counter() - start
    return out


def report(label: str, source: Path, f: Figures) -> None:
    print(f"{label}: {source}")
    print(f"  files: {f.files}  imported: {f.imported}  kept by the AIF round trip: {f.round_tripped}")
    print(
        f"  propositions: {f.propositions}  relations: {f.relations}  linked steps: {f.linked}"
        f"  undercuts: {f.undercuts}  excludes: {f.excludes}"
    )
    print(f"  nodes skipped with a warning: {f.skipped} in {f.files_with_skips} files")
    if f.import_ms:
        print(
            f"  import per file: median {statistics.median(f.import_ms):.2f} ms, max {max(f.import_ms):.2f} ms; "
            f"solve per file: median {statistics.median(f.solve_ms):.2f} ms, max {max(f.solve_ms):.2f} ms; "
            f"all {f.files} files with round trips: {f.seconds:.2f} s"
        )
    for reason, count in f.failures.most_common():
        print(f"  FAILED {count}: {reason}")


def main() -> None:
    corpora = {"folder": Path(sys.argv[1])} if len(sys.argv) > 1 else CORPORA
    for label, source in corpora.items():
        if not source.exists():
            print(f"{label}: {source} is missing; skipped")
            continue
        report(label, source, measure(source))


def _by_id(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with its lists keyed by id: the AIF writer sorts records, the corpus does not."""
    return {k: {i["id"]: i for i in v} if isinstance(v, list) else v for k, v in doc.items()}


if __name__ == "__main__":
    main()
