"""The record and its evidence: source texts, ingest and review, releases and their changes."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cli.app import DataOption, app, parse_day, reported_errors
from graph.db.database import Database
from graph.errors import NotFound
from graph.export.release import CHANGES, Release, diff_releases, export_release
from graph.ingest.folder import IngestFolder
from graph.ingest.workflow import Article, ingest_article
from graph.seed.seedset import SeedSet
from graph.settings import get_settings
from graph.sources.archive import SourceArchive
from graph.sources.fetch import FetchLimits
from graph.sources.status import fetch_sources, source_statuses

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
    with reported_errors():
        outcomes = fetch_sources(SeedSet.from_settings(settings, data).records, archive, limits, ids)
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
    with reported_errors():
        known = {str(r["id"]) for _, r in SeedSet.from_settings(settings, data).records("sources")}
        if source_id not in known:
            raise NotFound(f"no source with id '{source_id}' in the seed data")
        stored = archive.add(source_id, file)
    typer.echo(f"{source_id}: archived {len(stored.text):,} characters from {file}")


@sources_app.command("status")
def sources_status(data: DataOption = None) -> None:
    """Per source: whether its text is archived, and whether the quotes citing it are found in it."""
    settings = get_settings()
    with reported_errors():
        statuses = source_statuses(
            SeedSet.from_settings(settings, data).records, SourceArchive.from_settings(settings)
        )
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
    with reported_errors(), Database(settings) as db:
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
    with reported_errors():
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
    published: Annotated[date, typer.Option(parser=parse_day, help="Publication day (YYYY-MM-DD).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the source and the candidate facts.")],
    title: Annotated[str | None, typer.Option(help="Title (default: the first sentence).")] = None,
    publisher: Annotated[str, typer.Option(help="Publisher.")] = "unknown",
    url: Annotated[str | None, typer.Option(help="Address of the article.")] = None,
    reliability: Annotated[
        str, typer.Option(help="The source's Admiralty grade, A-F (default F: not judged yet).")
    ] = "F",
) -> None:
    """Propose candidate facts from an article, in the seed format, for `geoalign review`."""
    article = Article(path, source_id, published, title, publisher, url, reliability)
    with reported_errors():
        written = ingest_article(article, out, get_settings())
    typer.echo(
        f"{written} candidate fact(s) from {source_id} written to {out}; `geoalign review {out}` to decide."
    )
    if (out / "known.yaml").exists():
        typer.echo(f"Proposals the graph already holds are in {out / 'known.yaml'}: cite the source on them.")
    if (out / "disagreeing.yaml").exists():
        typer.echo(
            f"Proposals that date a fact the graph holds otherwise are in {out / 'disagreeing.yaml'}: "
            "each is an alternative value for that fact."
        )


@app.command("ingest-evaluate")
def ingest_evaluate(
    folders: Annotated[
        list[Path], typer.Argument(help="Folders of labelled texts (YAML: published, text, facts).")
    ],
    misses: Annotated[
        bool, typer.Option("--misses", help="List each text's missing and extra facts.")
    ] = False,
) -> None:
    """Precision and recall of `geoalign ingest` on texts you labelled, overall, by type and by
    category (graph/ingest/evaluate.py gives the format)."""
    from graph.ingest.evaluate import evaluate, labelled_texts
    from graph.ingest.extract import Extractor

    with reported_errors():
        extractor = Extractor.of(SeedSet())
        for folder in folders:
            result = evaluate(extractor, labelled_texts(folder))
            typer.echo(result.report(str(folder)))
            if misses:
                typer.echo("\n".join(f"  {line}" for line in result.misses))


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
    with reported_errors():
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
