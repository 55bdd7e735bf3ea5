"""Where maps live for the explorer: the shipped folder (read-only) and a writable imports folder.

``MapStore`` loads every map once, keeps each in memory keyed by its file, and reloads a file when
its mtime or size changes. Imports are written atomically and exclusively: a temporary file in the
imports folder is hard-linked to ``<id>.json`` (which fails if that name exists), so a failed or
losing import leaves nothing behind and never touches an existing map. ``Memo`` is the small LRU
the web layer keeps evaluations in. Imports no flask.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from argmap.document import load
from argmap.errors import ArgmapError, InvalidMap, MapExists, MapNotFound, ReadOnly, TooLarge
from argmap.formats import Imported, import_text
from argmap.model import ArgumentMap

log = logging.getLogger(__name__)

MAP_SUFFIXES = (".yaml", ".yml", ".json")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

V = TypeVar("V")


@dataclass(frozen=True)
class StoredMap:
    """One map file as loaded: the map, where it came from, and the file state it was read at."""

    map: ArgumentMap
    path: Path
    imported: bool
    signature: tuple[int, int]  # (mtime_ns, size)

    def summary(self) -> dict[str, object]:
        m = self.map
        return {
            "id": m.id,
            "title": m.title,
            "question": m.question,
            "propositions": len(m.propositions),
            "relations": len(m.relations),
            "hypotheses": len(m.hypotheses),
            "imported": self.imported,
            "url": f"/maps/{m.id}",
        }


class MapStore:
    """The maps of a shipped folder plus an imports folder, cached per file and checked on each use.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = MapStore(Path(folder) / "shipped", Path(folder) / "imports")
    ...     empty = store.list()
    ...     m = store.add('{"id": "m", "title": "T", "propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]}')
    ...     empty, [s["id"] for s in store.list()], store.get("m").title
    ([], ['m'], 'T')
    """

    def __init__(self, shipped: Path, imports: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.shipped = Path(shipped)
        self.imports = Path(imports) if imports is not None else None
        self.max_bytes = max_bytes
        self._files: dict[Path, StoredMap] = {}
        self._by_id: dict[str, Path] = {}
        self._broken: dict[Path, ArgmapError] = {}
        self._lock = threading.RLock()

    def load_all(self) -> builtins.list[StoredMap]:
        """Load every map file now; raise InvalidMap listing every problem of every broken file."""
        with self._lock:
            problems = self._rescan(strict=True)
            if problems:
                raise InvalidMap(*problems)
            return self._stored()

    def list(self) -> builtins.list[dict[str, object]]:
        """A summary of every map (id, title, question, counts, url), shipped maps first."""
        with self._lock:
            self._rescan(strict=False)
            return [s.summary() for s in self._stored()]

    def get(self, map_id: str) -> ArgumentMap:
        """The map with this id, reloaded if its file changed; MapNotFound if there is none."""
        with self._lock:
            path = self._by_id.get(map_id)
            if path is not None:
                stored = self._files[path]
                if _signature(path) == stored.signature:
                    return stored.map
            self._rescan(strict=False)
            broken = self._broken.get(path) if path is not None else None
            path = self._by_id.get(map_id)
            if path is None and broken is not None:
                raise broken  # its file changed and no longer loads: say why
            if path is None:
                known = ", ".join(sorted(self._by_id)) or "(none)"
                raise MapNotFound(f"No map {map_id!r}. Maps here: {known}.")
            return self._files[path].map

    def add(self, text: str, filename: str = "<upload>") -> ArgumentMap:
        """Import a map given as text (any registered format), saving it as ``<id>.json``.

        Raises TooLarge, FormatError/InvalidMap (every problem), MapExists or ReadOnly; on any
        of them nothing is written.
        """
        return self.add_import(text, filename).map

    def add_import(self, text: str, filename: str = "<upload>") -> Imported:
        """``add``, returning the map with what the reader skipped on the way (one warning each)."""
        size = len(text.encode("utf-8"))
        if size > self.max_bytes:
            raise TooLarge(f"{filename}: {size} bytes; imports are limited to {self.max_bytes} bytes.")
        if self.imports is None:
            raise ReadOnly("Imports are switched off on this server (no IMPORT_DIR).")
        found = import_text(text, filename)
        m = found.map
        body = json.dumps(m.to_document(), ensure_ascii=False, indent=2) + "\n"
        with self._lock:
            self._rescan(strict=False)
            if m.id in self._by_id:
                raise MapExists(f"A map with id {m.id!r} exists already; change the id to import it.")
            try:
                self.imports.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ReadOnly(f"Cannot create the imports folder: {err.strerror}.") from None
            target = self.imports / f"{m.id}.json"
            _write_exclusive(target, body, lambda: MapExists(f"A map with id {m.id!r} exists already."))
            stored = StoredMap(m, target, True, _signature(target))
            self._files[target] = stored
            self._by_id[m.id] = target
            return found

    def _stored(self) -> builtins.list[StoredMap]:
        return [self._files[p] for p in self._by_id.values()]

    def _paths(self) -> builtins.list[tuple[Path, bool]]:
        out: builtins.list[tuple[Path, bool]] = []
        for folder, imported in ((self.shipped, False), (self.imports, True)):
            if folder is None or not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in MAP_SUFFIXES and not path.name.startswith(".") and path.is_file():
                    out.append((path, imported))
        return out

    def _rescan(self, strict: bool) -> builtins.list[str]:
        """Bring the cache in line with the folders; return the problems of broken files."""
        problems: builtins.list[str] = []
        files: dict[Path, StoredMap] = {}
        by_id: dict[str, Path] = {}
        broken: dict[Path, ArgmapError] = {}
        for path, imported in self._paths():
            signature = _signature(path)
            stored = self._files.get(path)
            if stored is None or stored.signature != signature:
                try:
                    stored = StoredMap(load(path), path, imported, signature)
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


def _signature(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def _write_exclusive(target: Path, text: str, exists: Callable[[], ArgmapError]) -> None:
    """Write ``text`` to ``target`` whole or not at all, failing if ``target`` exists (even in a race)."""
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, target)  # atomic and exclusive: fails if target exists
        except FileExistsError:
            raise exists() from None
        except OSError:
            # No hard links here: reserve the name exclusively, then move the full file over it.
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            except FileExistsError:
                raise exists() from None
            os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


class Memo(Generic[V]):
    """A small thread-safe least-recently-used cache of computed values."""

    def __init__(self, maxsize: int = 64) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value cached for ``key``, computing and keeping it if absent."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
