"""Run the benchmarks: ``python -m benchmarks [NAME ...]`` (all of them by default; each prints its figures).

``make bench`` runs them all: the solver against C and its Python peers, the explorer and the API,
the explorer on a 2,000-proposition map, hinges, the production server under load, the AIF corpus,
saving a map, and coherent accounts (maps, then ICCMA tasks beside clingo).
"""

from __future__ import annotations

import importlib
import sys

MODULES = ["solver", "explorer", "bigmap", "hinges", "load", "aif_corpus", "save", "accounts"]


def main() -> None:
    chosen = sys.argv[1:] or MODULES
    unknown = sorted(set(chosen) - set(MODULES))
    if unknown:
        sys.exit(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    for name in chosen:
        print(f"== benchmarks.{name}", flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        sys.argv = [f"benchmarks.{name}"]
        module.main()


if __name__ == "__main__":
    main()
