"""Where the page's scripts and styles and the shipped maps are: in a checkout or in an installed wheel.

The repository keeps them at its top level (``static/``, ``seeds/``); a wheel carries them inside the
package as ``argmap/static`` and ``argmap/seeds`` (pyproject's package-dir mapping), so that an
installed argmap serves its page and its maps from any folder. Imports nothing.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (``static`` or ``seeds``) inside the installed package, else in the checkout.

    Examples
    --------
    >>> (data_dir("static") / "app.js").is_file(), (data_dir("seeds") / "kremlin-drone-2023.yaml").is_file()
    (True, True)
    """
    installed = PACKAGE / name
    return installed if installed.is_dir() else PACKAGE.parent / name


STATIC = data_dir("static")
SEEDS = data_dir("seeds")
