"""``argmap solve AF -p TASK [-a ARG]``: ICCMA tasks, their output forms, reference answers, errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.extensions import extensions
from argmap.solver.tasks import TASKS, solve_task

EXTERNAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "external" / "af"
SEM = {"CO": "complete", "PR": "preferred", "ST": "stable", "GR": "grounded"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def cycle(tmp_path: Path) -> Path:
    """1 <-> 2, 2 -> 3: preferred and stable {1, 3} and {2}; grounded empty."""
    path = tmp_path / "cycle.i23"
    path.write_text("p af 3\n1 2\n2 1\n2 3\n")
    return path


@pytest.mark.parametrize(
    ("task", "arg", "expected"),
    [
        ("SE-PR", None, "w 1 3"),
        ("SE-ST", None, "w 1 3"),
        ("SE-CO", None, "w"),
        ("SE-GR", None, "w"),
        ("EE-PR", None, "w 1 3\nw 2"),
        ("EE-CO", None, "w 1 3\nw 2\nw"),
        ("EE-ST", None, "w 1 3\nw 2"),
        ("DC-PR", "3", "YES\nw 1 3"),
        ("DC-CO", "2", "YES\nw 2"),
        ("DC-ST", "1", "YES\nw 1 3"),
        ("DC-GR", "3", "NO"),
        ("DS-PR", "3", "NO\nw 2"),
        ("DS-ST", "2", "NO\nw 1 3"),
        ("DS-CO", "1", "NO\nw"),
        ("DS-GR", "1", "NO\nw"),
        ("dc-pr", "3", "YES\nw 1 3"),
    ],
)
def test_tasks_answer_in_iccma_form(cycle: Path, task: str, arg: str | None, expected: str) -> None:
    result = run("solve", cycle, "-p", task, *(["-a", arg] if arg else []))
    assert result.exit_code == 0, result.output
    assert result.output == expected + "\n"


def test_no_stable_extension_is_an_answer(tmp_path: Path) -> None:
    path = tmp_path / "odd.i23"
    path.write_text("p af 4\n1 2\n2 3\n3 1\n4 1\n")  # 4 beats 1; 2, 3 then settle: stable {2, 4}
    assert run("solve", path, "-p", "SE-ST").output == "w 2 4\n"
    path.write_text("p af 3\n1 2\n2 3\n3 1\n")
    assert run("solve", path, "-p", "SE-ST").output == "NO\n"
    assert run("solve", path, "-p", "EE-ST").output == "NO\n"
    assert run("solve", path, "-p", "DC-ST", "-a", "1").output == "NO\n"
    assert run("solve", path, "-p", "DS-ST", "-a", "1").output == "YES\n"  # vacuously
    assert run("solve", path, "-p", "SE-PR").output == "w\n"


def test_names_of_tgf_and_apx_files_are_kept(tmp_path: Path) -> None:
    tgf = tmp_path / "x.tgf"
    tgf.write_text("b\na\nc\n#\nb a\na b\na c\n")
    assert run("solve", tgf, "-p", "DC-PR", "-a", "c").output == "YES\nw b c\n"
    apx = tmp_path / "x.apx"
    apx.write_text("arg(a1). arg(a2). arg(a3).\natt(a1,a2). att(a2,a1). att(a2,a3).\n")
    assert run("solve", apx, "-p", "EE-ST").output == "w a1 a3\nw a2\n"
    assert run("solve", apx, "-p", "DS-PR", "-a", "a2").output == "NO\nw a1 a3\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "XX-PR"], "-p XX-PR: unknown task; choose from SE-CO"),
        (["-p", "SE-ID"], "-p SE-ID: unknown task"),
        (["-p", "DC-PR"], "-p DC-PR: give the argument to decide with -a ARG"),
        (["-p", "DS-ST"], "-p DS-ST: give the argument"),
        (["-p", "DC-PR", "-a", "9"], "-a 9: no argument '9' in "),
        (["-p", "DC-PR", "-a", "x"], "-a x: no argument 'x' in "),
        (["-p", "SE-PR", "-a", "1"], "-a 1: only the DC and DS tasks take an argument"),
        (["-a", "1"], "-a 1: name a DC or DS task with -p"),
    ],
)
def test_bad_tasks_exit_2_with_one_line(cycle: Path, args: list[str], message: str) -> None:
    result = run("solve", cycle, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_task_on_a_map_points_to_accounts(small_file: Path) -> None:
    result = run("solve", small_file, "-p", "SE-PR")
    assert result.exit_code == 2
    assert "argmap accounts" in result.output


def test_without_a_task_solve_still_prints_the_grounded_extension(cycle: Path) -> None:
    assert run("solve", cycle).output == "w\n"


def test_tasks_load_neither_networkx_nor_the_web_stack(cycle: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", "solve", str(cycle), "-p", "EE-PR"],
        capture_output=True,
        text=True,
    )
    assert proc.stdout == "w 1 3\nw 2\n"
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines()}
    assert not imported & {"networkx", "flask", "pyvis", "argmap.formats", "argmap.web"}


@st.composite
def i23(draw: st.DrawFn) -> tuple[int, set[tuple[int, int]]]:
    n = draw(st.integers(1, 9))
    pairs = st.tuples(st.integers(1, n), st.integers(1, n))
    return n, draw(st.sets(pairs, max_size=2 * n))


@settings(max_examples=150, deadline=None)
@given(i23(), st.sampled_from(TASKS), st.data())
def test_every_task_agrees_with_the_extensions(tmp_path_factory: pytest.TempPathFactory, af, task, data) -> None:  # type: ignore[no-untyped-def]
    n, attacks = af
    path = tmp_path_factory.mktemp("t") / "x.i23"
    path.write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in sorted(attacks)))
    names = [str(i) for i in range(1, n + 1)]
    exts = {frozenset(e) for e in extensions(names, [(str(a), str(b)) for a, b in attacks], SEM[task[3:]])}
    problem = task[:2]
    arg = data.draw(st.sampled_from(names)) if problem in ("DC", "DS") else None
    lines = solve_task(path, "i23", task, arg).split("\n")
    got = [frozenset(line.split()[1:]) for line in lines if line.startswith("w")]
    if problem == "EE":
        assert set(got) == exts and len(got) == len(exts) or (lines == ["NO"] and not exts)
    elif problem == "SE":
        assert got[0] in exts if exts else lines == ["NO"]
    elif problem == "DC":
        assert (lines[0] == "YES") == any(arg in e for e in exts)
        assert lines[0] == "NO" or (got[0] in exts and arg in got[0])
    else:
        assert (lines[0] == "YES") == all(arg in e for e in exts)
        assert lines[0] == "YES" or (got[0] in exts and arg not in got[0])


# -- reference answers of other solvers (shared data; skipped where it is absent) ------------------


def parse_extensions(text: str) -> set[frozenset[str]]:
    """``[[a1,a2],[a3]]`` (probo / ICCMA 2019 output) as a set of extensions."""
    return {frozenset(x for x in inner.split(",") if x) for inner in re.findall(r"\[([^\[\]]*)\]", text)}


def answers(path: Path, fmt: str, task: str, arg: str | None = None) -> set[frozenset[str]]:
    return {frozenset(line.split()[1:]) for line in solve_task(path, fmt, task, arg).split("\n") if line != "NO"}


def reference_cases() -> list[tuple[Path, str]]:
    cases = []
    for folder in ("probo-examples", "asgl"):
        for result in sorted((EXTERNAL / folder).glob("*.EE-*")):
            cases.append((result, result.suffix[1:]))
    return cases


@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="shared/data/external/af is not beside the repository")
@pytest.mark.parametrize(("result", "task"), reference_cases(), ids=lambda x: getattr(x, "name", x))
def test_extensions_match_reference_answers(result: Path, task: str) -> None:
    framework = result.with_suffix("") if result.with_suffix("").suffix else result.with_suffix(".apx")
    assert answers(framework, framework.suffix[1:], task) == parse_extensions(result.read_text())


@pytest.mark.skipif(not (EXTERNAL / "iccma2019-medium").is_dir(), reason="no ICCMA 2019 medium instance")
def test_an_iccma_2019_instance_matches_its_reference_answers() -> None:
    folder = EXTERNAL / "iccma2019-medium"
    af = folder / "Medium-result-b1.apx"
    out = "iccma-2019-Medium-result-b1.apx-{}.out"
    assert answers(af, "apx", "EE-ST") == parse_extensions((folder / out.format("EE-ST")).read_text())
    assert answers(af, "apx", "SE-CO") == parse_extensions((folder / out.format("SE-CO")).read_text())
    arg = (folder / "Medium-result-b1.arg").read_text().strip()
    for task in ("DC-CO", "DC-GR", "DS-CO"):
        expected = (folder / out.format(task)).read_text().split()[0]
        assert solve_task(af, "apx", task, arg).split("\n")[0] == expected, task
