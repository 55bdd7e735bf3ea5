"""``argmap solve FILE.i23|.af|.tgf|.apx`` at ICCMA scale: read, solve, print ``w <args>``.

Design, for frameworks of 10^6 arguments and 5·10^6 attacks within a few times a C program:

* **Startup.** This package imports numpy and ``argmap.errors`` only, and the CLI imports it
  inside ``solve``: ``python -m argmap solve FILE.i23`` loads neither networkx nor flask, pyvis
  or the format registry (a test reads ``python -X importtime``).
* **Reading** (``reading``): the file is read once into a padded ``bytearray`` and parsed by
  numpy in 1 MiB blocks (byte classes, run boundaries, an 8-byte SWAR digit sum per number):
  no Python object per line or number. ``.i23``/``.af`` in any layout of digits, blanks, ``#``
  comments and line ends; ``.tgf`` whose names are numbers; ``.apx`` of one fact a line whose
  names are a common prefix and a number. Anything else (other names, other bytes, numbers of
  nine digits, an undeclared argument, any error) is read by the reference readers of
  ``argmap.formats.iccma``: the same files are accepted, and every error is theirs, word for word.
  Measured and left out: ``np.fromstring(sep=" ")`` (as fast, but it checks nothing: three
  numbers on a line or a stray letter slip through) and ``np.loadtxt`` (a fifth slower).
* **Solving** (``rounds``): counter and queue, as numpy rounds over all attacks while the
  frontier is wide, over adjacency lists (free when the file lists attacks by attacker) when it
  is not, and as the plain Python loop over memoryviews of the same arrays when it is narrow
  (deep chains: one numpy round-trip a round would dominate).
* **Printing**: the IN arguments in file order; numbers are formatted by numpy from a table of
  four-digit groups.

Labels and rounds equal ``argmap.semantics.grounded_labelling``'s (property-tested).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from argmap.errors import FormatError
from argmap.sniffing import FRAMEWORK_SUFFIXES, HEAD, framework_format
from argmap.solver.reading import PAD, Irregular, apx_arrays, i23_arrays, tgf_arrays
from argmap.solver.rounds import IN, OUT, UNDEC, grounded_rounds

__all__ = [
    "FRAMEWORK_SUFFIXES",
    "IN",
    "OUT",
    "UNDEC",
    "Framework",
    "file_format",
    "grounded_rounds",
    "read_framework",
    "solve_file",
]


@dataclass(frozen=True)
class Framework:
    """A framework read from a file: arguments ``0..n-1``, attacks ``src[e] -> dst[e]``.

    ``names`` gives each argument's name as written: ``None`` for ICCMA 2023's numbers
    ``1..n``, an array of numbers (after ``prefix``) for TGF and ASPARTIX names of that shape,
    else a list of strings.
    """

    n: int
    src: NDArray[np.int32]
    dst: NDArray[np.int32]
    names: NDArray[np.int32] | list[str] | None = None
    prefix: str = ""

    def names_of(self, args: NDArray[np.intp]) -> str:
        """The names of ``args``, space-separated."""
        if self.names is None:
            return _join_numbers(args + 1)
        if isinstance(self.names, list):
            return " ".join(self.names[i] for i in args.tolist())
        return _join_numbers(self.names[args], self.prefix)


def file_format(path: str | os.PathLike[str]) -> str | None:
    """The ICCMA format of the framework file at ``path`` by its head and name, or None for a map file.

    A file that cannot be opened goes by its suffix alone: its reader then says why, naming it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.iccma"
    >>> _ = path.write_text("p af 2\\n1 2\\n")
    >>> file_format(path)
    'i23'
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD).decode("utf-8-sig", errors="replace")
    except OSError:
        return FRAMEWORK_SUFFIXES.get(Path(path).suffix.lower())
    return framework_format(head, os.fspath(path))


def solve_file(path: str | os.PathLike[str], fmt: str) -> str:
    """Return the grounded extension of an ICCMA framework file in ICCMA's output form.

    Parameters
    ----------
    path : str or path
        The file; its name is used in error messages.
    fmt : str
        ``af``, ``i23``, ``iccma``, ``tgf`` or ``apx``.

    Returns
    -------
    str
        ``w`` followed by the IN arguments in file order, space-separated.

    Raises
    ------
    FormatError
        The file cannot be read or is malformed (one line, naming the file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.i23"
    >>> _ = path.write_text("p af 4\\n1 2\\n2 3\\n4 4\\n")
    >>> solve_file(path, "i23")
    'w 1 3'
    """
    af = read_framework(path, fmt)
    labels, _ = grounded_rounds(af.n, af.src, af.dst)
    ext = np.flatnonzero(labels == IN)
    return f"w {af.names_of(ext)}" if ext.size else "w"


def read_framework(path: str | os.PathLike[str], fmt: str) -> Framework:
    """Read an ICCMA framework file into arrays (fast for the common shape, exact for every file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.tgf"
    >>> _ = path.write_text("a\\nb\\n#\\na b\\n")
    >>> af = read_framework(path, "tgf")
    >>> af.n, af.src.tolist(), af.dst.tolist(), af.names
    (2, [0], [1], ['a', 'b'])
    """
    name = os.fspath(path)
    buf, size = _read_padded(name)
    try:
        if fmt in ("af", "i23", "iccma"):
            n, src, dst = i23_arrays(buf, size)
            return Framework(n, src, dst)
        if fmt == "tgf":
            names, src, dst = tgf_arrays(buf, size)
            return Framework(names.size, src, dst, names)
        if fmt == "apx":
            prefix, names, src, dst = apx_arrays(buf, size)
            return Framework(names.size, src, dst, names, prefix.decode("ascii"))
    except Irregular:
        pass
    return _reference(bytes(buf[:size]), fmt, name)


def _read_padded(path: str) -> tuple[bytearray, int]:
    """The file's bytes in a buffer with PAD bytes to spare (the first a newline), and their count."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            buf = bytearray(size + PAD)
            with memoryview(buf)[:size] as view:
                got = fh.readinto(view)
            rest = fh.read()
    except FileNotFoundError:
        raise FormatError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FormatError(f"{path}: is a directory, not a framework file") from None
    except OSError as err:
        raise FormatError(f"{path}: cannot read: {err.strerror}") from None
    if got != size or rest:  # not a regular file, or it changed under us
        data = bytes(buf[:got]) + rest
        buf, size = bytearray(data + bytes(PAD)), len(data)
    buf[size] = ord("\n")
    return buf, size


def _reference(raw: bytes, fmt: str, name: str) -> Framework:
    """Read with the reference readers: the same files, with every error worded and placed."""
    from argmap.formats import read_framework as read_text  # networkx and friends: only on this path

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FormatError(f"{name}: not UTF-8 text (byte {err.start})") from None
    dung = read_text(fmt, text, name)
    index = {a: i for i, a in enumerate(dung.arguments)}
    src = np.fromiter((index[a] for a, _ in dung.attacks), np.int32, len(dung.attacks))
    dst = np.fromiter((index[b] for _, b in dung.attacks), np.int32, len(dung.attacks))
    return Framework(len(dung.arguments), src, dst, list(dung.arguments))


_GROUPS = np.frombuffer("".join(f"{i:04d}" for i in range(10_000)).encode(), np.uint8).reshape(-1, 4)
_POWERS = 10 ** np.arange(1, 9, dtype=np.int64)


def _join_numbers(values: NDArray[np.integer], prefix: str = "") -> str:
    """Non-negative integers after ``prefix``, space-separated; numpy formats up to eight digits, str the rest."""
    values = values.astype(np.int64)
    if values.size == 0:
        return ""
    if values.min() < 0 or values.max() >= 10**8:
        return " ".join(prefix + str(v) for v in values.tolist())
    head = np.frombuffer(prefix.encode("ascii"), np.uint8)
    cells = np.empty((values.size, head.size + 9), np.uint8)
    cells[:, : head.size] = head
    cells[:, head.size : head.size + 4] = _GROUPS[values // 10_000]
    cells[:, head.size + 4 : head.size + 8] = _GROUPS[values % 10_000]
    cells[:, -1] = ord(" ")
    digits = np.searchsorted(_POWERS, values, side="right") + 1
    keep = np.ones(cells.shape, np.bool_)
    keep[:, head.size : head.size + 8] = np.arange(8) >= (8 - digits)[:, None]
    return cells[keep].tobytes()[:-1].decode("ascii")
