"""The UN General Assembly's historical votes: importing them into this instance, or removing them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from cli.app import app, reported_errors
from cli.server import load_seed_set
from graph.seed.seedset import SeedSet
from graph.settings import get_settings
from graph.unga.historical import FOLDER_NAME, description, prepare, seed_context

votes_app = typer.Typer(
    help="The UN General Assembly's roll-call votes of 1946-2019 (Voeten's data, as unvotes ships it).",
    no_args_is_help=True,
)
app.add_typer(votes_app, name="votes")


@votes_app.command("import")
def votes_import(
    source: Annotated[
        Path,
        typer.Option(
            "--from",
            help="Folder holding un_votes.rda, un_roll_calls.rda and un_roll_call_issues.rda "
            "(the data/ folder of the unvotes package); each file's SHA-256 is checked.",
        ),
    ],
    online: Annotated[
        bool,
        typer.Option("--online", help="Load through the running server instead of the bulk importer."),
    ] = False,
    described: Annotated[
        Path | None,
        typer.Option(
            "--description",
            help="A description of other files in the format of graph/unga/unvotes.yaml (a newer "
            "unvotes release, say), with their SHA-256 digests; default: the shipped one.",
        ),
    ] = None,
) -> None:
    """Check the unvotes files, write them as a seed folder of this instance, and load the graph
    with them (the bulk importer on the local server: it stops meanwhile). Every later
    `geoalign seed` keeps them, until `geoalign votes remove`."""
    settings = get_settings()
    with reported_errors():
        state_ids, curated = seed_context(SeedSet().records)
        about = description(described) if described else description()
        report = prepare(source, settings.imported_dir, state_ids, curated, about)
        typer.echo(
            f"Read {report.roll_calls:,} roll calls and {report.votes:,} votes; wrote "
            f"{report.written_roll_calls:,} roll calls and {report.written_votes:,} votes of "
            f"{len(report.by_state)} states to {report.folder}."
        )
        if report.curated:
            typer.echo(f"Left to the curated seed data: {', '.join(sorted(set(report.curated)))}.")
        _reload(online)


@votes_app.command("remove")
def votes_remove(
    online: Annotated[
        bool,
        typer.Option("--online", help="Reload through the running server instead of the bulk importer."),
    ] = False,
) -> None:
    """Remove the imported votes from this instance and reload the graph without them."""
    settings = get_settings()
    folder = settings.imported_dir / FOLDER_NAME
    if not folder.exists():
        typer.echo("No votes are imported in this instance.")
        return
    shutil.rmtree(folder)
    typer.echo(f"Removed {folder}.")
    with reported_errors():
        _reload(online)


def _reload(online: bool) -> None:
    settings = get_settings()
    report = load_seed_set(
        settings, SeedSet.from_settings(settings), reset=not online, online=online, force=True
    )
    typer.echo(f"Loaded seed data {report.version[:12]} in {report.seconds:.1f}s: {report.counts}.")
