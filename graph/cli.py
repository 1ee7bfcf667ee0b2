"""The `geoalign` command: the local Neo4j, seeding, and serving the API."""

from __future__ import annotations

import csv
import json
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graph.alignment import TOP, AlignmentIndex, WeightTable
from graph.bulk.importer import bulk_seed
from graph.catalog import cell_text, default_catalog
from graph.db import Database
from graph.errors import BadParameter, DatabaseUnreachable, GeoalignError, NotFound, ServerError
from graph.export.release import CHANGES, Release, diff_releases, export_release
from graph.ingest.folder import IngestFolder
from graph.loader import seed as load
from graph.seed_files import ID_PATTERN, SeedSet, reliability_problem
from graph.server import LocalServer
from graph.settings import SEED_DIR, Settings, get_settings
from graph.sources.archive import SourceArchive
from graph.sources.fetch import FetchLimits
from graph.sources.status import fetch_sources, source_statuses

app = typer.Typer(help="geoalign: a geopolitical alignment knowledge graph on Neo4j.", no_args_is_help=True)
neo4j_app = typer.Typer(help="The local Neo4j server (ignored when NEO4J_URI is set).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


def _day(text: str) -> date:
    """A date option's value; typer names the option in the message."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2025-10-01") from None


@contextmanager
def _reported_errors() -> Iterator[None]:
    """Print what went wrong, and what to do about it, and exit with status 1."""
    try:
        yield
    except DatabaseUnreachable as error:
        settings = get_settings()
        fix = (
            "start the local server with `geoalign neo4j start` (or `make neo4j-start`)"
            if settings.manages_local_server
            else f"check that the Neo4j at NEO4J_URI ({settings.neo4j_uri}) is up"
        )
        typer.secho(f"error: {error}\n{fix}", err=True, fg=typer.colors.RED)
        raise typer.Exit(code=1) from None
    except (GeoalignError, ValueError) as error:
        typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
        raise typer.Exit(code=1) from None


def _external(settings: Settings) -> bool:
    if settings.manages_local_server:
        return False
    typer.echo(f"NEO4J_URI is set: using the Neo4j at {settings.neo4j_uri}; no local server is managed.")
    return True


def _seed_set(settings: Settings, data: list[Path] | None = None) -> SeedSet:
    return SeedSet([SEED_DIR, *(data or [])], archive=SourceArchive.from_settings(settings))


DataOption = Annotated[
    list[Path] | None,
    typer.Option("--data", help="Extra seed folder, loaded beside the project's (repeatable)."),
]


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Provision (once) and start the local Neo4j; returns when Bolt answers."""
    settings = get_settings()
    if _external(settings):
        return
    server = LocalServer(settings)
    already = server.pid() is not None
    with _reported_errors():
        status = server.start()
    typer.echo("Neo4j was already running." if already else "Neo4j started.")
    typer.echo(status.describe())


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Shut the local Neo4j down cleanly and wait for it to end."""
    settings = get_settings()
    if _external(settings):
        return
    stopped = LocalServer(settings).stop()
    typer.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Whether the local Neo4j runs, its addresses, the user and where the password is."""
    settings = get_settings()
    if _external(settings):
        return
    typer.echo(LocalServer(settings).status().describe())


@app.command("seed")
def seed(
    data: DataOption = None,
    reset: Annotated[bool, typer.Option("--reset", help="Delete the whole graph first.")] = False,
    writers: Annotated[
        int,
        typer.Option("--writers", min=1, max=16, help="Batches written at once where they cannot conflict."),
    ] = 2,
    force: Annotated[
        bool, typer.Option("--force", help="Load even when the graph already holds this version.")
    ] = False,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help="With --reset on the local server: load through the running server instead of "
            "stopping it for the bulk importer.",
        ),
    ] = False,
) -> None:
    """Validate the seed data, apply the schema, and load it (idempotent; removes dropped facts).

    With --reset on the local server, the graph is rebuilt by Neo4j's bulk importer (the server
    is stopped meanwhile): the same graph, several times faster for a large load."""
    settings = get_settings()
    seed_set = _seed_set(settings, data)
    with _reported_errors():
        if reset and not online and settings.manages_local_server:
            typer.echo("Rebuilding the graph with the bulk importer (the local server stops meanwhile).")
            report = bulk_seed(LocalServer(settings), seed_set)
        else:
            with Database(settings) as db:
                report = load(db, seed_set, reset=reset, writers=writers, force=force)
    if report.skipped:
        typer.echo(
            f"The graph already holds this version of the seed data ({report.version[:12]}, loaded "
            f"{report.loaded_at}); nothing to load. `geoalign seed --force` loads it again."
        )
        return
    table = Table("label or type", "count", title=f"Loaded seed data {report.version[:12]}")
    for name, count in report.counts.items():
        table.add_row(name, str(count))
    Console().print(table)
    phases = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in report.phases.items())
    typer.echo(f"Loaded in {report.seconds:.1f}s ({phases}).")
    typer.echo(report.quotes.summary())


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
    with _reported_errors(), Database(get_settings()) as db:
        result = catalog.run(db, name, params)
    if output is OutputFormat.json:
        typer.echo(
            json.dumps({"query": result.query, "params": result.params, "rows": result.rows}, indent=2)
        )
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([cell_text(v, ";") for v in row.values()])
    else:
        _print_table(result.query, result.params, result.columns, result.rows, columns)


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


sources_app = typer.Typer(
    help="The source archive: the texts that seed quotes are checked against.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")


@sources_app.command("fetch")
def sources_fetch(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Source ids (default: every source with a URL and no archived text)."),
    ] = None,
    data: DataOption = None,
) -> None:
    """Download the sources' pages and archive their readable text."""
    settings = get_settings()
    archive = SourceArchive.from_settings(settings)
    limits = FetchLimits(settings.geoalign_fetch_timeout, settings.geoalign_fetch_max_bytes)
    with _reported_errors():
        outcomes = fetch_sources(_seed_set(settings, data), archive, limits, ids)
    for source_id, outcome in outcomes:
        typer.echo(f"{source_id}: {outcome}")
    typer.echo(f"{len(outcomes)} source(s) tried; archive: {archive.folder}")
    if any(outcome.startswith("failed") for _, outcome in outcomes):
        raise typer.Exit(code=1)


@sources_app.command("add")
def sources_add(
    source_id: Annotated[str, typer.Argument(help="Id of a source in the seed data.")],
    file: Annotated[Path, typer.Argument(help="A UTF-8 text file holding the source's text.")],
    data: DataOption = None,
) -> None:
    """Archive a text you already have (a PDF's text, a page saved by hand)."""
    settings = get_settings()
    archive = SourceArchive.from_settings(settings)
    with _reported_errors():
        known = {str(r["id"]) for _, r in _seed_set(settings, data).records("sources")}
        if source_id not in known:
            raise NotFound(f"no source with id '{source_id}' in the seed data")
        stored = archive.add(source_id, file)
    typer.echo(f"{source_id}: archived {len(stored.text):,} characters from {file}")


@sources_app.command("status")
def sources_status(data: DataOption = None) -> None:
    """Per source: whether its text is archived, and whether the quotes citing it are found in it."""
    settings = get_settings()
    with _reported_errors():
        statuses = source_statuses(_seed_set(settings, data), SourceArchive.from_settings(settings))
    table = Table(title="Source texts and quotes")
    table.add_column("source", overflow="fold")
    for name in ("text", "quotes", "status"):
        table.add_column(name)
    for status in statuses:
        text = "-" if status.text is None else status.text.origin
        quotes = f"{status.found}/{len(status.quotes)}" if status.quotes else "-"
        table.add_row(status.source_id, text, quotes, status.state)
    Console().print(table)
    unverified = sum(1 for s in statuses if s.state == "unverified")
    typer.echo(
        "quotes: found in the source's own text / citing it; 'verified elsewhere': no text of its "
        "own, but each of its quotes stands in the text of another source it is cited with."
    )
    if unverified:
        typer.echo(
            f"{unverified} source(s) have quotes that no archived text verifies: run "
            "`geoalign sources fetch` or `geoalign sources add ID FILE`."
        )


alignment_app = typer.Typer(help="The alignment index: scores with their reasons.", no_args_is_help=True)
app.add_typer(alignment_app, name="alignment")
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
    as_of: Annotated[date | None, typer.Option(parser=_day, help="Day (YYYY-MM-DD), default today.")] = None,
    weights: WeightsOption = None,
    top: TopOption = TOP,
) -> None:
    """The score and its largest contributions, as JSON."""
    with _reported_errors(), Database(get_settings()) as db:
        day = as_of or date.today()
        scored = _index(db, weights).score(subject, toward, day, top=top)
        typer.echo(json.dumps(scored.as_dict(), indent=2))


@alignment_app.command("series")
def alignment_series(
    subject: str,
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    from_date: Annotated[date, typer.Option(parser=_day, help="First day (YYYY-MM-DD).")],
    to_date: Annotated[date, typer.Option(parser=_day, help="Last day (YYYY-MM-DD).")],
    step: Annotated[str, typer.Option(help="year, quarter or month.")] = "year",
    weights: WeightsOption = None,
) -> None:
    """The score at each step between two days."""
    with _reported_errors(), Database(get_settings()) as db:
        points = _index(db, weights).series(subject, toward, from_date, to_date, step)
    for point in points:
        typer.echo(f"{point.as_of.isoformat()}  {point.score:+.3f}")


@alignment_app.command("shifts")
def alignment_shifts(
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    from_date: Annotated[date, typer.Option(parser=_day, help="Earlier day (YYYY-MM-DD).")],
    to_date: Annotated[date, typer.Option(parser=_day, help="Later day (YYYY-MM-DD).")],
    limit: int = 10,
    weights: WeightsOption = None,
) -> None:
    """States ranked by the change of their score toward the target."""
    with _reported_errors(), Database(get_settings()) as db:
        ranked = _index(db, weights).shifts(toward, from_date, to_date, limit)
    for entry in ranked:
        typer.echo(f"{entry['subject']:24} {entry['score_before']:+.3f} -> {entry['score_after']:+.3f}")


@app.command("stale")
def stale(
    as_of: Annotated[date | None, typer.Option(parser=_day, help="Day (YYYY-MM-DD), default today.")] = None,
    max_age_days: Annotated[
        int, typer.Option(min=0, help="How old a check of a fact that still holds may be.")
    ] = 180,
    fail: Annotated[bool, typer.Option("--fail", help="Exit with status 1 when any fact is listed.")] = False,
) -> None:
    """Facts most likely to be out of date, oldest checks first (the stale-facts query)."""
    day = as_of or date.today()
    params = {"as_of": day.isoformat(), "max_age_days": str(max_age_days)}
    with _reported_errors(), Database(get_settings()) as db:
        result = default_catalog().run(db, "stale-facts", params)
    console = Console()
    for row in result.rows:
        fact = " ".join(str(row[c]) for c in ("subject_id", "relation", "object_id") if row[c] is not None)
        key = f" [{row['key']}]" if row["key"] else ""
        console.print(f"{row['checked_on'] or 'never checked'}  {fact}{key}", style="bold", highlight=False)
        for reason in row["reasons"]:
            console.print(f"    {reason}", highlight=False)
    if not result.rows:
        typer.echo(f"No stale facts on {day}: every open fact was checked within {max_age_days} days.")
        return
    typer.echo(f'{len(result.rows)} fact(s) to check again as of {day}; see seed_data/README.md, "Checks".')
    if fail:
        raise typer.Exit(code=1)


class ExportFormat(StrEnum):  # graph.export.release.FORMATS, as choices the help lists
    csv = "csv"
    jsonl = "jsonl"
    graphml = "graphml"


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="A new (or empty) folder for the release.")],
    form: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.csv,
    since: Annotated[
        Path | None,
        typer.Option("--since", help="An earlier release (folder or manifest.json): list what changed."),
    ] = None,
) -> None:
    """Write every node and relationship as files, with a manifest.json to cite and check them by."""
    settings = get_settings()
    with _reported_errors(), Database(settings) as db:
        manifest = export_release(db, out, form.value, settings.geoalign_export_timeout, since)
    counts, files = manifest["counts"], manifest["files"]
    size = sum(entry["bytes"] for entry in files)
    typer.echo(
        f"{counts['nodes']:,} nodes and {counts['relationships']:,} relationships written to {out} "
        f"as {form.value}: {len(files)} file(s), {size:,} bytes, in {manifest['seconds']:.1f} s."
    )
    licences = ", ".join(f"{d['dataset']} {d['license']}" for d in manifest["licenses"]["data"])
    typer.echo(f"Licences: code {manifest['licenses']['code']}; data {licences}. Cite as:")
    typer.echo(f"  {manifest['citation']}")
    if "changes" in manifest:
        summary = manifest["changes"]["summary"]
        said = ", ".join(f"{count:,} {what}" for what, count in summary.items()) or "no change"
        typer.echo(f"Since {since}: {said}; listed in {out / CHANGES}.")


@app.command("diff")
def diff(
    earlier: Annotated[Path, typer.Argument(help="The earlier release (folder or manifest.json).")],
    later: Annotated[Path, typer.Argument(help="The later release (folder or manifest.json).")],
    show: Annotated[int, typer.Option(min=0, help="How many changes to print.")] = 20,
    out: Annotated[Path | None, typer.Option(help="Write every change to this file (JSON Lines).")] = None,
) -> None:
    """The facts added, removed and changed between two releases written by `geoalign export`."""
    summary: dict[str, int] = {}
    with _reported_errors():
        releases = Release.open(earlier), Release.open(later)
        handle = out.open("w", encoding="utf-8") if out is not None else None
        try:
            for change in diff_releases(*releases):
                what = f"{change['kind']}s {change['change']}"
                summary[what] = summary.get(what, 0) + 1
                if sum(summary.values()) <= show:
                    typer.echo(_change_text(change))
                if handle is not None:
                    handle.write(json.dumps(change, ensure_ascii=False) + "\n")
        finally:
            if handle is not None:
                handle.close()
    total = sum(summary.values())
    if total > show:
        typer.echo(
            f"... and {total - show:,} more" + (f", all in {out}." if out else " (--out FILE lists all).")
        )
    versions = [str(r.manifest.get("dataset_version", ""))[:12] for r in releases]
    said = ", ".join(f"{count:,} {what}" for what, count in sorted(summary.items())) or "no change"
    typer.echo(f"From version {versions[0]} to {versions[1]}: {said}.")


def _change_text(change: dict[str, object]) -> str:
    mark = {"added": "+", "removed": "-", "changed": "~"}[str(change["change"])]
    if change["kind"] == "node":
        line = f"{mark} {change['label']} {change['id']}"
    else:
        key = f" [{change['key']}]" if change.get("key") else ""
        line = f"{mark} {change['type']} {change['from']} -> {change['to']}{key}"
    fields = change.get("fields")
    if isinstance(fields, dict):
        line += "".join(f"\n    {name}: {value['old']} -> {value['new']}" for name, value in fields.items())
    return line


@app.command("ingest")
def ingest(
    path: Annotated[str, typer.Argument(help="A text or HTML file, or an http(s) address.")],
    source_id: Annotated[str, typer.Option("--source-id", help="Id of the new source (lowercase, hyphens).")],
    published: Annotated[date, typer.Option(parser=_day, help="Publication day (YYYY-MM-DD).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the source and the candidate facts.")],
    title: Annotated[str | None, typer.Option(help="Title (default: the first sentence).")] = None,
    publisher: Annotated[str, typer.Option(help="Publisher.")] = "unknown",
    url: Annotated[str | None, typer.Option(help="Address of the article.")] = None,
    reliability: Annotated[
        str, typer.Option(help="The source's Admiralty grade, A-F (default F: not judged yet).")
    ] = "F",
) -> None:
    """Propose candidate facts from an article, in the seed format, for `geoalign review`."""
    # The extractor's libraries (sentence splitting, date parsing, fuzzy names, the HTML reader)
    # load here, for this command alone, so that every other command starts without them.
    from graph.ingest.extract import Extractor, Lexicon
    from graph.ingest.linker import Gazetteer
    from graph.ingest.reading import read_article

    with _reported_errors():
        settings = get_settings()
        seeds = SeedSet()
        problem = reliability_problem(seeds.model, reliability)
        if problem:  # refused before anything is written
            raise BadParameter("reliability", problem)
        if not ID_PATTERN.match(source_id):
            raise BadParameter("source_id", f"{source_id!r} is not a source id (lowercase, hyphenated ASCII)")
        text, how = read_article(path, settings)
        extractor = Extractor(Gazetteer(seeds), Lexicon.load(seeds.model), seeds.model)
        candidates = extractor.candidates(text, published)
        archive = SourceArchive.from_settings(settings)
        archive.store(source_id, text, how)
        first = extractor.sentences(text)[0] if text.strip() else source_id
        source = {
            "id": source_id,
            "title": title or first[:150],
            "publisher": publisher,
            "published": published.isoformat(),
        }
        source |= {"url": url} if url else {}
        source |= {"kind": "news", "reliability": reliability}
        existing = {(r["from"], r["type"], r["to"]) for _, r in seeds.records("relationships")}
        written = IngestFolder(out).write(source, candidates, date.today(), existing)
        SeedSet([SEED_DIR, out], archive=archive).validate()
    typer.echo(
        f"{written} candidate fact(s) from {source_id} written to {out}; `geoalign review {out}` to decide."
    )
    if (out / "known.yaml").exists():
        typer.echo(f"Proposals the graph already holds are in {out / 'known.yaml'}: cite the source on them.")


@app.command("review")
def review(
    folder: Annotated[Path, typer.Argument(help="A folder written by `geoalign ingest`.")],
    accept: Annotated[
        list[str] | None, typer.Option("--accept", help="Candidate id to accept (repeatable).")
    ] = None,
    reject: Annotated[
        list[str] | None, typer.Option("--reject", help="Candidate id to reject (repeatable).")
    ] = None,
    accept_all_above: Annotated[
        float | None,
        typer.Option(
            "--accept-all-above", min=0, max=1, help="Accept every candidate above this confidence."
        ),
    ] = None,
) -> None:
    """Show the pending candidates, or accept and reject them."""
    pending = IngestFolder(folder)
    with _reported_errors():
        if accept or reject or accept_all_above is not None:
            moved, dropped = pending.decide(set(accept or []), set(reject or []), accept_all_above)
            typer.echo(f"{moved} accepted into {folder / 'accepted'}, {dropped} rejected.")
            typer.echo(f"Load the accepted facts with `geoalign seed --data {folder / 'accepted'}`.")
            return
        rows = pending.pending()
    if not rows:
        typer.echo(f"No pending candidates in {folder}.")
        return
    console = Console()
    table = Table("id", "conf.", "proposed fact", "sentence", show_lines=True)
    for candidate, records in _by_candidate(rows).items():
        facts = "\n".join(_fact_text(r) for r in records)
        table.add_row(candidate, f"{records[0]['confidence']:.2f}", facts, str(records[0].get("quote", "")))
    console.print(table)


def _by_candidate(rows: list[tuple[Path, dict[str, object]]]) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = {}
    for _, record in rows:
        grouped.setdefault(str(record["candidate"]), []).append(record)
    return grouped


def _fact_text(record: dict[str, object]) -> str:
    dates = ", ".join(
        f"{k} {v}" for k, v in record.items() if k in ("since", "announced_on", "notified_on", "effective_on")
    )
    status = "" if record.get("claim_status") == "reported" else f" [{record.get('claim_status')}]"
    return f"{record['from']} {record['type']} {record['to']} ({dates}){status}"


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default GEOALIGN_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default GEOALIGN_API_PORT).")] = None,
    workers: Annotated[
        int,
        typer.Option(min=1, max=64, help="API processes sharing the port; each keeps its own result cache."),
    ] = 1,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) until interrupted."""
    import uvicorn

    settings = get_settings()
    bind_host = host or settings.geoalign_api_host
    bind_port = port or settings.geoalign_api_port
    with _reported_errors():
        _check_port_free(bind_host, bind_port)
    typer.echo(f"API:      http://{bind_host}:{bind_port}  (docs at /docs)")
    if settings.browser_url:
        status = LocalServer(settings).status()
        typer.echo(f"Browser:  {status.browser_url}  (user {status.user}, password {status.password_hint})")
    if workers > 1:
        typer.echo(
            f"Workers:  {workers} processes; each has its own result cache and heavy-request slots "
            "(GEOALIGN_RESULT_CACHE_SECONDS, GEOALIGN_HEAVY_CONCURRENCY apply per process)"
        )
    uvicorn.run("api.app:create_app", factory=True, host=bind_host, port=bind_port, workers=workers)


def _check_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ServerError(
                f"cannot serve on {host}:{port}: {error.strerror}. Another program (or another "
                "`geoalign serve`) may be using it: choose another port with --port or GEOALIGN_API_PORT"
            ) from None


def main() -> None:
    app()


if __name__ == "__main__":
    main()
