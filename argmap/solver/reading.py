"""Reading ICCMA frameworks as whole-file bytes with numpy: numbers in, attack arrays out.

The common shapes are read without a Python loop per line. ``p af N`` files (one ``i j`` attack
a line, blanks and ``#`` comment lines anywhere): per 1 MiB block, classify the bytes
arithmetically (``(byte + 6) >> 4`` is 0 tab, 1 newline, 2 space, 3 digit), find the runs of
equal classes, check that every line holds two digit runs, and turn each run into its value with
one unaligned 8-byte load and the SWAR digit sum (three multiplies for up to eight digits). TGF
files whose names are numbers go the same way, a section at a time; ASPARTIX files of one fact a
line whose names are a prefix and a number are checked against the repeated skeleton
``att(a,a).`` (their bytes other than digits) and the place of every number in it.

Anything else (other bytes or names, numbers of nine digits or out of range, odd lines) raises
``Irregular``: the caller then reads the text with the reference readers of
``argmap.formats.iccma``, which accept exactly the same files and word every error. Imports numpy
and the standard library only.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from numpy.typing import NDArray

BLOCK = 1 << 20
PAD = 16  # bytes after the file: a newline, then room for the last 8-byte load
ALLOWED = b"0123456789 \t\r\n"
MAX_ARGUMENTS = 10_000_000  # argmap.formats.iccma refuses more, in its words (a test keeps the two in step)

# Comments of printable ASCII only: str.splitlines, which the reference readers use, ends lines at
# \x0b, \x0c, \x1c-\x1e, \x85, \u2028 and \u2029 too.
_HEADER = re.compile(rb"(?:[ \t]*(?:#[\t\x20-\x7e]*)?(?:\r\n?|\n))*[ \t]*p[ \t]+af[ \t]+([0-9]+)[ \t]*(?:\r\n?|\n)")
_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\t"
_TGF_SEPARATOR = re.compile(rb"(?m)^[ \t]*#[ \t]*\r?$")


class Irregular(Exception):
    """The file is not in the common shape; the reference reader decides (and words any error)."""


def padded(raw: bytes) -> bytearray:
    """The file's bytes followed by a newline and room for 8-byte loads past the last number."""
    buf = bytearray(len(raw) + PAD)
    buf[: len(raw)] = raw
    buf[len(raw)] = ord("\n")
    return buf


def i23_arrays(buf: bytearray, size: int) -> tuple[int, NDArray[np.int32], NDArray[np.int32]]:
    """``(n, src, dst)`` of a ``p af N`` file in ``buf[:size]``, arguments numbered from 0."""
    header = _HEADER.match(buf, 0, size + 1)
    if header is None:
        raise Irregular("no plain header")
    n = int(header.group(1))
    if n > MAX_ARGUMENTS:
        raise Irregular("more arguments than argmap reads")
    start = header.end()
    if buf.find(b"#", start, size) >= 0:
        buf = bytearray(buf)  # the caller's bytes stay as they were, for the reference reader
        _blank_comments(buf, start, size)
    src, dst = digit_lines(buf, start, size + 1, 2, top=n)
    src -= 1
    dst -= 1
    if src.size and (src.min() < 0 or dst.min() < 0):
        raise Irregular("argument number 0")
    return n, src, dst


def tgf_arrays(buf: bytearray, size: int) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]]:
    """``(names, src, dst)`` of a TGF file whose argument names are plain numbers, one per line.

    ``names`` are the declared numbers in file order without repeats; ``src``/``dst`` index them.
    """
    sep = _TGF_SEPARATOR.search(buf, 0, size)
    if sep is None or buf.count(b"#", 0, size) != 1:
        raise Irregular("no single '#' separator")
    (declared,) = digit_lines(buf, 0, sep.start(), 1, canonical=True)
    empty = np.empty(0, np.int32)
    src, dst = digit_lines(buf, sep.end() + 1, size + 1, 2, canonical=True) if sep.end() < size else (empty, empty)
    return _numbered(declared, src, dst)


def apx_arrays(buf: bytearray, size: int) -> tuple[bytes, NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]]:
    """``(prefix, names, src, dst)`` of an ASPARTIX file of one fact a line, its names letters and a number.

    The plain shape: ``arg(a1).`` lines, then ``att(a1,a2).`` lines, every name the same letters
    (``prefix``, maybe none) and a number without leading zeros.
    """
    first = _APX_PREFIX.match(buf, 0, size)
    prefix = first.group(1) if first else b""
    end = size if size and buf[size - 1] == ord("\n") else size + 1  # padded() put a newline at size
    split = buf.find(b"att(", 0, size)
    split = end if split < 0 else split
    if split and buf[split - 1] != ord("\n"):
        raise Irregular("a fact out of place")
    (declared,) = _fact_columns(buf, 0, split, b"arg(" + prefix, b"")
    if not declared.size:
        raise Irregular("no arguments")
    src, dst = _fact_columns(buf, split, end, b"att(" + prefix, b"," + prefix)
    return (prefix, *_numbered(declared, src, dst))


def _fact_columns(buf: bytearray, lo: int, hi: int, head: bytes, comma: bytes) -> list[NDArray[np.int32]]:
    """The numbers of the facts in ``buf[lo:hi]`` (whole lines), one column per name of a fact.

    Each line must be ``head``, a number, (``comma``, a number,) then ``).``: the bytes other than
    digits must repeat that skeleton exactly, and each number must sit at its place in it.
    """
    per_line = 2 if comma else 1
    skeleton = head + comma + b").\n"
    raw = np.frombuffer(buf, np.uint8)
    loads = np.ndarray((len(buf) - 7,), np.dtype("<u8"), buf, 0, (1,))
    columns: list[list[NDArray[np.int32]]] = [[] for _ in range(per_line)]
    pos = lo
    while pos < hi:
        end = buf.find(b"\n", min(pos + BLOCK, hi - 1), hi) + 1 or hi
        lines = buf.count(b"\n", pos, end)
        if bytes(memoryview(buf)[pos:end]).translate(None, b"0123456789") != skeleton * lines:
            raise Irregular("a fact of another shape")
        digit = (raw[pos:end] - np.uint8(48)) < 10
        if digit[0] or digit[-1]:
            raise Irregular("a number out of place")
        edges = np.flatnonzero(digit[1:] != digit[:-1])  # digits start and stop in turn
        starts, lengths = edges[0::2] + 1, edges[1::2] - edges[0::2]
        k = np.arange(per_line * lines)
        place = (k // per_line) * len(skeleton) + len(head) + (k % per_line) * len(comma)
        if starts.size != k.size or (starts - np.cumsum(lengths) + lengths != place).any():
            raise Irregular("a number out of place")
        starts += pos
        if lengths.size and (lengths.max() > 8 or ((raw[starts] == 48) & (lengths > 1)).any()):
            raise Irregular("a long number, or a leading zero")
        values = _swar_values(loads, starts, lengths).reshape(-1, per_line)
        if values.size and values.max() > MAX_ARGUMENTS:
            raise Irregular("a number out of range")
        for c, column in enumerate(columns):
            column.append(values[:, c].astype(np.int32))
        pos = end
    return [np.concatenate(parts) if parts else np.empty(0, np.int32) for parts in columns]


_APX_PREFIX = re.compile(rb"arg\(([A-Za-z_]*)[0-9]")


def _numbered(
    declared: NDArray[np.int32], src: NDArray[np.int32], dst: NDArray[np.int32]
) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]]:
    """Names declared as numbers (repeats keep their first place) and attacks as indexes into them."""
    empty = np.empty(0, np.int32)
    if not declared.size:
        if src.size:
            raise Irregular("attacks without arguments")
        return declared, empty, empty
    top = int(declared.max())
    if top > 4 * declared.size + BLOCK:
        raise Irregular("sparse numbering")
    positions = np.arange(declared.size, dtype=np.int32)
    first = np.empty(top + 1, np.int32)
    first[declared[::-1]] = positions[::-1]  # the last write wins: each name's first line
    names = declared[first[declared] == positions]
    index = np.full(top + 2, -1, np.int32)  # top + 1 stands for every undeclared larger number
    index[names] = np.arange(names.size, dtype=np.int32)
    src, dst = index[np.minimum(src, top + 1)], index[np.minimum(dst, top + 1)]
    if src.size and min(src.min(), dst.min()) < 0:
        raise Irregular("attack on an undeclared argument")
    return names, src, dst


def _blank_comments(buf: bytearray, start: int, size: int) -> None:
    """Overwrite ``#`` comment lines with spaces; a ``#`` after other text on its line is irregular."""
    pos = buf.find(b"#", start, size)
    while pos >= 0:
        line_start = max(buf.rfind(b"\n", 0, pos), buf.rfind(b"\r", 0, pos)) + 1
        if buf[line_start:pos].strip(b" \t"):
            raise Irregular("'#' inside a line")
        ends = [e for e in (buf.find(b"\n", pos, size), buf.find(b"\r", pos, size)) if e >= 0]
        line_end = min(ends, default=size)
        if buf[pos:line_end].translate(None, _PRINTABLE):
            raise Irregular("a comment of other characters")
        buf[pos:line_end] = b" " * (line_end - pos)
        pos = buf.find(b"#", line_end, size)


def digit_lines(
    buf: bytearray,
    lo: int,
    hi: int,
    per_line: int,
    canonical: bool = False,
    top: int = MAX_ARGUMENTS,
) -> list[NDArray[np.int32]]:
    """The numbers of ``buf[lo:hi]``, one column per number on a line, one row per non-blank line.

    ``hi`` must follow a line end (``padded`` puts one after the file). Blank lines may come
    anywhere; a line of another shape, a number outside ``0..top`` (or of more than eight digits)
    raises Irregular, and so does a leading zero when ``canonical`` (names that differ as text
    must not meet as numbers).
    """
    raw = np.frombuffer(buf, np.uint8)
    loads = np.ndarray((len(buf) - 7,), np.dtype("<u8"), buf, 0, (1,))
    cap = (hi - lo) // (2 * per_line) + 1
    columns = [np.empty(cap, np.int32) for _ in range(per_line)]
    rows = 0
    pos = lo
    while pos < hi:
        end = buf.find(b"\n", min(pos + BLOCK, hi - 1), hi) + 1 or hi
        if buf[pos:end].translate(None, ALLOWED):
            raise Irregular("unexpected bytes")
        starts, lengths = _digit_runs(raw[pos:end], per_line)
        starts += pos
        if lengths.size and (lengths.max() > 8 or (canonical and ((raw[starts] == 48) & (lengths > 1)).any())):
            raise Irregular("a long number, or a leading zero")
        values = _swar_values(loads, starts, lengths)
        if values.size and values.max() > top:
            raise Irregular("a number out of range")
        for c, column in enumerate(columns):
            column[rows : rows + len(values)] = values[:, c]
        rows += len(values)
        pos = end
    return [column[:rows] for column in columns]


def _digit_runs(block: NDArray[np.uint8], per_line: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Starts and lengths, in rows of ``per_line``, of the digit runs of whole lines of allowed bytes."""
    cls = block + np.uint8(6)
    cls >>= 4  # 0 tab, 1 line end (\n or \r), 2 space, 3 digit
    bounds = np.flatnonzero(cls[1:] != cls[:-1])
    bounds += 1
    bounds = np.concatenate(([0], bounds))  # where each run of one class starts
    kinds = cls[bounds]
    runs, code = _PLAIN[per_line]
    if bounds.size % runs == 0 and (kinds.view(code.dtype) == code).all():
        # Every line is plain (one space between numbers, no blank lines): runs in fixed places.
        grid = bounds.reshape(-1, runs)
        starts = grid[:, 0::2]
        return starts, grid[:, 1::2] - starts
    solid = kinds[(kinds & 1).astype(np.bool_)]  # digits and line ends; blanks only separate
    line_end = solid == 1
    solid = solid[~(line_end & np.concatenate(([True], line_end[:-1])))]  # blank lines, a block's first line end
    width = per_line + 1
    if solid.size % width or not (solid.reshape(-1, width) == _LINE[per_line]).all():
        raise Irregular("a line of another shape")
    digits = np.flatnonzero(kinds == 3)
    ends = np.append(bounds, block.size)[digits + 1]
    starts = bounds[digits]
    return starts.reshape(-1, per_line), (ends - starts).reshape(-1, per_line)


_LINE = {k: np.array([3] * k + [1], np.uint8) for k in (1, 2)}  # k digit runs, then a line end
# A plain line's run classes (digit, space, digit, line end) read as one little-endian integer.
_PLAIN: dict[int, tuple[int, NDArray[np.unsignedinteger[Any]]]] = {
    1: (2, np.array(0x0103, np.uint16)),
    2: (4, np.array(0x01030203, np.uint32)),
}


def _swar_values(loads: NDArray[np.uint64], starts: NDArray[np.intp], lengths: NDArray[np.intp]) -> NDArray[np.uint64]:
    """The value of each digit run, from an unaligned little-endian 8-byte load at its start."""
    w = loads[starts]
    w <<= ((8 - lengths) * 8).astype(np.uint64)  # drop what follows the run; zeros lead
    w &= np.uint64(0x0F0F0F0F0F0F0F0F)
    w = (w * np.uint64(2561)) >> np.uint64(8)
    w &= np.uint64(0x00FF00FF00FF00FF)
    w = (w * np.uint64(6553601)) >> np.uint64(16)
    w &= np.uint64(0x0000FFFF0000FFFF)
    w = (w * np.uint64(42949672960001)) >> np.uint64(32)
    return w
