"""The wheel and the sdist carry the page and the shipped maps: installed into a fresh virtual
environment and started from an empty folder, ``argmap serve`` lists the shipped map and serves its
page with every script and style the page asks for.

Building is offline (``python -m build --no-isolation``, with setuptools and build from the dev
extras): the sdist, then the wheel from the unpacked sdist, which shows the sdist complete. The
fresh environment installs the wheel's dependencies with pip as a user would (from pip's cache
when it has them).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parents[2]
SEED_ID = "kremlin-drone-2023"
# <script src>, <link href> (stylesheets, module preloads, the icon), and a module's static imports.
PAGE_ASSETS = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)="(/[^"]+)\"""")
MODULE_IMPORTS = re.compile(r"""^import\b[^;]*?from\s+["'](\./[^"']+)["']""", re.M)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    (out / "build.log").write_text(built.stdout + built.stderr)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return out


def test_the_build_warns_of_nothing_deprecated(dist: Path) -> None:
    log = (dist / "build.log").read_text()
    assert "Successfully built" in log
    assert not re.search(r"deprecat|SetuptoolsWarning|BuildBackendWarning|would be ignored", log, re.I), log


def test_the_sdist_keeps_the_repository_layout(dist: Path) -> None:
    (sdist,) = dist.glob("argmap-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert {"static/app.js", "static/app.css", f"seeds/{SEED_ID}.yaml", "argmap/web/templates/map.html"} <= names
    assert "pyproject.toml" in names and "README.md" in names


def test_the_wheel_carries_static_files_templates_and_seeds(dist: Path) -> None:
    (wheel,) = dist.glob("argmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    static = {p.name for p in (ROOT / "static").iterdir()}
    assert {f"argmap/static/{name}" for name in static} <= names
    assert f"argmap/seeds/{SEED_ID}.yaml" in names
    assert {"argmap/web/templates/map.html", "argmap/web/openapi.json", "argmap/py.typed"} <= names
    metadata = zipfile.ZipFile(wheel).read(f"argmap-{argmap.__version__}.dist-info/METADATA").decode()
    assert f"Version: {argmap.__version__}" in metadata and "License-Expression: MIT" in metadata


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    (wheel,) = dist.glob("argmap-*.whl")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True, timeout=300, env=_clean_env())
    return venv / "bin"


def _clean_env() -> dict[str, str]:
    """This environment without anything that would put the repository on the path."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``argmap serve`` of the installed wheel, started from an empty folder on a free port."""
    folder = tmp_path_factory.mktemp("elsewhere")
    port = _free_port()
    log = (folder / "serve.log").open("w")
    proc = subprocess.Popen(
        [str(installed / "argmap"), "serve", "--port", str(port)],
        cwd=folder,
        env=_clean_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/maps", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((folder / "serve.log").read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def test_the_installed_package_runs_from_the_environment_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    code = "import argmap, argmap.resources as r; print(argmap.__file__); print(r.STATIC); print(r.SEEDS)"
    out = subprocess.run(
        [str(installed / "python"), "-c", code], cwd=tmp_path, env=_clean_env(), capture_output=True, text=True
    )
    paths = [Path(line) for line in out.stdout.split()]
    assert len(paths) == 3, out.stderr
    assert all(installed.parent in p.parents and ROOT not in p.parents for p in paths), paths
    version = subprocess.run([str(installed / "argmap"), "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert version.stdout.strip() == f"argmap, version {argmap.__version__}"


def test_argmap_serve_from_anywhere_serves_the_shipped_map_with_its_page(served: str) -> None:
    status, body = _get(f"{served}/api/maps")
    assert status == 200
    assert SEED_ID in json.dumps(json.loads(body))
    status, page = _get(f"{served}/maps/{SEED_ID}")
    assert status == 200 and 'id="argmap-data"' in page
    assets = list(dict.fromkeys(PAGE_ASSETS.findall(page)))
    assert {"/static/app.js", "/static/app.css", "/vendor/vis-network.min.js", "/vendor/vis-network.css"} <= set(assets)
    fetched: dict[str, int] = {}
    while assets:
        path = assets.pop()
        if path in fetched:
            continue
        status, text = _get(f"{served}{path}")
        fetched[path] = status
        if path.endswith(".js") and path.startswith("/static/"):
            assets += [f"/static/{name[2:]}" for name in MODULE_IMPORTS.findall(text)]
    assert {"/static/graph.js", "/static/details.js"} <= set(fetched)
    assert set(fetched.values()) == {200}, fetched


def test_the_installed_package_exports_the_self_contained_page(served: str) -> None:
    status, page = _get(f"{served}/api/maps/{SEED_ID}/export?format=html&distrust=isw")
    assert status == 200 and page.startswith("<!doctype html>")
    assert 'id="argmap-data"' in page and "drawGraph(" in page and "<script src" not in page
