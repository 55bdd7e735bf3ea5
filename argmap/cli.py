"""The ``argmap`` command: serve, solve, accounts, explain, validate, audit, export.

Errors a user causes print one ``Error: ...`` line and exit 1; a bad scenario (unknown id or
support reading) exits 2, as a usage error. Never a traceback.
"""

from __future__ import annotations

import dataclasses
import json
import os
import string
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from argmap import __version__
from argmap.errors import ArgmapError, InvalidMap, InvalidScenario
from argmap.model import is_valid_id
from argmap.scenario import SupportMode
from argmap.tables import clip, verdict_table

if TYPE_CHECKING:
    from argmap.pipeline import Evaluation

# argmap.formats (every reader and writer, networkx among them) and numpy (argmap.solver) load
# inside the commands that use them: `argmap solve FILE.i23` starts without networkx.

F = TypeVar("F", bound=Callable[..., Any])


class ArgmapGroup(click.Group):
    """Turns ArgmapError into a one-line message: exit 2 for a bad scenario, 1 otherwise."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidScenario as err:
            raise click.UsageError(str(err), ctx) from None
        except InvalidMap as err:
            raise click.ClickException("\n".join(err.messages)) from None
        except ArgmapError as err:
            raise click.ClickException(str(err)) from None


@click.group(cls=ArgmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """argmap: argument maps of analysts' debates, judged by Dung's grounded semantics."""


def scenario_options(fn: F) -> F:
    fn = click.option(
        "--support",
        type=click.Choice([m.value for m in SupportMode]),
        default="evidential",
        show_default=True,
        help="How support is read.",
    )(fn)
    fn = click.option("--distrust", default="", metavar="IDS", help="Analyst ids whose reasoning is set aside.")(fn)
    fn = click.option("--off", default="", metavar="IDS", help="Evidence ids to switch off, comma-separated.")(fn)
    return fn


def _evaluate(path: str, off: str, distrust: str, support: str) -> Evaluation:
    from argmap import formats
    from argmap.pipeline import evaluate

    return evaluate(formats.load_any(path), off=off, distrust=distrust, support=support)


@main.command()
@click.argument("path", metavar="MAP|AF", type=click.Path())  # a directory: exit 1, like any unreadable file
@scenario_options
@click.option("--json", "as_json", is_flag=True, help="Print the labels endpoint's JSON.")
@click.option("-p", "task", metavar="TASK", help="An ICCMA task on a framework: SE|EE|DC|DS-CO|PR|ST|GR.")
@click.option("-a", "argument", metavar="ARG", help="The argument a DC or DS task asks about.")
def solve(
    path: str, off: str, distrust: str, support: str, as_json: bool, task: str | None, argument: str | None
) -> None:
    """Label a map's propositions, or answer an ICCMA task on a framework (grounded extension by default)."""
    from argmap.solver import FRAMEWORK_SUFFIXES, file_format, solve_file

    fmt = file_format(path)
    if fmt is not None and task is not None:
        from argmap.solver.tasks import TaskError, solve_task

        try:
            click.echo(solve_task(path, fmt, task, argument))
        except TaskError as err:
            usage_line(str(err))
        return
    if task is None and argument is not None:
        usage_line(f"-a {argument}: name a DC or DS task with -p")
    if task is not None:
        suffixes = ", ".join(sorted(FRAMEWORK_SUFFIXES))
        usage_line(f"-p {task}: ICCMA tasks take a framework file ({suffixes}); for a map, see argmap accounts")
    if fmt is not None:
        click.echo(solve_file(path, fmt))
        return
    result = _evaluate(path, off, distrust, support)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        click.echo(verdict_table(result))


def usage_line(message: str) -> NoReturn:
    """A usage error as one ``Error:`` line on stderr and exit 2 (what an ICCMA harness reads)."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@main.command(name="explain")
@click.argument("path", metavar="MAP", type=click.Path(dir_okay=False))
@click.argument("prop", metavar="ID")
@scenario_options
@click.option("--json", "as_json", is_flag=True, help="Print the explanation tree as JSON.")
def explain_command(path: str, prop: str, off: str, distrust: str, support: str, as_json: bool) -> None:
    """Explain why proposition ID (or the step of support or attack relation ID) has its label."""
    result = _evaluate(path, off, distrust, support)
    if prop not in result.map.propositions and prop not in result.inferences:
        known = ", ".join(list(result.map.propositions)[:12])
        what = "support or attack relation" if prop in result.map.relations else "proposition"
        raise click.UsageError(f"No {what} {prop!r} in map {result.map.id!r}. Some propositions here: {known}, ...")
    if as_json:
        click.echo(json.dumps(result.explain(prop), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(result.describe(prop)))


@main.command()
@click.argument("paths", metavar="MAP...", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate(paths: tuple[str, ...]) -> None:
    """Check map files; exit 1 with one line per problem."""
    from argmap import formats

    failed = False
    for path in paths:
        try:
            m = formats.load_any(path)
        except ArgmapError as err:
            failed = True
            for message in err.messages:
                click.echo(message, err=True)
            continue
        click.echo(f"{path}: ok ({len(m.propositions)} propositions, {len(m.relations)} relations)")
    if failed:
        sys.exit(1)


@main.command(name="audit")
@click.argument("path", metavar="MAP", type=click.Path(dir_okay=False))
@click.option("--sources", "folder", type=click.Path(file_okay=False), help="Folder of the sources' files.")
@click.option("--json", "as_json", is_flag=True, help="Print the audit as JSON.")
def audit_command(path: str, folder: str | None, as_json: bool) -> None:
    """Check every quote against its source's file and list each analyst's steps; exit 1 on an error."""
    from argmap import formats
    from argmap.audit import audit, report, source_texts

    doc = formats.load_any(path).to_document()
    result = audit(doc, source_texts(doc, folder) if folder else None)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report(result))
    if not result.ok:
        sys.exit(1)


@main.command()
@click.argument("path", metavar="MAP", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", default="json", show_default=True, help="Output format.")
@scenario_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
def export(path: str, fmt: str, off: str, distrust: str, support: str, output: str | None) -> None:
    """Export a map with the labels of a scenario."""
    from argmap import formats
    from argmap.formats.iccma_export import FORMATS as FRAMEWORK_FORMATS
    from argmap.formats.iccma_export import write_side_table

    info = formats.writer_for(fmt)
    result = _evaluate(path, off, distrust, support)
    text = info.write(result)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(Path(output), text)
        click.echo(f"wrote {output} ({len(text.encode())} bytes)", err=True)
        if fmt in FRAMEWORK_FORMATS:  # the argument names' side table (formats.iccma_export)
            write_atomically(Path(output + ".map.json"), write_side_table(fmt, result))
            click.echo(f"wrote {output}.map.json (argument names -> propositions)", err=True)


@main.command(name="import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the map to FILE (.yaml, .yml or .json).")
@click.option("--id", "map_id", metavar="ID", help="The map's id (default: from the file name).")
@click.option("--format", "fmt", help="Input format (default: detected): aif, json, yaml, i23, af, tgf, apx.")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse an AIF file with malformed nodes (no premise, no conclusion) instead of skipping them.",
)
def import_command(path: str, output: str | None, map_id: str | None, fmt: str | None, strict: bool) -> None:
    """Import a map from AIF JSON (AIFdb, OVA), an ICCMA framework or an argmap document; print YAML."""
    from argmap import formats

    target = formats.DOCUMENT_SUFFIXES.get(Path(output).suffix.lower()) if output else "yaml"
    if target is None:
        raise click.UsageError(f"-o {output}: the map is saved as .yaml, .yml or .json")
    if map_id is not None and not is_valid_id(map_id):
        raise click.UsageError(f"--id {map_id!r}: use 1-64 of a-z, 0-9, _ and -, starting with a letter or digit")
    found = formats.import_file(path, fmt, strict=strict)
    m = dataclasses.replace(found.map, id=map_id) if map_id else found.map
    for warning in found.warnings:
        click.echo(f"warning: {path}: {warning}", err=True)
    text = formats.document_text(m, target)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(Path(output), text)
    click.echo(
        f"wrote {output} (map {m.id!r}: {len(m.propositions)} propositions, {len(m.relations)} relations)", err=True
    )


@main.command()
@click.option("--maps", "maps_dir", type=click.Path(file_okay=False, exists=True), help="Folder of map files.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    help="Serve with gunicorn in N worker processes (a shared server; Unix). Without it: one process.",
)
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Threads per worker.")
@click.option("--read-only", is_flag=True, help="Refuse every change (imports, saves, deletes answer 403).")
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, exists=True),
    help="A file whose first line is the token changes need (Authorization: Bearer). Also: ARGMAP_TOKEN.",
)
@click.option("--debug", is_flag=True, help="Flask's debugger and reloader: never on a shared server.")
def serve(
    maps_dir: str | None,
    host: str,
    port: int,
    workers: int | None,
    threads: int,
    read_only: bool,
    token_file: str | None,
    debug: bool,
) -> None:
    """Serve the explorer (the shipped maps by default) and save the maps edited in it."""
    import logging

    from argmap.web import create_app
    from argmap.web.auth import is_loopback

    if debug and workers:
        raise click.UsageError("--debug runs Flask's one-process debugger; it cannot be used with --workers.")
    config: dict[str, Any] = {"READ_ONLY": True} if read_only else {}  # else ARGMAP_READ_ONLY may set it
    if maps_dir:
        config["MAPS_DIR"] = maps_dir
    if token_file:
        config["TOKEN_FILE"] = token_file
    logging.getLogger("argmap").setLevel(logging.INFO)  # the line saying which imported files moved into the database
    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(message)s")
    app = create_app(config)
    if not is_loopback(host) and not app.config["TOKEN"] and not app.config["READ_ONLY"]:
        raise click.ClickException(
            f"refusing to serve on {host} with neither a token nor --read-only: anyone who can reach it could "
            "change maps; add --token-file FILE (or ARGMAP_TOKEN) or --read-only"
        )
    mode = " read-only" if app.config["READ_ONLY"] else ""
    if workers:
        from argmap.web.production import serve as serve_production

        click.echo(f"argmap explorer on http://{host}:{port}/ ({workers} workers{mode}; Ctrl+C stops)")
        serve_production(app, host, port, workers, threads)
        return
    click.echo(f"argmap explorer on http://{host}:{port}/ ({'debug' if debug else 'one process'}{mode}; Ctrl+C stops)")
    app.run(host=host, port=port, debug=debug, use_reloader=debug, threaded=True)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def account_name(i: int) -> str:
    """A, B, ..., Z, then 27, 28, ...: how the page and the CLI name the i-th account."""
    return string.ascii_uppercase[i] if i < 26 else str(i + 1)


@main.command(name="accounts")
@click.argument("path", metavar="MAP", type=click.Path(dir_okay=False))
@scenario_options
@click.option(
    "--semantics",
    default="preferred",
    show_default=True,
    metavar="preferred|stable|complete",
    help="Which accounts: maximal coherent ones, those that reject all they do not accept, or every complete one.",
)
@click.option("--limit", default=64, show_default=True, type=click.IntRange(1, 10_000), help="Accounts listed.")
@click.option(
    "--explain", is_flag=True, help="Say why each hypothesis holds in its account, and what rules out others."
)
@click.option("--json", "as_json", is_flag=True, help="Print the accounts endpoint's JSON.")
def accounts_command(
    path: str, off: str, distrust: str, support: str, semantics: str, limit: int, explain: bool, as_json: bool
) -> None:
    """List the coherent accounts of a map: where grounded says UNDEC, the positions a reader could hold."""
    from argmap import formats
    from argmap.account_reasons import explain_accounts
    from argmap.coherent import accounts, semantics_for

    try:
        sem = semantics_for(semantics)  # a bad name: one line, exit 2, before the map is read
    except InvalidScenario as err:
        usage_line(str(err))
    m = formats.load_any(path)
    result = accounts(m, off=off, distrust=distrust, support=support, semantics=str(sem), limit=limit)
    body: dict[str, Any] = result.to_dict()
    reasons = explain_accounts(result) if explain else None
    if as_json:
        if reasons is not None:
            for account, extra in zip(body["accounts"], reasons, strict=True):
                account.update(extra)
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    click.echo("\n".join(_lines(result, body, reasons)))


def _lines(result: Any, body: dict[str, Any], reasons: list[dict[str, Any]] | None) -> list[str]:
    m = result.m
    count = body["count"]
    listed = len(body["accounts"])
    total = f"{count}" if count is not None else f"at least {body['count_at_least']:,}"
    shown = f" (the first {listed} listed)" if body["truncated"] else ""
    noun = "account" if count == 1 else "accounts"
    s = result.scenario
    lines = [
        m.title,
        f"scenario: support={s.support} off={','.join(sorted(s.off)) or '-'} "
        f"distrust={','.join(sorted(s.distrust)) or '-'}",
        f"{total} {body['semantics']} {noun}{shown}",
    ]
    for i, account in enumerate(body["accounts"]):
        hyps = "; ".join(clip(m.propositions[h].short, 50) for h in account["hypotheses"]) or "(no hypothesis)"
        lines.append(f"{account_name(i)}  {hyps}")
        others = [p for p in account["in"] if p not in account["hypotheses"] and p not in result.settled]
        beyond = "; ".join(m.propositions[p].short for p in others)
        lines.append(f"   beyond the verdict: {clip(beyond, 100)}" if others else "")
        if reasons is not None:
            for sentence in reasons[i]["reasons"].values():
                lines.append(f"   why: {sentence}")
            for other in reasons[i]["against"]:
                attacks = other["attacks"][:3]
                said = "; ".join(
                    f"{a['from']} attacks {a['to']}"
                    + (f" ({', '.join(r['id'] for r in a['relations'])})" if a["relations"] else "")
                    for a in attacks
                )
                if said:
                    lines.append(f"   against {account_name(other['account'])}: {said}")
                elif other.get("within"):
                    lines.append(f"   within {account_name(other['account'])}")
    if not body["accounts"]:
        lines.append("(none: no coherent account under these semantics)")
    lines.append(f"credulous: {', '.join(body['credulous']) or '-'}")
    lines.append(f"sceptical: {', '.join(body['sceptical']) or '-'}")
    return [line for line in lines if line]


from argmap import cli_analysis  # noqa: E402,F401 - registers hinges, diff, ach, readings
