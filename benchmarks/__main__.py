"""Run every benchmark module: ``python -m benchmarks`` (each prints its own figures)."""

from __future__ import annotations

import importlib
import sys

MODULES = ["benchmarks.solver", "benchmarks.explorer", "benchmarks.bigmap"]


def main() -> None:
    for name in MODULES:
        print(f"== {name}", flush=True)
        module = importlib.import_module(name)
        sys.argv = [name]
        module.main()


if __name__ == "__main__":
    main()
