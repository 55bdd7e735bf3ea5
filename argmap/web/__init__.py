"""The explorer: a Flask app factory wiring the JSON API, the pages, security headers and error handlers.

Configuration (STYLE §6): defaults, then ``ARGMAP_*`` environment variables, then the mapping
passed in. ``MAPS_DIR`` is the shipped (read-only) maps folder, ``IMPORT_DIR`` where ``POST
/api/maps`` saves imports (``instance/maps`` under the working directory; a temporary folder when
``TESTING``; None switches imports off), ``MAX_UPLOAD_BYTES`` the import size limit, ``READ_ONLY``
refuses imports (403) and hides the import form. ``DB`` is the SQLite file of editable maps and
their versions (default ``argmap.sqlite3`` beside ``IMPORT_DIR``: ``instance/argmap.sqlite3``; the
maps files there were imported into are migrated once). ``TOKEN`` (or ``TOKEN_FILE``) is the bearer
token writes need; without one, writes are accepted from loopback only (``auth``). Maps load and
validate once here: a broken map file stops startup with InvalidMap's list of problems.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from argmap.errors import ArgmapError, InvalidMap, InvalidScenario, Unauthorized
from argmap.resources import SEEDS, STATIC
from argmap.store import DEFAULT_MAX_BYTES, MapStore, Memo
from argmap.web import accounts, analysis, api, openapi, pages, saving
from argmap.web.state import EXTENSION

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

PAGE_TITLES = {
    "InvalidScenario": "This scenario cannot be shown",
    "MapNotFound": "No such map",
    "InvalidMap": "This map has problems",
}

log = logging.getLogger(__name__)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the explorer app; maps are loaded and checked before it is returned."""
    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config.from_mapping(
        MAPS_DIR=str(SEEDS),
        MAX_UPLOAD_BYTES=DEFAULT_MAX_BYTES,
        EVALUATION_CACHE=128,
        PAGE_CACHE=8,
        READ_ONLY=False,
        JSON_SORT_KEYS=False,
    )
    app.config.from_prefixed_env("ARGMAP")
    if config:
        app.config.from_mapping(config)
    if "IMPORT_DIR" not in app.config:
        app.config["IMPORT_DIR"] = _default_import_dir(app.testing)
    app.config["TOKEN"] = _token(app.config)
    # Flask refuses bodies over this with 413 before a view reads them; leave room for multipart framing.
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_BYTES"]) + 64 * 1024
    app.json.sort_keys = False  # type: ignore[attr-defined]

    import_dir = app.config.get("IMPORT_DIR")
    store = MapStore(
        Path(app.config["MAPS_DIR"]),
        Path(import_dir) if import_dir else None,
        int(app.config["MAX_UPLOAD_BYTES"]),
        app.config.get("DB"),
    )
    if not store.shipped.is_dir():
        log.warning("maps folder %s does not exist; serving imports only", store.shipped)
    store.load_all()
    app.extensions[EXTENSION] = {
        "store": store,
        "memo": Memo[Any](int(app.config["EVALUATION_CACHE"])),
        "pages": Memo[str](int(app.config["PAGE_CACHE"])),  # rendered pages: a few MB each on big maps
    }

    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(saving.bp, url_prefix="/api")
    app.register_blueprint(pages.bp)
    app.register_blueprint(analysis.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(openapi.bp)
    app.register_error_handler(ArgmapError, _argmap_error)
    app.register_error_handler(HTTPException, _http_error)
    app.after_request(_security_headers)
    return app


def _default_import_dir(testing: bool) -> str:
    """``instance/maps`` under the working directory; in a throwaway folder for a testing app (the database too)."""
    if not testing:
        return str(Path.cwd() / "instance" / "maps")
    folder = tempfile.mkdtemp(prefix="argmap-instance-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return str(Path(folder) / "maps")


def _token(config: Mapping[str, Any]) -> str | None:
    """``TOKEN``, else the first line of ``TOKEN_FILE``; an unreadable or empty file stops startup."""
    if config.get("TOKEN") not in (None, ""):
        return str(config["TOKEN"])  # ARGMAP_TOKEN=123 arrives as a number
    path = config.get("TOKEN_FILE")
    if not path:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeError) as err:
        raise ArgmapError(f"{path}: cannot read the token file: {getattr(err, 'strerror', None) or err}") from None
    if not text:
        raise ArgmapError(f"{path}: the token file is empty; write the token on its first line")
    return text.splitlines()[0].strip()


def _wants_json() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def _error_body(error: str, details: list[str], status: int) -> tuple[Response, int]:
    return jsonify(error=error, details=details), status


def _argmap_error(err: ArgmapError) -> Any:
    if isinstance(err, InvalidMap):
        n = len(err.messages)
        summary = f"The map is not valid: {n} problem{'s' if n != 1 else ''} (see details)."
    else:
        summary = str(err)
    if _wants_json():
        response, status = _error_body(summary, list(err.messages), err.status)
        if isinstance(err, Unauthorized):
            response.headers["WWW-Authenticate"] = 'Bearer realm="argmap"'
        return response, status
    title = PAGE_TITLES.get(type(err).__name__, "This request cannot be answered")
    map_id = (request.view_args or {}).get("map_id")
    reset = f"/maps/{map_id}" if isinstance(err, InvalidScenario) and map_id else None
    page = render_template("error.html", status=err.status, title=title, details=err.messages, reset=reset)
    return page, err.status


def _http_error(err: HTTPException) -> Any:
    status = err.code or 500
    summary = f"{status} {err.name}: {err.description}" if err.description else f"{status} {err.name}"
    allowed: list[str] = list(getattr(err, "valid_methods", None) or [])
    details = [f"allowed methods: {', '.join(allowed)}"] if allowed else []
    if _wants_json():
        response, code = _error_body(summary, details, status)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response, code
    return render_template("error.html", status=status, title=summary, details=details), status


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault("Cache-Control", "no-cache")
    return response
