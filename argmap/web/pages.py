"""The HTML pages: the list of maps, the explorer for one map, and vis-network from pyvis's package folder."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, send_from_directory

from argmap.render import PALETTE, RELATION_COLOURS, VIS_DIR, VIS_FILES
from argmap.scenario import SupportMode
from argmap.web.state import lenient_evaluation, pages, store
from argmap.web.view import page_json, page_model

bp = Blueprint("pages", __name__)

SUPPORT_READINGS = {
    SupportMode.EVIDENTIAL: "Evidence stands on its own; every other proposition needs an accepted supporter.",
    SupportMode.DEDUCTIVE: "Supports carry attacks along chains: attacking a premise attacks what it supports, "
    "and a supported proposition's attacks count for its supporters.",
    SupportMode.ABSTRACT: "Only attacks count; supports are drawn but ignored.",
}


@bp.get("/")
def index() -> str:
    """The maps this server has, with a form to import another."""
    imports = store().writable and not current_app.config["READ_ONLY"]
    return render_template("index.html", maps=store().list(), imports=imports)


@bp.get("/maps/<map_id>")
def explorer(map_id: str) -> str:
    """The explorer for one map, rendered for the scenario in the query.

    A link may name evidence or analysts the map no longer has: the page applies the rest and says
    what it dropped (the URL is then rewritten to the scenario shown).
    """
    m = store().get(map_id)
    result, dropped = lenient_evaluation(m)

    def render() -> str:
        model: dict[str, Any] = page_model(m, result)
        return render_template(
            "map.html",
            model=model,
            data_json=page_json(m, model),
            readings=SUPPORT_READINGS,
            palette=PALETTE,
            relation_colours=RELATION_COLOURS,
            dropped=dropped,
        )

    return pages().get((m, result.scenario, tuple(dropped)), render)


@bp.get("/vendor/<name>")
def vendor(name: str) -> Response:
    """vis-network's script and stylesheet, as the installed pyvis package ships them."""
    if name not in VIS_FILES:
        abort(404)
    return send_from_directory(VIS_DIR, name, max_age=3600)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon, for browsers that ask for it by its old name."""
    folder = current_app.static_folder or "static"
    return send_from_directory(folder, "favicon.svg", mimetype="image/svg+xml", max_age=3600)
