"""The ArgmapError tree: everything a user can cause. Imports nothing from argmap."""

from __future__ import annotations


class ArgmapError(Exception):
    """Anything a user can cause. ``str(err)`` is the message we show them."""

    status = 400  # what the web layer answers with

    def __init__(self, *messages: str) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


class InvalidMap(ArgmapError):
    """A map document breaks the schema; one message per problem."""

    def __str__(self) -> str:
        return "\n".join(self.messages)


class MapNotFound(ArgmapError):
    status = 404


class UnknownNode(ArgmapError):
    """A proposition id that the map does not have."""

    status = 404


class InvalidScenario(ArgmapError):
    """A scenario names an unknown evidence item, analyst or support reading."""


class FormatError(ArgmapError):
    """A file in a known format that cannot be read."""


class UnsupportedFormat(ArgmapError):
    """A format name nobody registered."""


class MapExists(ArgmapError):
    status = 409


class TooLarge(ArgmapError):
    status = 413


class ReadOnly(ArgmapError):
    status = 403


class Unauthorized(ArgmapError):
    """A write without the server's bearer token."""

    status = 401


class Forbidden(ArgmapError):
    """A write this server never accepts from where it came (another machine without a token, another site)."""

    status = 403


class StaleVersion(ArgmapError):
    """A save of a version that is no longer the newest: someone saved meanwhile."""

    status = 412


class PreconditionRequired(ArgmapError):
    """A save that does not say which version it replaces (no If-Match)."""

    status = 428
