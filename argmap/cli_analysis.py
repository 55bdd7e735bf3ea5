"""The analyst commands of ``argmap``: hinges, diff, ach, readings.

Registered on ``argmap.cli.main`` (cli.py imports this module at its end), so they share its error
handling: a bad scenario exits 2, any other error a user causes exits 1 with one line.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from argmap.cli import main, scenario_options
from argmap.scenario import Scenario, SupportMode, scenario_for

if TYPE_CHECKING:
    from argmap.analysis.hinges import Hinges
    from argmap.model import ArgumentMap

# The analysis and the readers (networkx among them) load inside the commands, as cli.py's do.
TIME_LIMIT = 5.0  # seconds; argmap.analysis.hinges.TIME_LIMIT
MAX_SETS = 5000  # argmap.analysis.hinges.MAX_SETS


def _load(path: str, off: str = "", distrust: str = "", support: str | None = None) -> tuple[ArgumentMap, Scenario]:
    from argmap.formats import load_any

    m = load_any(path)
    return m, scenario_for(m, off, distrust, support)


def _dump(body: dict[str, Any]) -> None:
    click.echo(json.dumps(body, indent=2, ensure_ascii=False))


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _scenario_line(s: Scenario) -> str:
    return f"support={s.support} off={','.join(sorted(s.off)) or '-'} distrust={','.join(sorted(s.distrust)) or '-'}"


@main.command(name="hinges")
@click.argument("path", metavar="MAP", type=click.Path())
@scenario_options
@click.option("--json", "as_json", is_flag=True, help="Print the hinges endpoint's JSON.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=TIME_LIMIT,
    show_default=True,
    help="Seconds before the search stops (unfinished hypotheses say so).",
)
@click.option(
    "--max-sets", type=click.IntRange(min=0), default=MAX_SETS, show_default=True, help="Sets tried per hypothesis."
)
def hinges_command(
    path: str, off: str, distrust: str, support: str, as_json: bool, time_limit: float, max_sets: int
) -> None:
    """What each hypothesis hangs on: the switches that alone change its label, and minimal sets of evidence."""
    from argmap.analysis import hinges

    m, scenario = _load(path, off, distrust, support)
    result = hinges(m, scenario, max_sets=max_sets, time_limit=time_limit)
    if as_json:
        _dump(result.to_dict())
    else:
        click.echo(hinges_text(m, result))


def hinges_text(m: ArgumentMap, result: Hinges) -> str:
    """Hinges as indented text, one block per hypothesis."""
    lines = [m.title, f"scenario: {_scenario_line(result.scenario)}", ""]
    for h, hinge in result.hinges.items():
        lines.append(f"{h}  {hinge.label}  {_clip(m.propositions[h].short)}")
        if hinge.evidence:
            lines.append("  evidence: " + "; ".join(f"{s.id} {s.action} -> {s.to}" for s in hinge.evidence))
        if hinge.analysts:
            lines.append("  analysts: " + "; ".join(f"{s.id} {s.action} -> {s.to}" for s in hinge.analysts))
        for found, to in zip(hinge.sets, hinge.sets_to, strict=True):
            lines.append(f"  set:      {' + '.join(found)} off -> {to}")
        if not (hinge.evidence or hinge.analysts or hinge.sets):
            lines.append("  nothing switched alone (or in sets of up to 3) changes it")
        if hinge.truncated:
            lines.append("  (search cut short: these lists may be incomplete)")
    return "\n".join(lines)


@main.command(name="diff")
@click.argument("path", metavar="MAP", type=click.Path())
@click.option("--a", "query_a", default="", metavar="QUERY", help='Scenario a as a query, e.g. "off=e1&distrust=isw".')
@click.option("--b", "query_b", default="", metavar="QUERY", help="Scenario b, the same way.")
@click.option("--json", "as_json", is_flag=True, help="Print the diff endpoint's JSON.")
def diff_command(path: str, query_a: str, query_b: str, as_json: bool) -> None:
    """Compare two scenarios: every proposition whose label changes, and the relations behind it."""
    from argmap.analysis import diff, parse_scenario
    from argmap.formats import load_any

    m = load_any(path)
    result = diff(m, parse_scenario(m, query_a), parse_scenario(m, query_b))
    if as_json:
        _dump(result.to_dict())
        return
    click.echo(f"a: {_scenario_line(result.a)}")
    click.echo(f"b: {_scenario_line(result.b)}")
    if not result.changed:
        click.echo("no label changes")
        return
    width = max(len(c.id) for c in result.changed)
    for c in result.changed:
        because = ", ".join(c.because) or "-"
        click.echo(f"{c.id:<{width}}  {c.a!s:>5} -> {c.b!s:<5}  because: {because}")


@main.command(name="ach")
@click.argument("path", metavar="MAP", type=click.Path())
@scenario_options
@click.option("--csv", "as_csv", is_flag=True, help="Print the matrix as CSV.")
@click.option("--json", "as_json", is_flag=True, help="Print the ACH endpoint's JSON.")
def ach_command(path: str, off: str, distrust: str, support: str, as_csv: bool, as_json: bool) -> None:
    """The ACH matrix: evidence by diagnosticity against hypotheses, fewest inconsistencies first."""
    if as_csv and as_json:
        raise click.UsageError("give --csv or --json, not both")
    from argmap.analysis import ach

    m, scenario = _load(path, off, distrust, support)
    result = ach(m, scenario)
    if as_json:
        _dump(result.to_dict())
        return
    if as_csv:
        click.echo(result.to_csv(m), nl=False)
        return
    click.echo(f"{m.title}\nscenario: {_scenario_line(scenario)}\n")
    columns = [f"H{i + 1}" for i in range(len(result.hypotheses))]
    for col, h in zip(columns, result.hypotheses, strict=True):
        inconsistent = result.inconsistency[h]
        click.echo(f"{col:<4} {h}  ({inconsistent} inconsistent)  {_clip(m.propositions[h].short)}")
    click.echo("")
    width = max((len(e) for e in result.evidence), default=8) + 6
    click.echo(f"{'evidence':<{width}}  " + "  ".join(f"{c:>3}" for c in columns))
    for e in result.evidence:
        name = f"{e} (off)" if e in result.off else e
        click.echo(f"{name:<{width}}  " + "  ".join(f"{result.cells[e][h]:>3}" for h in result.hypotheses))
    click.echo("\nC consistent, I inconsistent, N neither; evidence sorted by diagnosticity.")


@main.command(name="readings")
@click.argument("path", metavar="MAP", type=click.Path())
@click.option("--off", default="", metavar="IDS", help="Evidence ids to switch off, comma-separated.")
@click.option("--distrust", default="", metavar="IDS", help="Analyst ids whose reasoning is set aside.")
@click.option("--json", "as_json", is_flag=True, help="Print the readings endpoint's JSON.")
def readings_command(path: str, off: str, distrust: str, as_json: bool) -> None:
    """Every hypothesis' label under the evidential, deductive and abstract readings of support."""
    from argmap.analysis import readings

    m, scenario = _load(path, off, distrust)
    result = readings(m, scenario)
    if as_json:
        _dump(result.to_dict())
        return
    modes = list(SupportMode)
    width = max([len("hypothesis"), *(len(h) for h in result.table)])
    click.echo(f"{'hypothesis':<{width}}  " + "  ".join(f"{mode!s:<10}" for mode in modes).rstrip())
    for h, row in result.table.items():
        mark = "*" if h in result.disagreements else ""
        click.echo((f"{h:<{width}}  " + "  ".join(f"{row[mode]!s:<10}" for mode in modes) + mark).rstrip())
    if result.disagreements:
        click.echo("\n* the label depends on how support is read")
