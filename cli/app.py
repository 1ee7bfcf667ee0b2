"""The typer app and what every command group shares: the options read alike, and errors
printed with what to do about them (exit status 1), never as a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from graph.errors import DatabaseUnreachable, GeoalignError
from graph.settings import Settings, get_settings

app = typer.Typer(help="geoalign: a geopolitical alignment knowledge graph on Neo4j.", no_args_is_help=True)
neo4j_app = typer.Typer(help="The local Neo4j server (ignored when NEO4J_URI is set).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


def parse_day(text: str) -> date:
    """A date option's value; typer names the option in the message."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2025-10-01") from None


@contextmanager
def reported_errors() -> Iterator[None]:
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


def external(settings: Settings) -> bool:
    if settings.manages_local_server:
        return False
    typer.echo(f"NEO4J_URI is set: using the Neo4j at {settings.neo4j_uri}; no local server is managed.")
    return True


DataOption = Annotated[
    list[Path] | None,
    typer.Option("--data", help="Extra seed folder, loaded beside the project's (repeatable)."),
]
