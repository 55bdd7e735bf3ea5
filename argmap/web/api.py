"""The JSON API under ``/api`` (DESIGN §5): maps, labels, explanations, exports, imports.

Saving, versions, deleting and copying maps (DESIGN §8) live in ``saving``.

Views are thin: parse the request, make one core call, return JSON. Errors are raised as
ArgmapError and turned into ``{"error": ..., "details": [...]}`` by the app's handlers.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from argmap.errors import FormatError, TooLarge, UnknownNode, UnsupportedFormat
from argmap.formats import writer_for
from argmap.formats.iccma_export import FORMATS as FRAMEWORK_FORMATS
from argmap.formats.iccma_export import write_side_table
from argmap.scenario import id_list
from argmap.web.auth import author, require_write
from argmap.web.saving import wants_texts
from argmap.web.state import evaluation, memo, store

bp = Blueprint("api", __name__)

RAW_NAMES = {
    "application/json": "upload.json",
    "application/yaml": "upload.yaml",
    "application/x-yaml": "upload.yaml",
    "text/yaml": "upload.yaml",
    "text/x-yaml": "upload.yaml",
}


@bp.get("/maps")
def list_maps() -> Response:
    """Every map the server has: id, title, question, counts and the page's url."""
    return jsonify(store().list())


@bp.post("/maps")
def import_map() -> tuple[Response, int, dict[str, str]]:
    """Import a map (argmap JSON/YAML or any registered format) sent as the body or a multipart ``file``.

    A raw body may be named with ``?filename=``: readers that take the map id from the file name (AIF) use it.
    """
    require_write()
    raw, filename = _upload()
    limit = store().max_bytes
    if len(raw) > limit:
        raise TooLarge(f"{filename}: {len(raw)} bytes; imports are limited to {limit} bytes.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FormatError(f"{filename}: not UTF-8 text (byte {err.start}).") from None
    found = store().add_import(text, filename, author())  # a node the reader skips is a warning: one line each
    m, warnings = found.map, [f"{filename}: {w}" for w in found.warnings]
    url = f"/maps/{m.id}"
    body = jsonify(id=m.id, title=m.title, url=url, api=f"/api/maps/{m.id}", version=1, warnings=warnings)
    return body, 201, {"Location": url, "ETag": '"1"'}


@bp.get("/maps/<map_id>")
def document(map_id: str) -> Response:
    """The map document (DESIGN §1); its ETag is its version. ``?texts=1`` adds the sources' full texts."""
    doc, version = store().document(map_id, texts=wants_texts())
    response = jsonify(doc)
    response.set_etag(str(version))
    return response


@bp.get("/maps/<map_id>/labels")
def labels(map_id: str) -> Response:
    """Labels and rounds of every proposition under the query's scenario."""
    return jsonify(evaluation(store().get(map_id)).to_dict())


@bp.get("/maps/<map_id>/verdicts")
def verdicts(map_id: str) -> Response:
    """The labels body plus a one-line reason per hypothesis (or per proposition in ``ids``, a comma list)."""
    m = store().get(map_id)
    result = evaluation(m)
    wanted = tuple(id_list(request.args.getlist("ids"))) or tuple(m.hypotheses)
    unknown = [p for p in wanted if p not in m.propositions]
    if unknown:
        raise UnknownNode(f"No proposition {', '.join(map(repr, unknown))} in map {m.id!r}.")

    def compute() -> dict[str, Any]:
        return {**result.to_dict(), "reasons": {p: result.reason(p) for p in wanted}}

    return jsonify(memo().get((m, result.scenario, "verdicts", wanted), compute))


@bp.get("/maps/<map_id>/explain/<prop>")
def explain(map_id: str, prop: str) -> Response:
    """Why ``prop`` has its label: the explanation tree of DESIGN §4."""
    return jsonify(evaluation(store().get(map_id)).explain(prop))


@bp.get("/maps/<map_id>/export")
def export(map_id: str) -> Response:
    """The map and its scenario's labels as a download in ``format`` (default json)."""
    m = store().get(map_id)
    fmt = request.args.get("format", "json")
    info = writer_for(fmt)
    if request.args.get("part") == "table":  # an ICCMA export's side table: argument names -> propositions
        if fmt not in FRAMEWORK_FORMATS:
            raise UnsupportedFormat(
                f"part=table goes with a framework format ({', '.join(FRAMEWORK_FORMATS)}), not {fmt!r}."
            )
        response = current_app.response_class(write_side_table(fmt, evaluation(m)), mimetype="application/json")
        response.headers["Content-Disposition"] = f'attachment; filename="{m.id}.{info.extension}.map.json"'
        return response
    body = info.write(evaluation(m))
    response = current_app.response_class(body, mimetype=info.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{m.id}.{info.extension}"'
    return response


def _upload() -> tuple[bytes, str]:
    """The uploaded bytes and a file name that tells the format readers what to expect."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise FormatError("Send the map as a multipart field named 'file' or as the request body.")
        return upload.read(), _basename(upload.filename or "") or "upload"
    named = _basename(request.args.get("filename", ""))
    return request.get_data(cache=False), named or RAW_NAMES.get(request.mimetype, "upload")


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()
