"""The shipped maps: a folder of map files, read-only, each loaded once and reloaded when it changes.

``ShippedMaps`` keeps every file's map keyed by its path with the file state (mtime, size) it was
read at; a lookup checks that state and rescans the folder when a map is missing or changed. A
broken file is skipped with a warning (after startup) and its problems are kept to say why its
map is gone. Imports no flask.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from argmap.document import load
from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

log = logging.getLogger(__name__)

MAP_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class StoredMap:
    """One map file as loaded: the map, where it came from, and the file state it was read at."""

    map: ArgumentMap
    path: Path
    imported: bool
    signature: tuple[int, int]  # (mtime_ns, size)


class ShippedMaps:
    """The map files of one folder, cached per file and checked on each use.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.yaml").write_text("id: m\\ntitle: T\\npropositions: [{id: e1, text: E, kind: evidence}]\\n")
    >>> shipped = ShippedMaps(folder)
    >>> shipped.load(), [s.map.id for s in shipped.maps()], shipped.find("m").map.title, shipped.find("x")
    ([], ['m'], 'T', None)
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._files: dict[Path, StoredMap] = {}
        self._by_id: dict[str, Path] = {}
        self._broken: dict[Path, ArgmapError] = {}
        self._lock = threading.RLock()

    def load(self) -> list[str]:
        """Load every file now; return the problems of every broken file (empty when all load)."""
        with self._lock:
            return self._rescan(strict=True)

    def maps(self) -> list[StoredMap]:
        """Every map of the folder as it is now, in file name order."""
        with self._lock:
            self._rescan(strict=False)
            return [self._files[p] for p in self._by_id.values()]

    def known(self, map_id: str) -> bool:
        """Whether a map with this id was found at the last look (no look at the folder now)."""
        with self._lock:
            return map_id in self._by_id

    def find(self, map_id: str) -> StoredMap | None:
        """The map with this id as its file is now; None if there is none (its file's error if it broke)."""
        with self._lock:
            path = self._by_id.get(map_id)
            if path is not None and _signature(path) == self._files[path].signature:
                return self._files[path]
            self._rescan(strict=False)
            broken = self._broken.get(path) if path is not None else None
            path = self._by_id.get(map_id)
            if path is not None:
                return self._files[path]
            if broken is not None:
                raise broken  # its file changed and no longer loads: say why
            return None

    def path(self, map_id: str) -> Path | None:
        """The file of the map with this id, if the folder has one (no reload of a changed file)."""
        with self._lock:
            if map_id not in self._by_id:
                self._rescan(strict=False)
            return self._by_id.get(map_id)

    def _rescan(self, strict: bool) -> list[str]:
        """Bring the cache in line with the folder; return the problems of broken files."""
        problems: list[str] = []
        files: dict[Path, StoredMap] = {}
        by_id: dict[str, Path] = {}
        broken: dict[Path, ArgmapError] = {}
        for path in map_files(self.folder):
            signature = _signature(path)
            stored = self._files.get(path)
            if stored is None or stored.signature != signature:
                try:
                    stored = StoredMap(load(path), path, False, signature)
                except ArgmapError as err:
                    problems.extend(err.messages)
                    broken[path] = err
                    if not strict:
                        log.warning("skipping %s: %s", path, "; ".join(err.messages))
                    continue
            other = by_id.get(stored.map.id)
            if other is not None:
                problems.append(f"{path}: map id {stored.map.id!r} is taken already by {other}")
                continue
            files[path] = stored
            by_id[stored.map.id] = path
        self._files, self._by_id, self._broken = files, by_id, broken
        return problems


def map_files(folder: Path) -> list[Path]:
    """The map files of a folder (``.yaml``, ``.yml``, ``.json``; no hidden files), by name."""
    if not folder.is_dir():
        return []
    return [
        path
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in MAP_SUFFIXES and not path.name.startswith(".") and path.is_file()
    ]


def _signature(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)
