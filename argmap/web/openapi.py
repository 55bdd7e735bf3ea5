"""``GET /api/openapi.json``: the OpenAPI 3.1 description of the JSON API, a static file beside this module.

``tests/api/test_openapi.py`` keeps it true: every ``/api/`` rule is documented, every documented
path exists, and real responses validate against its schemas.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app

SPEC = Path(__file__).with_name("openapi.json")

bp = Blueprint("openapi", __name__)


@bp.get("/api/openapi.json")
def openapi() -> Response:
    """The API's OpenAPI document."""
    return current_app.response_class(SPEC.read_bytes(), mimetype="application/json")
