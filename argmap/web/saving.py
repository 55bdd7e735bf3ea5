"""Saving maps under ``/api`` (DESIGN §8): PUT a whole document over a version, versions, restore, delete, copy,
and the verdicts of a draft not saved yet (``POST /api/evaluate``), so an editor's verdicts follow every edit.

Every save names the version it replaces in ``If-Match: "<version>"`` (the ETag of ``GET
/api/maps/<id>``): 428 without it, 412 when someone saved meanwhile. Every write passes
``auth.require_write`` first. Views are thin; the store does the work in one transaction.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from argmap.changes import checked
from argmap.database import Version
from argmap.document import parse_text
from argmap.errors import FormatError, PreconditionRequired, TooLarge, UnknownNode
from argmap.pipeline import evaluate
from argmap.scenario import scenario_from_query
from argmap.web.auth import author, require_write
from argmap.web.state import store

bp = Blueprint("saving", __name__)


@bp.put("/maps/<map_id>")
def save(map_id: str) -> Response:
    """Save the whole document sent as the map's newest version, over the version in If-Match."""
    require_write()
    store().editable(map_id)
    expected = if_match()
    version = store().save(map_id, json_body(), expected, author())
    return saved(map_id, version)


@bp.delete("/maps/<map_id>")
def delete(map_id: str) -> Response:
    """Hide the map: it leaves the list and answers 404; its versions stay and restoring one brings it back."""
    require_write()
    store().editable(map_id)
    head = store().delete(map_id, if_match(), author())
    body: dict[str, Any] = {"id": map_id, "version": head.version, "deleted": head.deleted}
    if head.deleted_by:
        body["by"] = head.deleted_by
    return jsonify(body)


@bp.get("/maps/<map_id>/versions")
def versions(map_id: str) -> Response:
    """Every saved version, oldest first: number, time, author and what changed (a deleted map's too)."""
    history = store().history(map_id)
    body: dict[str, Any] = {"id": map_id, "version": history.version, "editable": history.editable}
    if history.deleted:
        body["deleted"] = history.deleted
    body["versions"] = [v.to_dict() for v in history.versions]
    response = jsonify(body)
    response.set_etag(str(history.version))
    return response


@bp.get("/maps/<map_id>/versions/<int:number>")
def version(map_id: str, number: int) -> Response:
    """The document of one version; ``?texts=1`` adds the sources' full texts (for the editor: a write's rights)."""
    texts = wants_texts()
    return jsonify(store().version(map_id, number, texts=texts))


@bp.post("/maps/<map_id>/versions/<int:number>/restore")
def restore(map_id: str, number: int) -> Response:
    """Save version ``number`` again as the newest, over the version in If-Match; brings a deleted map back."""
    require_write()
    expected = if_match()
    return saved(map_id, store().restore(map_id, number, expected, author()))


@bp.post("/maps/<map_id>/copy")
def copy(map_id: str) -> tuple[Response, int, dict[str, str]]:
    """Save a copy of a map (a shipped one too) as a new editable map: ``{"id": new id, "title"?: ...}``."""
    require_write()
    body = json_body()
    if not isinstance(body, dict):
        raise FormatError('Send {"id": "<new id>"} (and optionally "title") as JSON.')
    m, version = store().copy(map_id, body.get("id"), body.get("title"), author())
    url = f"/maps/{m.id}"
    response = jsonify(id=m.id, title=m.title, url=url, api=f"/api/maps/{m.id}", version=version.version)
    response.set_etag(str(version.version))
    return response, 201, {"Location": url}


@bp.post("/evaluate")
def evaluate_draft() -> Response:
    """The verdicts of a draft document (not saved) under the query's scenario; ``explain=<id>`` adds one explanation.

    The body is a whole map document, as for PUT; the answer is the verdicts endpoint's body (labels,
    rounds, inferences, scenario, a reason per hypothesis). A POST with an editor's rights, as it
    serves the editor only.
    """
    require_write()
    m, _ = checked(json_body())
    result = evaluate(m, scenario=scenario_from_query(m, request.args))
    body = {**result.to_dict(), "reasons": {h: result.reason(h) for h in m.hypotheses}}
    target = request.args.get("explain")
    if target:
        if target not in m.propositions and target not in result.inferences:
            raise UnknownNode(f"No proposition or step {target!r} in this draft.")
        body["explanation"] = result.explain(target)
    return jsonify(body)


def saved(map_id: str, version: Version) -> Response:
    """The answer to a save: the new version (its number also as the ETag)."""
    response = jsonify({"id": map_id, **version.to_dict(), "url": f"/maps/{map_id}", "api": f"/api/maps/{map_id}"})
    response.set_etag(str(version.version))
    return response


def if_match() -> set[int]:
    """The versions named in If-Match (``"3"``; a list too); 428 without the header."""
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        raise PreconditionRequired(
            'Say which version this change was made to: send If-Match: "<version>" '
            "(the ETag of GET /api/maps/<id>). Without it a save could overwrite someone else's."
        )
    if header.strip() == "*":
        raise PreconditionRequired('If-Match: * names no version; send the ETag you read, such as "3".')
    found = set()
    for tag in header.split(","):
        tag = tag.strip().removeprefix('"').removesuffix('"')
        if tag.isdigit() and len(tag) < 12:
            found.add(int(tag))
    return found  # weak or unknown tags match no version: 412


def json_body() -> Any:
    """The request's JSON body, or 413 / 400 saying what is wrong with it."""
    raw = request.get_data(cache=False)
    limit = store().max_bytes
    if len(raw) > limit:
        raise TooLarge(f"The body is {len(raw)} bytes; maps are limited to {limit} bytes.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FormatError(f"document: not UTF-8 text (byte {err.start}).") from None
    return parse_text(text, "document", "json")


def wants_texts() -> bool:
    """Whether the request asks for the sources' full texts (``texts=1``); only a client that may write gets them."""
    wanted = request.args.get("texts", "").lower() in ("1", "true", "yes")
    if wanted:
        require_write()
    return wanted
