"""A release: the whole graph as files with a manifest, read back, and compared with another.

`export_release` reads every exported node and relationship in one READ transaction (one state of
the graph, streamed, so the world graph's million relationships never sit in memory), writes them
into a scratch folder beside the target and renames it into place only when every file is written,
counted and hashed: a failed export leaves nothing behind. Files are sorted by identity (a node by
`id`; a relationship by `from`, `to`, `key` within its type), so the same graph gives the same
bytes, and two releases are compared file by file in one pass (`diff_releases`).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import neo4j

from graph import cypher
from graph.db.database import Database
from graph.errors import BadParameter, GeoalignError
from graph.export.cells import comparable, from_csv_cell
from graph.export.files import GraphML, Table, sha256_of
from graph.values import INTERNAL_PROPERTIES as INTERNAL
from graph.values import plain

FORMATS = ("csv", "jsonl", "graphml")
COMPARABLE_FORMATS = ("csv", "jsonl")
MANIFEST = "manifest.json"
CHANGES = "changes.jsonl"
CODE_LICENSE = "MIT"
IDENTITY = {"nodes": ("id",), "relationships": ("from", "to", "key")}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")  # a label or type that can name a file
CELLS = (
    "Every file is UTF-8. CSV: one header row; lists are JSON arrays; booleans true/false; dates "
    "ISO 8601 at the precision given by the column <field>_precision (day, month or year: a month "
    "is stored as its first day); an empty cell is a missing value. JSON Lines: one object per "
    "line, missing values left out. Each file's columns and their types are listed below."
)

Run = Callable[[str], Iterator[neo4j.Record]]


class ExportError(GeoalignError):
    """An export could not be written, or a release could not be read; the message says why."""


def _statement(name: str) -> str:
    return cypher.statement(f"export/{name}")


def _file_name(name: object, what: str) -> str:
    if not isinstance(name, str) or not NAME.match(name):
        raise ExportError(f"the graph holds a {what} named {name!r}, which cannot name a file")
    return name


def _geoalign_version() -> str:
    try:
        return version("geoalign")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


# ----- writing ---------------------------------------------------------------------------------


def export_release(
    db: Database, out: Path, form: str, timeout: float, since: Path | None = None
) -> dict[str, Any]:
    """Write the graph into `out` (a new or empty folder) as `form`; return the manifest. With
    `since` (an earlier release's folder or manifest) the changes since it go into changes.jsonl."""
    if form not in FORMATS:
        raise BadParameter("format", f"{form!r} is not a format; choose one of {', '.join(FORMATS)}")
    earlier = Release.open(since) if since is not None else None
    if earlier is not None and form not in COMPARABLE_FORMATS:
        raise BadParameter("since", f"changes are listed between csv or jsonl releases, not {form}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BadParameter("out", f"{out}: exists and is not an empty folder; a release needs a new one")
    started = time.perf_counter()
    scratch = out.parent / f".{out.name}.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        manifest = _write(db, scratch, form, timeout)
        if earlier is not None:
            manifest["changes"] = _write_changes(earlier, Release(scratch, manifest), scratch / CHANGES)
        manifest["seconds"] = round(time.perf_counter() - started, 3)
        (scratch / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        if out.exists():
            out.rmdir()
        scratch.rename(out)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return manifest


def _write(db: Database, folder: Path, form: str, timeout: float) -> dict[str, Any]:
    with db.snapshot(timeout) as run:
        expected = next(run(_statement("count")))
        datasets = [_dataset(record["properties"]) for record in run(_statement("datasets"))]
        files = _write_graphml(run, folder) if form == "graphml" else _write_tables(run, folder, form)
    if form == "graphml":
        written = {"nodes": files[0]["nodes"], "relationships": files[0]["edges"]}
    else:
        written = {
            kind: sum(e["rows"] for e in files if e["path"].startswith(f"{kind}/")) for kind in IDENTITY
        }
    for kind in IDENTITY:
        if written[kind] != expected[kind]:
            raise ExportError(
                f"the graph holds {expected[kind]:,} {kind} but {written[kind]:,} were written: "
                + (
                    "a node without an id, or with no label but Entity, cannot be exported"
                    if kind == "nodes"
                    else "only relationships between two entities with ids are exported"
                )
            )
    return _manifest(form, datasets, written, files)


LOCAL_DETAILS = frozenset({"folders", "seconds"})  # where and how fast this machine loaded it


def _dataset(properties: dict[str, Any]) -> dict[str, Any]:
    """A Dataset node as the manifest lists it: what it is, its version, licence and counts."""
    described = {
        name: plain(value)
        for name, value in sorted(properties.items())
        if name not in INTERNAL and name not in LOCAL_DETAILS
    }
    if isinstance(described.get("counts"), str):  # stored as JSON text: Neo4j keeps no maps
        described["counts"] = json.loads(described["counts"])
    return described


def _write_tables(run: Run, folder: Path, form: str) -> list[dict[str, Any]]:
    tables: dict[tuple[str, str], Table] = {}
    for kind, columns_query, name_column in (
        ("nodes", "node_columns", "label"),
        ("relationships", "relationship_columns", "type"),
    ):
        for record in run(_statement(columns_query)):
            name = _file_name(record[name_column], name_column)
            names = [n for n in record["names"] if n not in INTERNAL]
            tables[kind, name] = Table(folder, f"{kind}/{name}.{form}", list(IDENTITY[kind]), names, form)
    try:
        for record in run(_statement("nodes")):
            if record["id"] is not None:
                tables["nodes", record["label"]].write(_stored(record["properties"]))
        for record in run(_statement("relationships")):
            if record["to"] is not None:
                row = {"from": record["from"], "to": record["to"], **_stored(record["properties"])}
                tables["relationships", record["type"]].write(row)
    finally:
        entries = [table.close() for table in tables.values()]
    return sorted(entries, key=lambda entry: str(entry["path"]))


def _write_graphml(run: Run, folder: Path) -> list[dict[str, Any]]:
    graph = GraphML(folder, "geoalign.graphml")
    try:
        for record in run(_statement("nodes")):
            if record["id"] is None:
                continue
            label, stored = record["label"], _stored(record["properties"])
            caption = stored.get("name") or stored.get("title") or record["id"]
            graph.node(_graph_id(label, record["id"]), {"label": caption, "neo4j_label": label, **stored})
        for record in run(_statement("relationships")):
            if record["to"] is not None:
                stored = {"label": record["type"], **_stored(record["properties"])}
                graph.edge(record["from"], record["to"], stored)
    finally:
        entry = graph.close()
    return [entry]


def _graph_id(label: str, node_id: str) -> str:
    """GraphML node ids: an entity's own id (relationships join entities); a source or a dispute,
    whose ids are of another namespace, prefixed with its label."""
    return f"{label.lower()}:{node_id}" if label in ("Source", "Dispute") else node_id


def _stored(properties: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in properties.items() if name not in INTERNAL}


def _manifest(
    form: str, datasets: list[dict[str, Any]], counts: dict[str, int], files: list[dict[str, Any]]
) -> dict[str, Any]:
    seed = next((d for d in datasets if d.get("id") == "seed"), None)
    if seed is None:
        raise ExportError("the graph holds no loaded seed data (no Dataset node): run `geoalign seed` first")
    exported_at = datetime.now(UTC)
    dataset_version = str(seed["version"])
    citation = (
        f"{seed.get('citation') or seed.get('title') or 'geoalign'} "
        f"Dataset version {dataset_version[:12]}, exported {exported_at.date().isoformat()}."
    )
    return {
        "name": "geoalign",
        "format": form,
        "dataset_version": dataset_version,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "geoalign_version": _geoalign_version(),
        "counts": counts,
        "citation": citation,
        "licenses": {
            "code": CODE_LICENSE,
            "data": [
                {
                    "dataset": d.get("id"),
                    "title": d.get("title"),
                    "license": d.get("license"),
                    "url": d.get("license_url"),
                    "citation": d.get("citation"),
                }
                for d in datasets
            ],
        },
        "datasets": datasets,
        "encoding": CELLS,
        "files": files,
    }


# ----- reading back ---------------------------------------------------------------------------


@dataclass
class Release:
    """An export folder and its manifest."""

    folder: Path
    manifest: dict[str, Any]
    _entries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, init=False)

    @classmethod
    def open(cls, where: Path) -> Release:
        path = where / MANIFEST if where.is_dir() else where
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BadParameter(
                "release", f"{where}: no {MANIFEST} (give a release's folder or manifest)"
            ) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BadParameter("release", f"{path}: not a manifest: {error}") from None
        if not isinstance(manifest, dict) or manifest.get("format") not in COMPARABLE_FORMATS:
            form = manifest.get("format") if isinstance(manifest, dict) else None
            raise BadParameter(
                "release", f"{path}: a {form or 'unknown'} release; only csv and jsonl ones are compared"
            )
        release = cls(path.parent, manifest)
        problems = release.verify()
        if problems:
            raise ExportError(f"{path.parent}: " + "; ".join(problems))
        return release

    def verify(self) -> list[str]:
        """What is wrong with the release's files: missing, or not the bytes the manifest hashed."""
        problems = []
        for entry in self.manifest.get("files", []):
            path = self.folder / entry["path"]
            if not path.is_file():
                problems.append(f"{entry['path']}: missing")
            elif sha256_of(path) != entry["sha256"]:
                problems.append(f"{entry['path']}: not the manifest's SHA-256 (changed since the export)")
        return problems

    def tables(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(kind, label or type) -> the file's manifest entry."""
        if not self._entries:
            for entry in self.manifest["files"]:
                kind, _, file_name = str(entry["path"]).partition("/")
                if kind in IDENTITY:
                    self._entries[kind, file_name.rsplit(".", 1)[0]] = entry
        return self._entries

    def rows(self, kind: str, name: str) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
        """The rows of one table in file order: identity, and every property (`key` included)."""
        entry = self.tables().get((kind, name))
        if entry is None:
            return
        types = {column["name"]: column["type"] for column in entry["columns"]}
        identity = IDENTITY[kind]
        with (self.folder / entry["path"]).open(encoding="utf-8", newline="") as handle:
            if self.manifest["format"] == "csv":
                lines: Iterator[dict[str, Any]] = (
                    {name: from_csv_cell(cell, types.get(name, "string")) for name, cell in row.items()}
                    for row in csv.DictReader(handle)
                )
            else:
                lines = (json.loads(line) for line in handle)
            for row in lines:
                key = tuple(str(row.get(column) or "") for column in identity)
                yield key, {k: v for k, v in row.items() if k not in ("id", "from", "to") and v is not None}


# ----- comparing ------------------------------------------------------------------------------


def diff_releases(earlier: Release, later: Release) -> Iterator[dict[str, Any]]:
    """The facts added, removed and changed from `earlier` to `later`, table by table, each
    table's rows merged in one pass over both files (they are sorted by identity)."""
    for kind, name in sorted(set(earlier.tables()) | set(later.tables())):
        label = "label" if kind == "nodes" else "type"
        old_rows = _in_order(earlier.rows(kind, name), earlier.folder, kind, name)
        new_rows = _in_order(later.rows(kind, name), later.folder, kind, name)
        old, new = next(old_rows, None), next(new_rows, None)
        while old is not None or new is not None:
            if new is None or (old is not None and old[0] < new[0]):
                yield _change("removed", kind, label, name, old[0])  # type: ignore[index]
                old = next(old_rows, None)
            elif old is None or new[0] < old[0]:
                yield _change("added", kind, label, name, new[0])
                new = next(new_rows, None)
            else:
                before, after = comparable(old[1]), comparable(new[1])
                if before != after:
                    fields = {
                        f: {"old": before.get(f), "new": after.get(f)}
                        for f in sorted(set(before) | set(after))
                        if before.get(f) != after.get(f)
                    }
                    yield {**_change("changed", kind, label, name, new[0]), "fields": fields}
                old, new = next(old_rows, None), next(new_rows, None)


def _in_order(
    rows: Iterator[tuple[tuple[str, ...], dict[str, Any]]], folder: Path, kind: str, name: str
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    previous: tuple[str, ...] | None = None
    for row in rows:
        if previous is not None and row[0] <= previous:
            raise ExportError(
                f"{folder}: {kind}/{name} is not sorted by identity at {row[0]}: "
                "not as geoalign export writes it"
            )
        previous = row[0]
        yield row


def _change(change: str, kind: str, label: str, name: str, identity: tuple[str, ...]) -> dict[str, Any]:
    return {
        "change": change,
        "kind": kind[:-1],
        label: name,
        **dict(zip(IDENTITY[kind], identity, strict=True)),
    }


def _write_changes(earlier: Release, later: Release, path: Path) -> dict[str, Any]:
    """Write the changes as JSON Lines; return what the manifest says of them."""
    summary: Counter[str] = Counter()
    with path.open("w", encoding="utf-8") as out:
        for change in diff_releases(earlier, later):
            summary[f"{change['kind']}s {change['change']}"] += 1
            out.write(json.dumps(change, ensure_ascii=False) + "\n")
    return {
        "since_version": earlier.manifest.get("dataset_version"),
        "since_exported_at": earlier.manifest.get("exported_at"),
        "path": CHANGES,
        "sha256": sha256_of(path),
        "summary": dict(sorted(summary.items())),
    }
