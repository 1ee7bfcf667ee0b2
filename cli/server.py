"""The local Neo4j, seeding and serving the API."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.app import DataOption, app, external, neo4j_app, reported_errors
from graph.alignment.weights import default_table, load_blocs
from graph.db.database import Database
from graph.errors import ServerError
from graph.load.bulk import bulk_seed
from graph.load.online import seed as load
from graph.load.run import LoadReport
from graph.local_neo4j.server import LocalServer
from graph.seed.seedset import SeedSet
from graph.settings import Settings, get_settings


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Provision (once) and start the local Neo4j; returns when Bolt answers."""
    settings = get_settings()
    if external(settings):
        return
    server = LocalServer(settings)
    already = server.pid() is not None
    with reported_errors():
        status = server.start()
    typer.echo("Neo4j was already running." if already else "Neo4j started.")
    typer.echo(status.describe())


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Shut the local Neo4j down cleanly and wait for it to end."""
    settings = get_settings()
    if external(settings):
        return
    stopped = LocalServer(settings).stop()
    typer.echo("Neo4j stopped." if stopped else "Neo4j was not running.")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Whether the local Neo4j runs, its addresses, the user and where the password is."""
    settings = get_settings()
    if external(settings):
        return
    typer.echo(LocalServer(settings).status().describe())


def load_seed_set(
    settings: Settings, seed_set: SeedSet, reset: bool, online: bool, writers: int = 2, force: bool = False
) -> LoadReport:
    """Load a seed set the way `geoalign seed` does: a reset on the local server goes through the
    bulk importer (the server stops meanwhile) unless `online`; anything else through the server."""
    if reset and not online and settings.manages_local_server:
        typer.echo("Rebuilding the graph with the bulk importer (the local server stops meanwhile).")
        return bulk_seed(LocalServer(settings), seed_set)
    with Database(settings) as db:
        return load(db, seed_set, reset=reset, writers=writers, force=force)


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
    seed_set = SeedSet.from_settings(settings, data)
    with reported_errors():
        report = load_seed_set(settings, seed_set, reset=reset, online=online, writers=writers, force=force)
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
    with reported_errors():
        _check_port_free(bind_host, bind_port)
        default_table(), load_blocs()  # a bad weights.yaml is said here, before the server starts
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
