"""The format registry: readers turn text into a map, writers turn an evaluation into text.

Keys are what users type (``--format aif``, ``?format=iccma``). Framework readers (ICCMA's
plain Dung frameworks) are kept apart, since a framework is not a map.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from argmap.errors import UnsupportedFormat
from argmap.model import ArgumentMap
from argmap.pipeline import Evaluation

Reader = Callable[[str, str], ArgumentMap]  # (text, name) -> map
Writer = Callable[[Evaluation], str]


@dataclass(frozen=True)
class Dung:
    """A plain Dung framework as read from a file: argument names in file order, attack pairs."""

    arguments: list[str]
    attacks: list[tuple[str, str]]


FrameworkReader = Callable[[str, str], Dung]


@dataclass(frozen=True)
class WriterInfo:
    write: Writer
    media_type: str
    extension: str


READERS: dict[str, Reader] = {}
WRITERS: dict[str, WriterInfo] = {}
FRAMEWORK_READERS: dict[str, FrameworkReader] = {}


def reader(name: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        READERS[name] = fn
        return fn

    return register


def writer(name: str, media_type: str, extension: str) -> Callable[[Writer], Writer]:
    def register(fn: Writer) -> Writer:
        WRITERS[name] = WriterInfo(fn, media_type, extension)
        return fn

    return register


def framework_reader(*names: str) -> Callable[[FrameworkReader], FrameworkReader]:
    def register(fn: FrameworkReader) -> FrameworkReader:
        for name in names:
            FRAMEWORK_READERS[name] = fn
        return fn

    return register


def read(fmt: str, text: str, name: str = "<map>") -> ArgumentMap:
    """Read a map in format ``fmt``."""
    if fmt not in READERS:
        raise UnsupportedFormat(f"No reader for {fmt!r}; known formats: {', '.join(sorted(READERS))}.")
    return READERS[fmt](text, name)


def writer_for(fmt: str) -> WriterInfo:
    """The registered writer of ``fmt``, or UnsupportedFormat naming the known ones."""
    if fmt not in WRITERS:
        raise UnsupportedFormat(f"No writer for {fmt!r}; known formats: {', '.join(sorted(WRITERS))}.")
    return WRITERS[fmt]


def write(fmt: str, evaluation: Evaluation) -> str:
    """Write a map and the labels of its scenario in format ``fmt``."""
    return writer_for(fmt).write(evaluation)


def read_framework(fmt: str, text: str, name: str = "<framework>") -> Dung:
    """Read a plain Dung framework (``af``/``i23``, ``tgf``, ``apx``)."""
    if fmt not in FRAMEWORK_READERS:
        known = ", ".join(sorted(FRAMEWORK_READERS))
        raise UnsupportedFormat(f"No framework reader for {fmt!r}; known: {known}.")
    return FRAMEWORK_READERS[fmt](text, name)


# Sniffers guess a format from a file's name and text; formats register theirs (AIF adds one).
Sniffer = Callable[[str, str], "str | None"]
SNIFFERS: list[Sniffer] = []


def sniffer(fn: Sniffer) -> Sniffer:
    SNIFFERS.append(fn)
    return fn


def detect(text: str, name: str = "<map>") -> str:
    """The reader to use for ``text`` (named ``name``): the first sniffer's answer, else json or yaml.

    Sniffers look at the content first and the suffix second; an argmap document is YAML when
    named ``.yaml``/``.yml``, else JSON when named ``.json`` or when it starts like JSON.
    """
    for sniff in SNIFFERS:
        fmt = sniff(text, name)
        if fmt is not None:
            return fmt
    lowered = name.lower()
    if lowered.endswith((".yaml", ".yml")):
        return "yaml"
    if lowered.endswith(".json") or text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        return "json"
    return "yaml"


def read_any(text: str, name: str = "<map>") -> ArgumentMap:
    """Read a map in whichever registered format its name and text show."""
    return read(detect(text, name), text, name)
