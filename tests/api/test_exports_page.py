"""The explorer's export controls as served: each distinct file once, named for people, on the page's scenario."""

from __future__ import annotations

from html.parser import HTMLParser

from flask.testing import FlaskClient

from argmap.formats import WRITERS
from argmap.web.exports import TITLES, export_choices


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def with_attr(tags: Tags, name: str, value: str) -> list[dict[str, str | None]]:
    return [a for _, a in tags.tags if a.get(name) == value]


def test_every_writer_s_file_is_offered_exactly_once() -> None:
    choices = export_choices()
    offered = [WRITERS[c["name"]].write for c in choices]
    assert len(offered) == len(set(offered))  # i23 and iccma write one file: one entry
    assert {w.write for w in WRITERS.values()} == set(offered)
    assert all(c["title"] == TITLES[c["name"]] for c in choices)  # every shipped writer has a name for people
    assert [c["name"] for c in choices if c["table"]] == ["iccma", "tgf", "apx"]


def test_the_page_offers_json_and_svg_as_buttons_and_the_rest_in_the_menu(client: FlaskClient) -> None:
    tags = parse(client.get("/maps/small?off=e1").text)
    options = [a["value"] for t, a in tags.tags if t == "option" and "data-extension" in a]
    assert options == ["aif", "iccma", "tgf", "apx", "graphml", "dot", "html"]
    [json_link] = with_attr(tags, "data-testid", "export-json")
    [svg_link] = with_attr(tags, "data-testid", "export-svg")
    assert json_link["href"] == "/api/maps/small/export?format=json&off=e1" and json_link["download"] == "small.json"
    assert svg_link["href"] == "/api/maps/small/export?format=svg&off=e1" and svg_link["download"] == "small.svg"
    [table] = with_attr(tags, "data-testid", "export-table")
    assert "hidden" in table  # the first entry, AIF, has no side table
    assert table["href"] == "/api/maps/small/export?format=aif&part=table&off=e1"
    assert with_attr(tags, "data-testid", "export-png")


def test_the_side_table_link_names_its_file_as_the_cli_does(client: FlaskClient) -> None:
    response = client.get("/api/maps/small/export?format=iccma&part=table&off=e1")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="small.i23.map.json"'
