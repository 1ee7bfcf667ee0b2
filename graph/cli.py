"""The `geoalign` command: the local Neo4j, seeding, and serving the API."""

from __future__ import annotations

import csv
import json
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

from graph.alignment import AlignmentIndex, WeightTable
from graph.catalog import cell_text, default_catalog
from graph.db import Database
from graph.errors import GeoalignError, NotFound
from graph.loader import seed as load
from graph.seed_files import SEED_DIR, SeedSet
from graph.server import LocalServer
from graph.settings import Settings, get_settings
from graph.sources.archive import SourceArchive
from graph.sources.fetch import FetchLimits
from graph.sources.status import fetch_sources, source_statuses

app = typer.Typer(help="geoalign: a geopolitical alignment knowledge graph on Neo4j.", no_args_is_help=True)
neo4j_app = typer.Typer(help="The local Neo4j server (ignored when NEO4J_URI is set).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


@contextmanager
def _reported_errors() -> Iterator[None]:
    """Print what went wrong (the core's errors, or a malformed date) and exit with status 1."""
    try:
        yield
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
) -> None:
    """Validate the seed data, apply the schema, and load it (idempotent; removes dropped facts)."""
    settings = get_settings()
    seed_set = _seed_set(settings, data)
    with _reported_errors(), Database(settings) as db:
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
    typer.echo(f"Loaded in {report.seconds:.1f}s.")
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
        table = Table(*result.columns, title=f"{name} {result.params}")
        for row in result.rows:
            table.add_row(*(cell_text(v, ", ") for v in row.values()))
        Console().print(table)


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


def _index(db: Database, weights: Path | None) -> AlignmentIndex:
    return AlignmentIndex(db, WeightTable.load(weights) if weights else None)


@alignment_app.command("score")
def alignment_score(
    subject: str,
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    as_of: Annotated[str | None, typer.Option(help="Day (YYYY-MM-DD), default today.")] = None,
    weights: WeightsOption = None,
) -> None:
    """The score and every contribution to it, as JSON."""
    with _reported_errors(), Database(get_settings()) as db:
        day = date.fromisoformat(as_of) if as_of else date.today()
        typer.echo(json.dumps(_index(db, weights).score(subject, toward, day).as_dict(), indent=2))


@alignment_app.command("series")
def alignment_series(
    subject: str,
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    from_date: Annotated[str, typer.Option(help="First day (YYYY-MM-DD).")],
    to_date: Annotated[str, typer.Option(help="Last day (YYYY-MM-DD).")],
    step: Annotated[str, typer.Option(help="year, quarter or month.")] = "year",
    weights: WeightsOption = None,
) -> None:
    """The score at each step between two days."""
    with _reported_errors(), Database(get_settings()) as db:
        points = _index(db, weights).series(
            subject, toward, date.fromisoformat(from_date), date.fromisoformat(to_date), step
        )
    for point in points:
        typer.echo(f"{point.as_of.isoformat()}  {point.score:+.3f}")


@alignment_app.command("shifts")
def alignment_shifts(
    toward: Annotated[str, typer.Option(help="Target entity or bloc.")],
    from_date: Annotated[str, typer.Option(help="Earlier day (YYYY-MM-DD).")],
    to_date: Annotated[str, typer.Option(help="Later day (YYYY-MM-DD).")],
    limit: int = 10,
    weights: WeightsOption = None,
) -> None:
    """States ranked by the change of their score toward the target."""
    with _reported_errors(), Database(get_settings()) as db:
        ranked = _index(db, weights).shifts(
            toward, date.fromisoformat(from_date), date.fromisoformat(to_date), limit
        )
    for entry in ranked:
        typer.echo(f"{entry['subject']:24} {entry['score_before']:+.3f} -> {entry['score_after']:+.3f}")


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default GEOALIGN_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default GEOALIGN_API_PORT).")] = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) until interrupted."""
    import uvicorn

    settings = get_settings()
    bind_host = host or settings.geoalign_api_host
    bind_port = port or settings.geoalign_api_port
    typer.echo(f"API:      http://{bind_host}:{bind_port}  (docs at /docs)")
    if settings.browser_url:
        status = LocalServer(settings).status()
        typer.echo(f"Browser:  {status.browser_url}  (user {status.user}, password {status.password_hint})")
    uvicorn.run("api.app:create_app", factory=True, host=bind_host, port=bind_port)


def main() -> None:
    app()
