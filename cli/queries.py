"""Canned queries from the shell, as tables that fit the terminal; the alignment index; the
stale list."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cli.app import app, parse_day, reported_errors
from graph.alignment.index import TOP, AlignmentIndex
from graph.alignment.weights import WeightTable
from graph.catalog.answers import cell_text, coverage_line, write_csv
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.settings import get_settings


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _parse_pairs(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{pair!r} is not key=value", param_hint="-p")
        params[name.strip()] = value
    return params


@app.command("query")
def query(
    name: Annotated[
        str, typer.Argument(help="A canned query's name; `geoalign query --list` lists them.")
    ] = "",
    param: Annotated[list[str] | None, typer.Option("-p", "--param", help="key=value (repeatable).")] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, json or csv.")
    ] = OutputFormat.table,
    list_queries: Annotated[bool, typer.Option("--list", help="List the catalog and exit.")] = False,
    columns: Annotated[
        str | None,
        typer.Option("--columns", help="Table columns to show, comma-separated (default: what fits)."),
    ] = None,
) -> None:
    """Run a canned query from the catalog, as the API does."""
    catalog = default_catalog()
    if list_queries or not name:
        for entry in catalog.queries.values():
            typer.echo(f"{entry.name:28} {entry.title}")
        return
    params = _parse_pairs(param or [])
    with reported_errors(), Database(get_settings()) as db:
        result = catalog.run(db, name, params)
    if output is OutputFormat.json:
        answer = {"query": result.query, "params": result.params, "rows": result.rows}
        typer.echo(json.dumps(answer | ({"coverage": result.coverage} if result.coverage else {}), indent=2))
    elif output is OutputFormat.csv:
        write_csv(sys.stdout, result.columns, result.rows, result.coverage)
    else:
        _print_table(result.query, result.params, result.columns, result.rows, columns)
        for block in result.coverage:
            Console().print(coverage_line(block), highlight=False)


# Columns a narrow table leaves out first: long lists an analyst reads in JSON or the API.
LOW_VALUE_COLUMNS = ("sources", "alternatives", "detail", "summary", "quote", "charges", "hops")
TABLE_CELL_LIMIT = 40  # a wider cell wraps rather than widening its column


def _print_table(
    name: str,
    params: dict[str, object],
    columns: list[str],
    rows: list[dict[str, object]],
    chosen: str | None,
) -> None:
    """The answer as a table that fits the terminal: unless --columns says otherwise, an id column
    beside its name column, empty columns and (at the end) long lists are left out, and a column
    with one value in every row is said once above the table. What still does not fit is shown
    one block per row. Nothing is cut with an ellipsis."""
    console = Console()
    cells = {c: [cell_text(row[c], ", ") for row in rows] for c in columns}
    above: list[str] = []
    below: list[str] = []
    if chosen:
        shown = [c.strip() for c in chosen.split(",") if c.strip()]
        unknown = [c for c in shown if c not in columns]
        if unknown:
            raise typer.BadParameter(
                f"no column {', '.join(unknown)} in '{name}'; it has {', '.join(columns)}",
                param_hint="--columns",
            )
    else:
        shown = [c for c in columns if not (c.endswith("_id") and c[:-3] in columns)]
        empty = [c for c in shown if not any(cells[c])]
        constant = [c for c in shown if len(rows) > 1 and len(set(cells[c])) == 1 and c not in empty]
        above += [f"every row: {c} = {cells[c][0]}" for c in constant]
        if empty:
            above.append(f"empty in every row: {', '.join(empty)}")
        shown = [c for c in shown if c not in empty and c not in constant]
        for column in LOW_VALUE_COLUMNS:
            if _table_width(shown, cells) <= console.width:
                break
            if column in shown:
                shown.remove(column)
                below.append(column)
    console.print(f"{name} {params}: {len(rows)} row(s)", highlight=False)
    for note in above:
        console.print(note, highlight=False)
    if _table_width(shown, cells) <= console.width or len(shown) < 2:
        table = Table()
        for column in shown:
            table.add_column(column, overflow="fold")
        for index in range(len(rows)):
            table.add_row(*(cells[c][index] for c in shown))
        console.print(table)
    else:  # too wide for a table: one block per row, each value on a line of its own
        for index in range(len(rows)):
            record = Table.grid(padding=(0, 2))
            record.add_column(no_wrap=True, style="dim")
            record.add_column(overflow="fold")
            for column in shown[1:]:
                if cells[column][index]:
                    record.add_row(column, cells[column][index])
            console.print(cells[shown[0]][index], style="bold", highlight=False)
            console.print(record)
    if below:
        hint = "(--columns to choose, --format json for all)"
        console.print(f"not shown: {', '.join(below)} {hint}", highlight=False)


def _table_width(columns: list[str], cells: dict[str, list[str]]) -> int:
    """Characters a table of these columns takes at its natural width (long cells wrap)."""
    natural = [max([min(len(v), TABLE_CELL_LIMIT) for v in cells[c]] + [min(len(c), 12)]) for c in columns]
    return sum(natural) + 3 * len(columns) + 1


alignment_app = typer.Typer(help="The alignment index: scores with their reasons.", no_args_is_help=True)
app.add_typer(alignment_app, name="alignment")
AsOfOption = Annotated[date | None, typer.Option(parser=parse_day, help="Day (YYYY-MM-DD), default today.")]
WeightsOption = Annotated[Path | None, typer.Option("--weights", help="Your own weight table (YAML).")]
TopOption = Annotated[
    int, typer.Option(min=0, help="Contributions to list, largest first (the rest are counted and summed).")
]


def _index(db: Database, weights: Path | None) -> AlignmentIndex:
    return AlignmentIndex(db, WeightTable.load(weights) if weights else None)


@alignment_app.command("score")
def alignment_score(
    subject: str,
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    as_of: AsOfOption = None,
    weights: WeightsOption = None,
    top: TopOption = TOP,
) -> None:
    """The score and its largest contributions, as JSON."""
    with reported_errors(), Database(get_settings()) as db:
        day = as_of or date.today()
        scored = _index(db, weights).score(subject, toward, day, top=top)
        typer.echo(json.dumps(scored.as_dict(), indent=2))


@alignment_app.command("series")
def alignment_series(
    subject: str,
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    from_date: Annotated[date, typer.Option(parser=parse_day, help="First day (YYYY-MM-DD).")],
    to_date: Annotated[date, typer.Option(parser=parse_day, help="Last day (YYYY-MM-DD).")],
    step: Annotated[str, typer.Option(help="year, quarter or month.")] = "year",
    weights: WeightsOption = None,
) -> None:
    """The score at each step between two days."""
    with reported_errors(), Database(get_settings()) as db:
        points = _index(db, weights).series(subject, toward, from_date, to_date, step)
    for point in points:
        typer.echo(f"{point.as_of.isoformat()}  {point.score:+.3f}")


@alignment_app.command("shifts")
def alignment_shifts(
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    from_date: Annotated[date, typer.Option(parser=parse_day, help="Earlier day (YYYY-MM-DD).")],
    to_date: Annotated[date, typer.Option(parser=parse_day, help="Later day (YYYY-MM-DD).")],
    limit: int = 10,
    weights: WeightsOption = None,
) -> None:
    """States ranked by the change of their score toward the target."""
    with reported_errors(), Database(get_settings()) as db:
        ranked = _index(db, weights).shifts(toward, from_date, to_date, limit)
    for entry in ranked:
        typer.echo(f"{entry['subject']:24} {entry['score_before']:+.3f} -> {entry['score_after']:+.3f}")


@app.command("stale")
def stale(
    as_of: AsOfOption = None,
    max_age_days: Annotated[
        int,
        typer.Option(
            min=0,
            help="How old a check of an open fact may be where its type sets no age (graph/model.yaml).",
        ),
    ] = 180,
    fail: Annotated[bool, typer.Option("--fail", help="Exit with status 1 when any fact is listed.")] = False,
) -> None:
    """Facts most likely to be out of date, grouped by where a new check would look, oldest
    checks first within each group (the stale-facts query)."""
    day = as_of or date.today()
    params = {"as_of": day.isoformat(), "max_age_days": str(max_age_days)}
    with reported_errors(), Database(get_settings()) as db:
        result = default_catalog().run(db, "stale-facts", params)
    if not result.rows:
        typer.echo(f"No stale facts on {day}: every open fact was checked within its type's age.")
        return
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in result.rows:  # the query's order: a group comes where its oldest check does
        groups.setdefault(row["settled_by"], []).append(row)
    console = Console()
    for settled_by, rows in groups.items():
        console.rule(f"{settled_by} ({len(rows)})", align="left", style="none")
        for row in rows:
            fact = " ".join(
                str(row[c]) for c in ("subject_id", "relation", "object_id") if row[c] is not None
            )
            key = f" [{row['key']}]" if row["key"] else ""
            console.print(
                f"{row['checked_on'] or 'never checked'}  {fact}{key}", style="bold", highlight=False
            )
            for reason in row["reasons"]:
                console.print(f"    {reason}", highlight=False)
    console.print(
        f"{len(result.rows)} fact(s) to check again as of {day}, in {len(groups)} group(s) by where "
        'to look; see seed_data/README.md, "Checks".',
        highlight=False,
    )
    if fail:
        raise typer.Exit(code=1)
