"""Editable maps and every saved version of them, in SQLite (stdlib ``sqlite3``, WAL).

One row per map (its newest version and, once hidden, when and by whom), one row per saved version
(the public document as JSON, the sources' full texts apart from it, when, by whom, and a summary of
what changed). Versions are never changed or removed. A save is one ``BEGIN IMMEDIATE`` transaction
that checks the version it replaces, so of concurrent saves of one version exactly one wins, in
threads or processes; SQLite's journal makes a killed save leave the database as it was before it.
Knows documents only as JSON text; imports nothing from argmap but its errors.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from argmap.errors import MapExists, MapNotFound, StaleVersion

SCHEMA = """
CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY,
    head INTEGER NOT NULL,
    created TEXT NOT NULL,
    deleted TEXT,
    deleted_by TEXT
);
CREATE TABLE IF NOT EXISTS versions (
    map_id TEXT NOT NULL REFERENCES maps(id),
    version INTEGER NOT NULL,
    saved TEXT NOT NULL,
    author TEXT,
    summary TEXT NOT NULL,
    document TEXT NOT NULL,
    texts TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (map_id, version)
);
CREATE TABLE IF NOT EXISTS migrated (
    file TEXT PRIMARY KEY,
    map_id TEXT,
    at TEXT NOT NULL
);
"""

BUSY_SECONDS = 30.0  # how long a save waits for another process's save to finish


def now() -> str:
    """The current UTC time as ISO 8601 with milliseconds, e.g. ``2026-12-01T21:40:00.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Head:
    """A map's row: its newest version, and when (and by whom) it was hidden, if it was."""

    id: str
    version: int
    deleted: str | None = None
    deleted_by: str | None = None


@dataclass(frozen=True)
class Version:
    """One saved version, without its document."""

    version: int
    saved: str
    by: str | None
    summary: str

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"version": self.version, "saved": self.saved}
        if self.by:
            out["by"] = self.by
        out["summary"] = self.summary
        return out


@dataclass(frozen=True)
class Stored:
    """One saved version with its document and its sources' texts, both JSON text."""

    version: Version
    document: str
    texts: str


@dataclass(frozen=True)
class Migration:
    """A map file from the old imports folder, read and ready to become a map's first version."""

    file: str
    map_id: str
    document: str
    saved: str


class Database:
    """The SQLite file of editable maps; one connection per thread and process, opened on first use.

    Examples
    --------
    >>> import tempfile
    >>> db = Database(Path(tempfile.mkdtemp()) / "maps.sqlite3")
    >>> db.create("m", '{"id": "m"}', "{}", "+1 proposition", "Ann").version
    1
    >>> db.save("m", 1, '{"id": "m", "title": "T"}', "{}", "title edited", None).version
    2
    >>> try:
    ...     db.save("m", 1, '{"id": "m"}', "{}", "again", None)
    ... except StaleVersion as err:
    ...     print(err.status, err.messages[0][:27])
    412 Map 'm' is at version 2 now
    >>> [v.version for v in db.versions("m")], db.head("m")
    ([1, 2], Head(id='m', version=2, deleted=None, deleted_by=None))
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._orphans: builtins.list[sqlite3.Connection] = []  # inherited over fork: never used nor closed

    def _connection(self, create: bool = False) -> sqlite3.Connection | None:
        """This thread's connection; None while there is no database file and ``create`` is false.

        The file and its tables are made by the first write, so a server that only reads leaves no file.
        """
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():
            connection: sqlite3.Connection = held[1]
            return connection
        if held is not None:  # a forked child: SQLite connections must not cross fork()
            self._orphans.append(held[1])
            self._local.held = None
        if not create and not self.path.is_file():
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # a save that answered 200 survives a power cut too
        connection.execute("PRAGMA foreign_keys=ON")
        if connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'versions'").fetchone()[0] == 0:
            connection.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("COMMIT")
        self._local.held = (os.getpid(), connection)
        return connection

    def close(self) -> None:
        """Close this thread's connection (before a fork: a server's workers open their own)."""
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():
            held[1].close()
        self._local.held = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding SQLite's write lock from its start: all of it or none of it."""
        db = self._connection(create=True)
        if db is None:  # create=True always connects
            raise RuntimeError(f"cannot open {self.path}")
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def head(self, map_id: str) -> Head | None:
        """The map's row, or None if there is no such map."""
        db = self._connection()
        row = (
            db.execute("SELECT id, head, deleted, deleted_by FROM maps WHERE id = ?", (map_id,)).fetchone()
            if db
            else None
        )
        return Head(*row) if row else None

    def heads(self) -> builtins.list[Head]:
        """Every map's row, hidden ones too, in the order they were created."""
        db = self._connection()
        rows = db.execute("SELECT id, head, deleted, deleted_by FROM maps ORDER BY created, id") if db else []
        return [Head(*row) for row in rows]

    def versions(self, map_id: str) -> builtins.list[Version]:
        """Every saved version of the map, oldest first."""
        db = self._connection()
        query = "SELECT version, saved, author, summary FROM versions WHERE map_id = ? ORDER BY version"
        return [Version(*row) for row in (db.execute(query, (map_id,)) if db else [])]

    def stored(self, map_id: str, version: int) -> Stored | None:
        """One version with its document and texts, or None."""
        db = self._connection()
        query = "SELECT version, saved, author, summary, document, texts FROM versions WHERE map_id = ? AND version = ?"
        row = db.execute(query, (map_id, version)).fetchone() if db else None
        return Stored(Version(*row[:4]), row[4], row[5]) if row else None

    def create(self, map_id: str, document: str, texts: str, summary: str, author: str | None) -> Version:
        """Add a new map with its first version; MapExists if the id is taken (by a hidden map too)."""
        saved = now()
        with self._transaction() as db:
            taken = db.execute("SELECT deleted FROM maps WHERE id = ?", (map_id,)).fetchone()
            if taken is not None:
                hidden = " (deleted, with its versions kept: restore one to bring it back)" if taken[0] else ""
                raise MapExists(f"A map with id {map_id!r} exists already{hidden}; change the id to save it.")
            db.execute("INSERT INTO maps (id, head, created) VALUES (?, 1, ?)", (map_id, saved))
            db.execute(
                "INSERT INTO versions (map_id, version, saved, author, summary, document, texts)"
                " VALUES (?, 1, ?, ?, ?, ?, ?)",
                (map_id, saved, author, summary, document, texts),
            )
        return Version(1, saved, author, summary)

    def save(
        self,
        map_id: str,
        expected: int,
        document: str,
        texts: str,
        summary: str,
        author: str | None,
        revive: bool = False,
    ) -> Version:
        """Save a new version over version ``expected``; StaleVersion if that is not the newest any more.

        A hidden map is MapNotFound unless ``revive``, which shows it again (restoring a version).
        """
        saved = now()
        with self._transaction() as db:
            row = db.execute("SELECT head, deleted FROM maps WHERE id = ?", (map_id,)).fetchone()
            if row is None or (row[1] and not revive):
                raise MapNotFound(f"No map {map_id!r}" + (" (it was deleted)." if row else "."))
            if row[0] != expected:
                raise self._stale(db, map_id, row[0], expected)
            version = expected + 1
            db.execute(
                "INSERT INTO versions (map_id, version, saved, author, summary, document, texts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (map_id, version, saved, author, summary, document, texts),
            )
            db.execute("UPDATE maps SET head = ?, deleted = NULL, deleted_by = NULL WHERE id = ?", (version, map_id))
        return Version(version, saved, author, summary)

    def hide(self, map_id: str, expected: int, by: str | None) -> Head:
        """Hide the map (its versions stay); StaleVersion if ``expected`` is not its newest version."""
        when = now()
        with self._transaction() as db:
            row = db.execute("SELECT head, deleted FROM maps WHERE id = ?", (map_id,)).fetchone()
            if row is None or row[1]:
                raise MapNotFound(f"No map {map_id!r}" + (" (it was deleted already)." if row else "."))
            if row[0] != expected:
                raise self._stale(db, map_id, row[0], expected)
            db.execute("UPDATE maps SET deleted = ?, deleted_by = ? WHERE id = ?", (when, by, map_id))
        return Head(map_id, expected, when, by)

    @staticmethod
    def _stale(db: sqlite3.Connection, map_id: str, head: int, expected: int) -> StaleVersion:
        saved, author = db.execute(
            "SELECT saved, author FROM versions WHERE map_id = ? AND version = ?", (map_id, head)
        ).fetchone()
        return StaleVersion(
            f"Map {map_id!r} is at version {head} now, saved by {author or 'someone'} at {saved}; "
            f"this change was made to version {expected}. Nothing was overwritten: reload the map and apply it again."
        )

    def migrated(self) -> set[str]:
        """The files migrated (or looked at and skipped) already."""
        db = self._connection()
        return {row[0] for row in db.execute("SELECT file FROM migrated")} if db else set()

    def migrate(self, found: Iterable[Migration]) -> builtins.list[str]:
        """Make each map file a map with one version, in one transaction; return the ids added.

        A file migrated already (by another process meanwhile) is left alone; one whose id is taken is
        recorded as looked at and not added. Nothing is recorded unless all of it is.
        """
        added: builtins.list[str] = []
        at = now()
        with self._transaction() as db:
            done = {row[0] for row in db.execute("SELECT file FROM migrated")}
            for m in found:
                if m.file in done:
                    continue
                done.add(m.file)
                taken = db.execute("SELECT 1 FROM maps WHERE id = ?", (m.map_id,)).fetchone()
                db.execute("INSERT INTO migrated (file, map_id, at) VALUES (?, ?, ?)", (m.file, m.map_id, at))
                if taken:
                    continue
                db.execute("INSERT INTO maps (id, head, created) VALUES (?, 1, ?)", (m.map_id, m.saved))
                db.execute(
                    "INSERT INTO versions (map_id, version, saved, author, summary, document, texts)"
                    " VALUES (?, 1, ?, NULL, ?, ?, '{}')",
                    (m.map_id, m.saved, f"migrated from {Path(m.file).name}", m.document),
                )
                added.append(m.map_id)
        return added
