"""ICCMA out (the compiled framework in i23, TGF, APX, with its side table) and ICCMA files in as maps."""

from __future__ import annotations

import re

import pytest

from argmap.document import from_document
from argmap.errors import FormatError
from argmap.formats import READERS, WRITERS, detect, read, read_any, read_framework, write, writer_for
from argmap.formats.iccma_export import named_framework, side_table
from argmap.model import ArgumentMap, NodeKind
from argmap.pipeline import Evaluation, evaluate
from argmap.semantics import grounded, grounded_extension


def chain_map() -> ArgumentMap:
    """e-1 supports c1 supports h-1; e2 attacks c1; 2h (an id starting with a digit) is unsupported."""
    return from_document(
        {
            "id": "chain",
            "title": "Chain",
            "propositions": [
                {"id": "e-1", "text": "E1", "kind": "evidence"},
                {"id": "e2", "text": "E2", "kind": "evidence"},
                {"id": "c1", "text": "C1", "kind": "claim"},
                {"id": "h-1", "text": "H1", "kind": "hypothesis"},
                {"id": "2h", "text": "H2", "kind": "hypothesis"},
            ],
            "relations": [
                {"id": "r1", "from": "e-1", "to": "c1", "kind": "support"},
                {"id": "r2", "from": "c1", "to": "h-1", "kind": "support"},
                {"id": "r3", "from": "e2", "to": "c1", "kind": "attack"},
                {"id": "r4", "from": "h-1", "to": "2h", "kind": "attack"},
            ],
        },
        "chain.yaml",
    )


def read_back(fmt: str, ev: Evaluation) -> set[str]:
    """The grounded extension of the written file, mapped back to argmap's arguments by the side table."""
    dung = read_framework("i23" if fmt == "iccma" else fmt, write(fmt, ev), f"x.{fmt}")
    table = side_table(fmt, ev)
    assert set(table["arguments"]) == set(dung.arguments)
    return {table["arguments"][a] for a in grounded_extension(dung.arguments, dung.attacks)}


@pytest.mark.parametrize("fmt", ["iccma", "i23", "tgf", "apx"])
@pytest.mark.parametrize("scenario", [{}, {"off": {"e2"}}, {"support": "deductive"}, {"support": "abstract"}])
def test_the_written_framework_has_the_same_grounded_extension(fmt: str, scenario: dict[str, object]) -> None:
    ev = evaluate(chain_map(), **scenario)  # type: ignore[arg-type]
    assert read_back(fmt, ev) == {a for a, label in ev.all_labels.items() if label == "IN"}


def test_i23_is_a_header_then_attacks_with_no_comment_lines() -> None:
    ev = evaluate(chain_map())
    lines = write("iccma", ev).splitlines()
    n = len(ev.framework.arguments)
    assert n == 8  # five propositions and unsupported(c1), unsupported(h-1), unsupported(2h)
    assert lines[0] == f"p af {n}"
    assert not any(line.startswith("#") for line in lines)
    assert len(lines) == 1 + len(ev.framework.attacks)
    assert all(re.fullmatch(r"[1-8] [1-8]", line) for line in lines[1:])
    assert lines[1:] == sorted(lines[1:], key=lambda line: tuple(map(int, line.split())))


def test_propositions_come_first_sorted_then_meta_arguments() -> None:
    table = side_table("iccma", evaluate(chain_map()))
    assert table["arguments"] == {
        "1": "2h",
        "2": "c1",
        "3": "e-1",
        "4": "e2",
        "5": "h-1",
        "6": "unsupported(2h)",
        "7": "unsupported(c1)",
        "8": "unsupported(h-1)",
    }
    assert table["propositions"] == {"2h": "1", "c1": "2", "e-1": "3", "e2": "4", "h-1": "5"}
    # e-1, e2 IN; c1 OUT (attacked by e2), so h-1 and 2h have no accepted support: their meta-arguments are IN.
    assert table["grounded"] == ["3", "4", "6", "8"]
    assert table["map"] == "chain" and table["format"] == "iccma"


def test_tgf_and_apx_names_are_safe_and_readable() -> None:
    names = named_framework(evaluate(chain_map()), "apx").names
    assert names == {
        "2h": "a2h",
        "c1": "c1",
        "e-1": "e_1",
        "e2": "e2",
        "h-1": "h_1",
        "unsupported(2h)": "unsupported__a2h",
        "unsupported(c1)": "unsupported__c1",
        "unsupported(h-1)": "unsupported__h_1",
    }
    apx = write("apx", evaluate(chain_map()))
    assert "arg(unsupported__c1).\n" in apx and "att(e2,c1).\n" in apx
    tgf = write("tgf", evaluate(chain_map())).splitlines()
    assert tgf.index("#") == 8 and "e2 c1" in tgf


def test_names_that_would_collide_get_suffixes() -> None:
    m = from_document(
        {
            "id": "clash",
            "title": "Clash",
            "propositions": [
                {"id": "a-b", "text": "x", "kind": "evidence"},
                {"id": "a_b", "text": "y", "kind": "evidence"},
                {"id": "unsupported__a_b", "text": "z", "kind": "claim"},
            ],
            "relations": [{"id": "r", "from": "a-b", "to": "a_b", "kind": "attack"}],
        }
    )
    ev = evaluate(m)
    names = named_framework(ev, "tgf").names
    assert len(set(names.values())) == len(names) == 4
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names.values())
    assert read_back("tgf", ev) == {a for a, label in ev.all_labels.items() if label == "IN"}


def test_an_off_proposition_is_not_in_the_framework() -> None:
    table = side_table("tgf", evaluate(chain_map(), off={"e2"}))
    assert "e2" not in table["propositions"] and table["scenario"]["off"] == ["e2"]


@pytest.mark.parametrize(
    ("fmt", "media_type", "extension"),
    [
        ("json", "application/json", "json"),
        ("aif", "application/json", "aif.json"),
        ("iccma", "text/plain", "i23"),
        ("tgf", "text/plain", "tgf"),
        ("apx", "text/plain", "apx"),
        ("graphml", "application/graphml+xml", "graphml"),
        ("dot", "text/vnd.graphviz", "dot"),
    ],
)
def test_every_export_format_is_registered_with_its_media_type(fmt: str, media_type: str, extension: str) -> None:
    info = writer_for(fmt)
    assert (info.media_type, info.extension) == (media_type, extension)
    assert info.write(evaluate(chain_map())).endswith("\n")
    assert fmt in WRITERS


# -- ICCMA files as maps ----------------------------------------------------------------------------------

FRAMEWORK = {
    "i23": "p af 4\n1 2\n2 3\n4 4\n",
    "tgf": "a\nb\nc\nd\n#\na b\nb c\nd d\n",
    "apx": "arg(a). arg(b).\narg(c).\narg(d).\natt(a,b).\natt(b,c).\natt(d,d).\n",
}


@pytest.mark.parametrize("fmt", sorted(FRAMEWORK))
def test_a_framework_file_reads_as_a_map_of_evidence_with_grounded_labels(fmt: str) -> None:
    m = read(fmt, FRAMEWORK[fmt], f"four.{fmt}")
    assert m.id == "four"
    assert all(p.kind is NodeKind.EVIDENCE for p in m.propositions.values())
    ids = list(m.propositions)
    assert [(r.premises[0], r.target, str(r.kind)) for r in m.relations.values()] == [
        (ids[0], ids[1], "attack"),
        (ids[1], ids[2], "attack"),
        (ids[3], ids[3], "attack"),
    ]
    dung = read_framework(fmt, FRAMEWORK[fmt], fmt)
    expected = [str(grounded(dung.arguments, dung.attacks)[a]) for a in dung.arguments]
    for support in ("evidential", "deductive", "abstract"):
        assert (
            [str(x) for x in evaluate(m, support=support).labels.values()] == expected == ["IN", "OUT", "IN", "UNDEC"]
        )


def test_i23_arguments_become_a_prefixed_ids_and_af_is_the_same_reader() -> None:
    m = read("af", FRAMEWORK["i23"], "x.af")
    assert list(m.propositions) == ["a1", "a2", "a3", "a4"]
    assert m.propositions["a1"].text == "Argument 1"
    assert READERS["af"] is READERS["i23"]


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("x.tgf", "a\n#\n", "tgf"),
        ("x.APX", "arg(a).", "apx"),
        ("x.af", "p af 1\n", "af"),
        ("x.i23", "p af 1\n", "i23"),
        ("upload", "# a comment\np af 2\n1 2\n", "i23"),
        ("upload", "% ASPARTIX\narg(a).\n", "apx"),
    ],
)
def test_framework_files_are_detected(name: str, text: str, fmt: str) -> None:
    assert detect(text, name) == fmt
    assert read_any(text, name).propositions


def test_a_broken_framework_file_names_its_line() -> None:
    with pytest.raises(FormatError, match=r"^bad\.tgf: line 3: attack names 'z'"):
        read_any("a\n#\na z\n", "bad.tgf")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("p af ²8\n", "bad.i23: line 1: expected the header 'p af N'"),
        ("p af 3\n²1 2\n", "bad.i23: line 2: expected two argument numbers in 1..3"),
        ("p af 99999999999\n", "bad.i23: line 1: 99999999999 arguments; at most 10000000 are read"),
    ],
)
def test_i23_takes_ascii_numbers_and_a_sane_size(text: str, message: str) -> None:
    with pytest.raises(FormatError) as err:
        read_framework("i23", text, "bad.i23")
    assert str(err.value).startswith(message)


def test_leading_zeros_name_the_same_argument() -> None:
    assert read_framework("i23", "p af 2\n01 2\n", "x.i23").attacks == [("1", "2")]
    m = read("i23", "p af 2\n01 2\n", "x.i23")
    assert [(r.premises[0], r.target) for r in m.relations.values()] == [("a1", "a2")]


def test_a_framework_too_big_for_a_map_is_refused_with_a_pointer_to_solve() -> None:
    with pytest.raises(FormatError, match=r"^big\.i23: 100001 arguments; a map holds at most 100000"):
        read("i23", "p af 100001\n", "big.i23")


def test_an_empty_apx_file_is_the_empty_framework() -> None:
    dung = read_framework("apx", "% nothing here\n", "empty.apx")
    assert (dung.arguments, dung.attacks) == ([], [])


def shaped_map() -> ArgumentMap:
    """A linked support (e-1 and e2 together) of h1, undercut by e3, which supports h1's rival h2."""
    return from_document(
        {
            "id": "shaped",
            "title": "Shaped",
            "propositions": [
                {"id": "e-1", "text": "E1", "kind": "evidence"},
                {"id": "e2", "text": "E2", "kind": "evidence"},
                {"id": "e3", "text": "E3", "kind": "evidence"},
                {"id": "h1", "text": "H1", "kind": "hypothesis"},
                {"id": "h2", "text": "H2", "kind": "hypothesis"},
            ],
            "relations": [
                {"id": "r-1", "from": ["e-1", "e2"], "to": "h1", "kind": "support"},
                {"id": "u1", "from": "e3", "to": "r-1", "kind": "attack"},
                {"id": "x1", "from": "h1", "to": "h2", "kind": "excludes"},
                {"id": "s2", "from": "e3", "to": "h2", "kind": "support"},
            ],
        },
        "shaped.yaml",
    )


def test_meta_arguments_of_steps_are_named_in_every_format_and_in_the_side_table() -> None:
    ev = evaluate(shaped_map())
    assert named_framework(ev, "tgf").names == {
        "e-1": "e_1",
        "e2": "e2",
        "e3": "e3",
        "h1": "h1",
        "h2": "h2",
        "inf(r-1)": "inf__r_1",
        "not(e-1)": "not__e_1",
        "not(e2)": "not__e2",
        "unsupported(h1)": "unsupported__h1",
        "unsupported(h2)": "unsupported__h2",
    }
    table = side_table("iccma", ev)
    assert list(table["arguments"].values())[5:] == [
        "inf(r-1)",
        "not(e-1)",
        "not(e2)",
        "unsupported(h1)",
        "unsupported(h2)",
    ]
    assert table["propositions"] == {"e-1": "1", "e2": "2", "e3": "3", "h1": "4", "h2": "5"}
    assert table["inferences"] == {"r-1": "6"}
    assert table["meta"]["6"].startswith("the inference of step r-1")
    assert table["meta"]["7"].startswith("e-1 is not accepted")
    assert sorted(table["meta"]) == ["10", "6", "7", "8", "9"]
    # e3 undercuts the step: inf(r-1) is OUT, h1 unsupported, h2 wins the rivalry.
    assert [table["arguments"][n] for n in table["grounded"]] == ["e-1", "e2", "e3", "h2", "unsupported(h1)"]


@pytest.mark.parametrize("fmt", ["iccma", "tgf", "apx"])
@pytest.mark.parametrize("scenario", [{}, {"off": {"e3"}}, {"support": "deductive"}, {"support": "abstract"}])
def test_a_framework_with_steps_solves_back_to_the_same_extension(fmt: str, scenario: dict[str, object]) -> None:
    ev = evaluate(shaped_map(), **scenario)  # type: ignore[arg-type]
    assert read_back(fmt, ev) == {a for a, label in ev.all_labels.items() if label == "IN"}
    assert "inf(r-1)" in side_table(fmt, ev)["arguments"].values()
