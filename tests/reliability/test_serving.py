"""``argmap serve`` for a team: gunicorn workers, security headers everywhere, a request size limit,
read-only mode, no debugger unless asked, and a server that outlives its workers.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from http.client import HTTPConnection
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner
from flask import Flask

from argmap import cli
from argmap.web import create_app, production

Reply = Any
Http = Callable[..., Reply]
Start = Callable[..., Any]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="gunicorn and /proc: Linux")

PATHS = [
    "/",
    "/maps/small",
    "/maps/small?off=e1",
    "/api/maps",
    "/api/maps/small/labels",
    "/api/maps/small/labels?off=nope",  # 400
    "/api/maps/nope",  # 404
    "/nope",  # 404 page
    "/static/app.js",
    "/vendor/vis-network.min.js",
    "/api/openapi.json",
]


def assert_security_headers(headers: dict[str, str], path: str) -> None:
    csp = headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, (path, csp)
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, (path, csp)
    assert "object-src 'none'" in csp and "default-src 'self'" in csp, (path, csp)
    assert headers.get("x-content-type-options") == "nosniff", path
    assert headers.get("referrer-policy") in ("no-referrer", "same-origin", "strict-origin-when-cross-origin"), path


def test_the_production_server_runs_the_workers_asked_for_with_headers_on_every_response(
    serve_production: Start, http: Http
) -> None:
    with serve_production(workers=2) as server:
        assert len(server.workers()) == 2
        for path in PATHS:
            reply = http(server.url + path)
            assert reply.status in (200, 400, 404), (path, reply.status)
            assert_security_headers(reply.headers, path)
            assert "gunicorn" in reply.headers.get("server", "")
        reply = http(server.url + "/api/maps", method="DELETE")
        assert reply.status == 405 and reply.json()["error"]
        assert_security_headers(reply.headers, "DELETE /api/maps")


def test_the_server_outlives_a_worker_that_is_killed(serve_production: Start, http: Http) -> None:
    with serve_production(workers=2) as server:
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while victim in server.workers() or len(server.workers()) < 2:
            assert time.monotonic() < deadline, "the killed worker was not replaced"
            time.sleep(0.1)
        for _ in range(20):
            assert http(server.url + "/api/maps/small/labels?off=e1").json()["labels"]["h1"] == "OUT"


def test_keep_alive_connections_are_reused(serve_production: Start) -> None:
    with serve_production(workers=1) as server:
        parts = urlsplit(server.url)
        conn = HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        for off in ("", "e1", ""):
            conn.request("GET", f"/api/maps/small/labels?off={off}")
            response = conn.getresponse()
            assert response.status == 200 and json.loads(response.read())["scenario"]["off"] == ([off] if off else [])
            assert response.getheader("Connection", "keep-alive").lower() == "keep-alive"
        conn.close()


def test_a_request_over_the_size_limit_is_a_413_json_error(serve_production: Start) -> None:
    limit = 5 * 1024 * 1024 + 64 * 1024  # MAX_UPLOAD_BYTES and room for multipart framing
    with serve_production(workers=1) as server:
        parts = urlsplit(server.url)
        address = (parts.hostname or "127.0.0.1", parts.port or 80)
        # Refused on its declared length: the server answers before reading the body.
        status, headers, body = post_raw(address, {"Content-Length": str(limit + 1)}, b"")
        assert status == 413 and json.loads(body)["error"].startswith("413")
        assert_security_headers(headers, "413")
        # A chunked body declares no length: it is cut off once past the limit.
        chunks = b"".join(b"10000\r\n" + b"x" * 0x10000 + b"\r\n" for _ in range(limit // 0x10000 + 2))
        status, headers, body = post_raw(address, {"Transfer-Encoding": "chunked"}, chunks + b"0\r\n\r\n")
        assert status == 413 and json.loads(body)["error"]


def post_raw(address: tuple[str, int], headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
    """POST /api/maps over a plain socket, sending what the server will take, then read its answer."""
    head = "".join(
        f"{k}: {v}\r\n" for k, v in {"Content-Type": "application/json", "Connection": "close", **headers}.items()
    )
    with socket.create_connection(address, timeout=30) as sock:
        sock.sendall(f"POST /api/maps HTTP/1.1\r\nHost: {address[0]}\r\n{head}\r\n".encode())
        with contextlib.suppress(OSError):  # the server may close before taking it all
            for i in range(0, len(body), 0x10000):
                sock.sendall(body[i : i + 0x10000])
        reply = b""
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):  # Connection: close, so the answer ends at EOF
                reply += chunk
    header_block, _, payload = reply.partition(b"\r\n\r\n")
    lines = header_block.decode().split("\r\n")
    parsed = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), parsed, payload


def test_read_only_refuses_imports_and_hides_the_form(
    serve_production: Start, http: Http, documents: Callable[[str], dict[str, Any]]
) -> None:
    with serve_production("--read-only", workers=1) as server:
        body = json.dumps(documents("fresh")).encode()
        reply = http(server.url + "/api/maps", "POST", body, {"Content-Type": "application/json"})
        assert reply.status == 403 and "read-only" in reply.json()["error"]
        assert http(server.url + "/api/maps/fresh").status == 404
        page = http(server.url + "/").body.decode()
        assert 'id="import-form"' not in page and "small" in page
        assert not list(server.import_dir.glob("*")) if server.import_dir.exists() else True


def test_without_read_only_the_form_is_there(shipped: Path, tmp_path: Path) -> None:
    app = create_app({"MAPS_DIR": str(shipped), "IMPORT_DIR": str(tmp_path / "imports")})
    assert 'id="import-form"' in app.test_client().get("/").get_data(as_text=True)
    app.config["READ_ONLY"] = True
    assert 'id="import-form"' not in app.test_client().get("/").get_data(as_text=True)


def test_read_only_can_come_from_the_environment(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, documents: Callable[[str], dict[str, Any]]
) -> None:
    monkeypatch.setenv("ARGMAP_READ_ONLY", "true")
    app = create_app({"MAPS_DIR": str(shipped), "TESTING": True})
    reply = app.test_client().post("/api/maps", json=documents("fresh"))
    assert reply.status_code == 403 and reply.get_json()["details"] == [reply.get_json()["error"]]


def test_a_broken_map_stops_the_production_server_before_it_binds(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "bad.yaml").write_text(yaml.safe_dump({"id": "bad", "title": "T", "propositions": []}))
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(folder), "--workers", "2"])
    assert result.exit_code == 1 and "bad.yaml: propositions: the map has no propositions" in result.output
    assert "Traceback" not in result.output


class Captured:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.kwargs: list[dict[str, Any]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.calls.append(args)
        self.kwargs.append(kwargs)


@pytest.mark.parametrize(
    ("args", "debug", "read_only"),
    [([], False, False), (["--debug"], True, False), (["--read-only"], False, True)],
)
def test_serve_runs_no_debugger_unless_asked(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], debug: bool, read_only: bool
) -> None:
    run = Captured()
    monkeypatch.setattr(Flask, "run", lambda app, **kwargs: run(app, **kwargs))
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(shipped), *args])
    assert result.exit_code == 0, result.output
    (app,), kwargs = run.calls[0], run.kwargs[0]
    assert kwargs["debug"] is debug and kwargs["use_reloader"] is debug and kwargs["host"] == "127.0.0.1"
    assert app.config["READ_ONLY"] is read_only and app.debug is False


def test_workers_go_to_gunicorn_with_the_app_built_once(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serve = Captured()
    monkeypatch.setattr(production, "serve", serve)
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(shipped), "--workers", "3", "--threads", "2"])
    assert result.exit_code == 0, result.output
    app, host, port, workers, threads = serve.calls[0]
    assert isinstance(app, Flask) and (host, port, workers, threads) == ("127.0.0.1", 5000, 3, 2)
    assert app.debug is False and "3 workers" in result.output


def test_debug_and_workers_do_not_mix(shipped: Path) -> None:
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(shipped), "--workers", "2", "--debug"])
    assert result.exit_code == 2 and "--debug" in result.output


def test_the_gunicorn_settings_keep_connections_alive_and_load_maps_once() -> None:
    options = production.gunicorn_options("127.0.0.1", 8000, 2, 4)
    assert options["bind"] == "127.0.0.1:8000" and options["workers"] == 2
    assert options["worker_class"] == "gthread" and options["keepalive"] > 0 and options["preload_app"] is True
    assert production.gunicorn_options("::1", 8000, 1, 1)["bind"] == "[::1]:8000"


def test_stale_temporary_import_files_are_removed_and_recent_ones_kept(tmp_path: Path) -> None:
    old, recent, kept_map = tmp_path / ".m.json.abc.tmp", tmp_path / ".n.json.def.tmp", tmp_path / "m.json"
    for path in (old, recent, kept_map):
        path.write_text("{")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert production.remove_stale_temporary_files(tmp_path) == [old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, kept_map.name])
    assert production.remove_stale_temporary_files(tmp_path / "missing") == []


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "::", "example.org"])
def test_serve_refuses_a_public_address_without_a_token_or_read_only(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    run = Captured()
    monkeypatch.setattr(Flask, "run", lambda app, **kwargs: run(app, **kwargs))
    monkeypatch.delenv("ARGMAP_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(shipped), "--host", host])
    assert result.exit_code == 1 and not run.calls
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"Error: refusing to serve on {host} with neither a token nor --read-only")


@pytest.mark.parametrize("how", ["--token-file", "--read-only", "ARGMAP_TOKEN"])
def test_serve_on_a_public_address_with_a_token_or_read_only(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    run = Captured()
    monkeypatch.setattr(Flask, "run", lambda app, **kwargs: run(app, **kwargs))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "token").write_text("a-long-random-token\n", encoding="utf-8")
    args = {"--token-file": ["--token-file", str(tmp_path / "token")], "--read-only": ["--read-only"]}.get(how, [])
    if how == "ARGMAP_TOKEN":
        monkeypatch.setenv("ARGMAP_TOKEN", "a-long-random-token")
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(shipped), "--host", "0.0.0.0", *args])
    assert result.exit_code == 0, result.output
    (app,), kwargs = run.calls[0], run.kwargs[0]
    assert kwargs["host"] == "0.0.0.0"
    assert app.config["TOKEN"] == (None if how == "--read-only" else "a-long-random-token")


def test_an_empty_token_file_stops_serve(shipped: Path, tmp_path: Path) -> None:
    (tmp_path / "token").write_text("\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["serve", "--maps", str(shipped), "--token-file", str(tmp_path / "token")])
    assert result.exit_code == 1 and "the token file is empty" in result.output and "Traceback" not in result.output
