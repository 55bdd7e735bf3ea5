"""``argmap accounts MAP``: the accounts as text or JSON; bad semantics exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from argmap.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_accounts_are_listed_by_letter_with_their_hypotheses(small_file: Path) -> None:
    result = run("accounts", small_file)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "2 preferred accounts" in lines
    assert any(line.startswith("A  It happened") for line in lines) and any(
        line.startswith("B  It did not happen") for line in lines
    )
    assert "credulous: h1, h2" in lines and "sceptical: -" in lines


def test_json_is_the_endpoint_body_and_explain_adds_reasons(small_file: Path) -> None:
    body = json.loads(run("accounts", small_file, "--json", "--explain").output)
    assert [a["hypotheses"] for a in body["accounts"]] == [["h1"], ["h2"]]
    assert body["accounts"][0]["reasons"]["h1"].startswith("It happened can be held")
    text = run("accounts", small_file, "--explain").output
    assert "why: It happened can be held" in text and "against B: h1 attacks h2 (r4)" in text


def test_stable_semantics_can_have_no_account(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    props = "".join(f"  - {{id: c{i}, text: C{i}, kind: claim}}\n" for i in range(3))
    rels = "".join(f"  - {{id: r{i}, from: c{i}, to: c{(i + 1) % 3}, kind: attack}}\n" for i in range(3))
    path.write_text(f"id: odd\ntitle: Odd\npropositions:\n{props}relations:\n{rels}")
    result = run("accounts", path, "--semantics", "stable", "--support", "abstract")
    assert result.exit_code == 0, result.output
    assert "0 stable accounts" in result.output and "(none: no coherent account" in result.output


def test_unknown_semantics_exit_2(small_file: Path) -> None:
    result = run("accounts", small_file, "--semantics", "grounded")
    assert result.exit_code == 2
    assert result.output == "Error: Unknown semantics 'grounded'; use one of: preferred, stable, complete.\n"
    assert run("accounts", small_file, "--off", "e9").exit_code == 2


def test_accounts_are_listed_in_the_same_order_whatever_the_hash_seed() -> None:
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "accounts", "seeds/kremlin-drone-2023.yaml", "--json"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        outputs.add(json.dumps(json.loads(done.stdout)["accounts"]))
    assert len(outputs) == 1
