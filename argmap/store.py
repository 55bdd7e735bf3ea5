"""Where maps live for the explorer: shipped map files (read-only) and the database of editable maps.

``MapStore`` serves the shipped folder's maps (``shipped.ShippedMaps``: each file loaded once,
reloaded when it changes) and the database's. Editable
maps (imports, copies, everything saved) are rows of a ``Database`` with all their versions; the
parsed map of each one's newest version is kept until a save makes another one newest, in this or
any other process (each use asks the database for the newest version number, a primary-key read).
Map files found in the old imports folder are migrated into the database once, at startup.
``Memo`` is the small LRU the web layer keeps evaluations in. Imports no flask.
"""

from __future__ import annotations

import builtins
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from argmap import changes
from argmap.database import Database, Head, Migration, Stored, Version
from argmap.document import load, parse_text
from argmap.errors import ArgmapError, InvalidMap, MapExists, MapNotFound, ReadOnly, StaleVersion, TooLarge
from argmap.formats import Imported, detect, import_text
from argmap.model import ArgumentMap
from argmap.shipped import ShippedMaps, StoredMap, map_files

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DB_NAME = "argmap.sqlite3"
SHIPPED_VERSION = 1  # a shipped file has one version: itself

V = TypeVar("V")


@dataclass(frozen=True)
class Current:
    """A map as served now: the map, its newest version (the ETag), and whether it can be saved."""

    map: ArgumentMap
    version: int
    editable: bool


@dataclass(frozen=True)
class History:
    """A map's saved versions, oldest first, its newest version, and when it was hidden, if it was."""

    versions: builtins.list[Version]
    version: int
    editable: bool
    deleted: str | None = None


class MapStore:
    """The maps of a shipped folder plus the editable maps of a database, cached and checked on each use.

    ``database`` defaults to ``argmap.sqlite3`` beside the ``imports`` folder (the folder maps were
    imported into before there was a database: its files are migrated by ``load_all``). With
    neither, the store is read-only.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = MapStore(Path(folder) / "shipped", Path(folder) / "imports")
    ...     empty = store.list()
    ...     m = store.add('{"id": "m", "title": "T", "propositions": [{"id": "e1", "text": "E", "kind": "evidence"}]}')
    ...     v = store.save("m", {**m.to_document(), "title": "T2"}, expected={1}, author="Ann")
    ...     empty, [s["id"] for s in store.list()], store.get("m").title, v.version, v.summary
    ([], ['m'], 'T2', 2, 'title edited')
    """

    def __init__(
        self,
        shipped: Path,
        imports: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        database: str | Path | None = None,
    ) -> None:
        self.shipped = Path(shipped)
        self.imports = Path(imports) if imports is not None else None
        self.max_bytes = max_bytes
        if database is None and self.imports is not None:
            database = self.imports.parent / DB_NAME
        self.database = Database(database) if database else None
        self._shipped = ShippedMaps(self.shipped)
        self._saved: dict[str, tuple[int, ArgumentMap]] = {}
        self._lock = threading.RLock()

    @property
    def writable(self) -> bool:
        """Whether maps can be imported, saved and deleted here (there is a database)."""
        return self.database is not None

    def load_all(self) -> builtins.list[StoredMap]:
        """Load every shipped map now (InvalidMap lists every problem of every broken file), migrate the
        old imports folder's files into the database, and load the database's maps."""
        problems = self._shipped.load()
        if problems:
            raise InvalidMap(*problems)
        self.migrate()
        self.list()
        return self._shipped.maps()

    def migrate(self) -> builtins.list[str]:
        """Move the maps of the old imports folder's files into the database, once; return their ids.

        The files stay where they are (and are not read again); one log line says what moved.
        """
        if self.database is None or self.imports is None or not self.imports.is_dir():
            return []
        done = self.database.migrated()
        found: builtins.list[Migration] = []
        for path in map_files(self.imports):
            key = str(path.resolve())
            if key in done:
                continue
            try:
                m = load(path)
            except ArgmapError as err:
                log.warning("not migrating %s: %s", path, "; ".join(err.messages))
                continue
            if self._shipped.known(m.id):
                log.warning("not migrating %s: map id %r is a shipped map's", path, m.id)
                continue
            saved = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="milliseconds")
            found.append(Migration(key, m.id, _json(m.to_document()), saved.replace("+00:00", "Z")))
        added = self.database.migrate(found) if found else []
        if added:
            log.info(
                "migrated %d map%s (%s) from %s into %s; the files stay and are not read again",
                len(added),
                "" if len(added) == 1 else "s",
                ", ".join(added),
                self.imports,
                self.database.path,
            )
        return added

    def list(self) -> builtins.list[dict[str, object]]:
        """A summary of every map (id, title, question, counts, url, version), shipped maps first."""
        maps = self._shipped.maps()
        out = [_summary(s.map, SHIPPED_VERSION, editable=False) for s in maps]
        shipped = {s.map.id for s in maps}
        for head in self.database.heads() if self.database else []:
            if head.deleted or head.id in shipped:
                continue
            try:
                current = self._saved_map(head)
            except ArgmapError as err:
                log.warning("skipping map %r: %s", head.id, "; ".join(err.messages))
                continue
            out.append(_summary(current.map, current.version, editable=True))
        return out

    def get(self, map_id: str) -> ArgumentMap:
        """The newest version of the map with this id; MapNotFound if there is none."""
        return self.current(map_id).map

    def current(self, map_id: str) -> Current:
        """The map with this id, its newest version and whether it is editable; MapNotFound if none."""
        shipped = self._shipped.find(map_id) if self._shipped.known(map_id) else None
        if shipped is not None:
            return Current(shipped.map, SHIPPED_VERSION, False)
        head = self.database.head(map_id) if self.database else None
        if head is not None and not head.deleted:
            return self._saved_map(head)
        shipped = self._shipped.find(map_id)  # a file added since the last look
        if shipped is not None:
            return Current(shipped.map, SHIPPED_VERSION, False)
        if head is not None and head.deleted:
            raise MapNotFound(
                f"Map {map_id!r} was deleted at {head.deleted}; its versions are kept: restore one to bring it back."
            )
        known = ", ".join(sorted(str(s["id"]) for s in self.list())) or "(none)"
        raise MapNotFound(f"No map {map_id!r}. Maps here: {known}.")

    def editable(self, map_id: str) -> Current:
        """The map, if it can be saved here: ReadOnly for a shipped map or a store without a database."""
        current = self.current(map_id)
        if not current.editable:
            raise _shipped_read_only(map_id)
        return current

    def document(self, map_id: str, texts: bool = False) -> tuple[dict[str, Any], int]:
        """The newest version's document (with the sources' full texts if ``texts``) and its version."""
        current = self.current(map_id)
        doc = current.map.to_document()
        if texts and current.editable and self.database:
            stored = self.database.stored(map_id, current.version)
            doc = changes.with_texts(doc, json.loads(stored.texts) if stored else {})
        return doc, current.version

    def add(self, text: str, filename: str = "<upload>", author: str | None = None) -> ArgumentMap:
        """Import a map given as text (any registered format) as a new editable map with one version.

        Raises TooLarge, FormatError/InvalidMap (every problem), MapExists or ReadOnly; on any of them
        nothing is saved. An argmap document's sources may carry their ``text``.
        """
        return self.add_import(text, filename, author).map

    def add_import(self, text: str, filename: str = "<upload>", author: str | None = None) -> Imported:
        """``add``, returning the map with what the reader skipped on the way (one warning each)."""
        size = len(text.encode("utf-8"))
        if size > self.max_bytes:
            raise TooLarge(f"{filename}: {size} bytes; imports are limited to {self.max_bytes} bytes.")
        database = self._database()
        fmt = detect(text, filename)
        texts: dict[str, str] = {}
        if fmt in ("json", "yaml"):
            try:
                m, given = changes.checked(parse_text(text, filename, fmt))
            except InvalidMap as err:
                raise InvalidMap(*(f"{filename}: {message}" for message in err.messages)) from None
            texts = {sid: t for sid, t in given.items() if t}
            found = Imported(m, fmt)
        else:
            found = import_text(text, filename, fmt)
        self._create(database, found.map, texts, changes.summary(None, found.map.to_document()), author)
        return found

    def copy(
        self, map_id: str, new_id: Any, title: Any = None, author: str | None = None
    ) -> tuple[ArgumentMap, Version]:
        """Save a copy of a map (shipped or not, with its sources' texts) as a new editable map ``new_id``."""
        database = self._database()
        doc, version = self.document(map_id, texts=True)
        doc = {**doc, "id": new_id}
        if title is not None:
            doc["title"] = title
        m, given = changes.checked(doc)
        texts = {sid: t for sid, t in given.items() if t}
        return m, self._create(database, m, texts, f"copied from {map_id} version {version}", author)

    def save(self, map_id: str, doc: Any, expected: Collection[int], author: str | None = None) -> Version:
        """Save ``doc`` as the map's newest version, if the newest now is one of ``expected``.

        Raises MapNotFound, ReadOnly (shipped), StaleVersion (someone saved meanwhile: nothing is
        written) or InvalidMap (every problem, each starting with its path; nothing is written).
        """
        current = self.editable(map_id)
        database = self._database()
        if current.version not in expected:
            raise self._stale(database, map_id, current.version, expected)
        m, given = changes.checked(doc, map_id)
        before = self._stored(database, map_id, current.version)
        old_texts = json.loads(before.texts)
        texts = changes.merged(old_texts, given, m.sources)
        public = m.to_document()
        summary = changes.summary(json.loads(before.document), public, old_texts, texts)
        version = database.save(map_id, current.version, _json(public), _json(texts), summary, author)
        with self._lock:
            self._saved[map_id] = (version.version, m)
        return version

    def restore(self, map_id: str, number: int, expected: Collection[int], author: str | None = None) -> Version:
        """Save version ``number`` again as the newest (and show the map again if it was deleted)."""
        database = self._database()
        self._refuse_shipped(map_id)
        head = self._head(database, map_id)
        if head.version not in expected:
            raise self._stale(database, map_id, head.version, expected)
        old = self._version(database, map_id, number, head)
        m = self._parse(map_id, old)
        before = self._stored(database, map_id, head.version)
        summary = changes.summary(
            json.loads(before.document), json.loads(old.document), json.loads(before.texts), json.loads(old.texts)
        )
        summary = f"restored version {number}" + ("" if summary == "no changes" else f": {summary}")
        version = database.save(map_id, head.version, old.document, old.texts, summary, author, revive=True)
        with self._lock:
            self._saved[map_id] = (version.version, m)
        return version

    def delete(self, map_id: str, expected: Collection[int], by: str | None = None) -> Head:
        """Hide the map (its versions stay; restoring one shows it again)."""
        current = self.editable(map_id)
        database = self._database()
        if current.version not in expected:
            raise self._stale(database, map_id, current.version, expected)
        head = database.hide(map_id, current.version, by)
        with self._lock:
            self._saved.pop(map_id, None)
        return head

    def history(self, map_id: str) -> History:
        """Every version of the map (a deleted map's too); a shipped map has one."""
        shipped = self._shipped.path(map_id)
        if shipped is not None:
            saved = datetime.fromtimestamp(shipped.stat().st_mtime, UTC).isoformat(timespec="milliseconds")
            first = Version(SHIPPED_VERSION, saved.replace("+00:00", "Z"), None, f"shipped file {shipped.name}")
            return History([first], SHIPPED_VERSION, editable=False)
        if self.database is None:
            raise MapNotFound(f"No map {map_id!r}.")
        head = self._head(self.database, map_id)
        return History(self.database.versions(map_id), head.version, True, head.deleted)

    def version(self, map_id: str, number: int, texts: bool = False) -> dict[str, Any]:
        """The document of one version (with its sources' texts if ``texts``); a deleted map's too."""
        if self._shipped.path(map_id) is not None:
            if number != SHIPPED_VERSION:
                raise MapNotFound(f"No version {number} of map {map_id!r}: a shipped map has version 1 only.")
            return self.get(map_id).to_document()
        database = self._database(missing=MapNotFound(f"No map {map_id!r}."))
        stored = self._version(database, map_id, number, self._head(database, map_id))
        doc: dict[str, Any] = json.loads(stored.document)
        return changes.with_texts(doc, json.loads(stored.texts)) if texts else doc

    def close(self) -> None:
        """Close this thread's database connection (a server does before it forks its workers)."""
        if self.database is not None:
            self.database.close()

    def _database(self, missing: ArgmapError | None = None) -> Database:
        if self.database is None:
            raise missing or ReadOnly("Maps cannot be saved on this server (no database: DB is not set).")
        return self.database

    def _create(
        self, database: Database, m: ArgumentMap, texts: dict[str, str], summary: str, author: str | None
    ) -> Version:
        if self._shipped.path(m.id) is not None:
            raise MapExists(f"A map with id {m.id!r} exists already; change the id to import it.")
        version = database.create(m.id, _json(m.to_document()), _json(texts), summary, author)
        with self._lock:
            self._saved[m.id] = (version.version, m)
        return version

    def _refuse_shipped(self, map_id: str) -> None:
        if self._shipped.path(map_id) is not None:
            raise _shipped_read_only(map_id)

    def _head(self, database: Database, map_id: str) -> Head:
        head = database.head(map_id)
        if head is None:
            raise MapNotFound(f"No map {map_id!r}.")
        return head

    def _version(self, database: Database, map_id: str, number: int, head: Head) -> Stored:
        stored = database.stored(map_id, number)
        if stored is None:
            raise MapNotFound(f"No version {number} of map {map_id!r}; it has versions 1 to {head.version}.")
        return stored

    def _stored(self, database: Database, map_id: str, number: int) -> Stored:
        stored = database.stored(map_id, number)
        if stored is None:  # versions are never removed: a version the map row names exists
            raise RuntimeError(f"version {number} of {map_id!r} is missing from {database.path}")
        return stored

    def _stale(self, database: Database, map_id: str, version: int, expected: Collection[int]) -> StaleVersion:
        stored = self._stored(database, map_id, version)
        edited = ", ".join(str(v) for v in sorted(expected)) or "none"
        return StaleVersion(
            f"Map {map_id!r} is at version {version} now, saved by {stored.version.by or 'someone'} at "
            f"{stored.version.saved}; this change was made to version {edited}. Nothing was overwritten: "
            "reload the map and apply it again."
        )

    def _saved_map(self, head: Head) -> Current:
        """The parsed map of the head's version, from the cache or the database."""
        with self._lock:
            cached = self._saved.get(head.id)
        if cached is not None and cached[0] == head.version:
            return Current(cached[1], head.version, True)
        database = self._database()
        m = self._parse(head.id, self._stored(database, head.id, head.version))
        with self._lock:
            self._saved[head.id] = (head.version, m)
        return Current(m, head.version, True)

    @staticmethod
    def _parse(map_id: str, stored: Stored) -> ArgumentMap:
        try:
            return changes.checked(json.loads(stored.document))[0]
        except InvalidMap as err:
            where = f"map {map_id!r} version {stored.version.version}"
            raise InvalidMap(*(f"{where}: {message}" for message in err.messages)) from None


def _shipped_read_only(map_id: str) -> ReadOnly:
    return ReadOnly(
        f"Map {map_id!r} is a shipped map and read-only here; save a copy of it to edit (POST /api/maps/{map_id}/copy)."
    )


def _summary(m: ArgumentMap, version: int, editable: bool) -> dict[str, object]:
    return {
        "id": m.id,
        "title": m.title,
        "question": m.question,
        "propositions": len(m.propositions),
        "relations": len(m.relations),
        "hypotheses": len(m.hypotheses),
        "imported": editable,
        "editable": editable,
        "version": version,
        "url": f"/maps/{m.id}",
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
