"""Saving from a real browser: a page of the server can save with fetch (If-Match, 412 on a stale
version); a page of another origin cannot make the server write, not even with a form-like request.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page

SAVE = """async ([url, doc, version]) => {
  const response = await fetch(url, {
    method: "PUT",
    headers: {
      "Content-Type": "application/json", "If-Match": `"${version}"`, "X-Argmap-Author": encodeURIComponent("Zoë"),
    },
    body: JSON.stringify(doc),
  });
  return {status: response.status, etag: response.headers.get("ETag"), body: await response.json()};
}"""


def api(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_a_page_of_the_server_saves_with_if_match(
    page: Page, live_url: str, watch: Any, small_documents: Callable[[], dict[str, Any]]
) -> None:
    watch.allow("412")
    page.goto(f"{live_url}/")
    doc = {**small_documents(), "id": "saved-in-browser"}
    created = page.evaluate(
        """async (doc) => (await fetch("/api/maps", {method: "POST", headers: {"Content-Type": "application/json"},
                                                  body: JSON.stringify(doc)})).status""",
        doc,
    )
    assert created == 201
    url = "/api/maps/saved-in-browser"
    first = page.evaluate(SAVE, [url, {**doc, "title": "Saved in a browser"}, 1])
    assert (first["status"], first["etag"], first["body"]["by"]) == (200, '"2"', "Zoë")
    stale = page.evaluate(SAVE, [url, {**doc, "title": "Too late"}, 1])
    assert stale["status"] == 412 and "Nothing was overwritten" in stale["body"]["error"]
    assert api(f"{live_url}{url}")["title"] == "Saved in a browser"


def test_a_page_of_another_origin_cannot_write(
    page: Page, live_url: str, small_documents: Callable[[], dict[str, Any]]
) -> None:
    other = live_url.replace("127.0.0.1", "localhost")  # another origin, served by the same server
    page.goto(f"{other}/")
    doc = json.dumps({**small_documents(), "id": "from-another-site"})
    outcome = page.evaluate(
        """async ([target, doc]) => {
          const attempt = async (url, options) => {
            try { return (await fetch(url, options)).type; } catch (err) { return "blocked"; }
          };
          const simple = {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: doc};
          const put = {method: "PUT", headers: {"If-Match": '"1"'}, body: doc};
          return [await attempt(target + "/api/maps", simple), await attempt(target + "/api/maps/small", put)];
        }""",
        [live_url, doc],
    )
    assert outcome[0] in ("opaque", "blocked") and outcome[1] == "blocked"  # the PUT is never even sent (no CORS)
    assert "from-another-site" not in [m["id"] for m in api(f"{live_url}/api/maps")]
