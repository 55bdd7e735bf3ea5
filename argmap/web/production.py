"""Serving the explorer to a team: gunicorn behind ``argmap serve --workers N`` (Unix).

Why gunicorn: a Flask app in one process is held to one core by the GIL; gunicorn pre-forks N
worker processes that share the listening socket, replaces a worker that dies, and installs with
pip. Workers are ``gthread``: each keeps HTTP/1.1 connections alive (a page asks the API many
times) and answers on a few threads. The app is built once in the master (``preload_app``), so
every map is loaded and checked before the port is bound (a broken map stops ``serve`` with its
problems) and workers share the loaded maps copy-on-write. Each worker keeps its own evaluation
cache.

Imports flask (through the app) and gunicorn; nothing in the core imports this module.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from flask import Flask

from argmap.errors import ArgmapError

STALE_SECONDS = 3600  # a temporary import file this old belongs to no import still running


class WorkersUnavailable(ArgmapError):
    """``--workers`` asked for on a machine without gunicorn."""


def gunicorn_options(host: str, port: int, workers: int, threads: int, timeout: int = 30) -> dict[str, Any]:
    """The gunicorn settings ``argmap serve --workers`` runs with."""
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "keepalive": 5,
        "timeout": timeout,
        "graceful_timeout": 10,
        "preload_app": True,
        "proc_name": "argmap",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        # Scenario queries are short; refuse request lines and headers past gunicorn's defaults.
        "limit_request_line": 4094,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
    }


def serve(app: Flask, host: str, port: int, workers: int, threads: int = 4, timeout: int = 30) -> None:
    """Serve ``app`` with gunicorn until stopped (SIGINT or SIGTERM): ``workers`` processes of ``threads`` threads."""
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # Windows, or installed without it
        raise WorkersUnavailable(
            "--workers needs gunicorn, which runs on Unix only: pip install gunicorn, or serve without --workers."
        ) from None

    class ExplorerServer(BaseApplication):  # type: ignore[misc]
        """gunicorn running the already-built app with our settings (no command line of its own)."""

        def load_config(self) -> None:
            for key, value in gunicorn_options(host, port, workers, threads, timeout).items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    import_dir = app.config.get("IMPORT_DIR")
    if import_dir:
        remove_stale_temporary_files(Path(import_dir))
    store = app.extensions.get("argmap", {}).get("store")
    if store is not None:
        store.close()  # a SQLite connection must not cross fork(): each worker opens its own
    ExplorerServer().run()


def remove_stale_temporary_files(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Delete the ``.*.tmp`` files an import killed mid-write left in ``folder``; return them.

    They are never read as maps (the store skips dot-files), so this only reclaims space. Recent
    ones are left alone: another server sharing the folder may be writing them now.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    cutoff = time.time() - older_than
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
    return removed
