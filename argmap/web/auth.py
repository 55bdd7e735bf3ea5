"""Who may change maps: the bearer token, the loopback rule, and the checks every write passes.

A server with a token (``argmap serve --token-file F``, ``ARGMAP_TOKEN``, config ``TOKEN``) accepts
a write (POST, PUT, DELETE) only with ``Authorization: Bearer <token>``, compared in constant time.
A server without one accepts writes only from this machine: the client's address and the ``Host``
it asked for must both be loopback (the Host check keeps a web page that rebinds its own name to
127.0.0.1 out). No write is ever authenticated by a cookie, so a page on another site cannot make
one for its visitor (no CSRF); a write whose ``Origin`` is another site is refused all the same.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from urllib.parse import unquote, urlsplit

from flask import current_app, request

from argmap.errors import ArgmapError, Forbidden, ReadOnly, Unauthorized

AUTHOR_HEADER = "X-Argmap-Author"
MAX_AUTHOR = 100


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, maybe ``[::1]``) is this machine's loopback.

    Examples
    --------
    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "[::1]", "localhost", "0.0.0.0", "10.1.2.3", "example.org")]
    [True, True, True, True, False, False, False]
    """
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def token() -> str | None:
    """The server's write token, if it has one."""
    found = current_app.config.get("TOKEN")
    return str(found) if found not in (None, "") else None


def require_write() -> None:
    """Refuse this request unless it may change maps here (403 read-only or not from here, 401 no token)."""
    if current_app.config.get("READ_ONLY"):
        raise ReadOnly("This server is read-only: maps cannot be imported, saved or deleted here.")
    origin = request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc.lower() != request.host.lower():
        raise Forbidden(f"A change sent from another site ({origin[:80]}) is refused.")
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        raise Forbidden("A change sent from another site is refused.")
    expected = token()
    if expected is not None:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not _same(given.strip(), expected):
            what = "a wrong token" if scheme.lower() == "bearer" else "no token"
            raise Unauthorized(f"Changes need this server's token: send Authorization: Bearer <token> ({what} sent).")
        return
    if not is_loopback(request.remote_addr or "") or not is_loopback(urlsplit(f"//{request.host}").hostname or ""):
        raise Forbidden(
            "Without a token this server accepts changes only from this machine (at localhost); "
            "start it with --token-file to accept them from others."
        )


def author() -> str | None:
    """The name in ``X-Argmap-Author`` (UTF-8, percent-encoded as JavaScript's encodeURIComponent), if any."""
    raw = request.headers.get(AUTHOR_HEADER)
    if raw is None:
        return None
    try:
        name = unquote(raw.encode("latin-1").decode("utf-8"), errors="strict")
    except UnicodeError:
        raise ArgmapError(f"{AUTHOR_HEADER}: not UTF-8 text; percent-encode the name") from None
    name = " ".join(name.split())
    if len(name) > MAX_AUTHOR or not name.isprintable():
        raise ArgmapError(f"{AUTHOR_HEADER}: a name of at most {MAX_AUTHOR} printable characters")
    return name or None


def _same(given: str, expected: str) -> bool:
    """Compare in constant time, whatever the lengths (both are hashed first)."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())
