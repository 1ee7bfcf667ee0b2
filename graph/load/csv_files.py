"""The seed set's rows as CSV files in the form `neo4j-admin database import` reads.

Every distinct set of properties gets a file of its own with its own typed header, so the rows
are streamed in one pass and no column is left empty for want of a value: an empty cell would
be "no property", and a property the online loader writes as "" (a relationship's empty `key`)
must stay "". Every value is quoted (csv.QUOTE_ALL); lists are split on ARRAY_DELIMITER. The one value a cell
cannot carry is a list whose text is empty ([] or [""], which the importer reads as no
property): those are kept aside as patches, written by Cypher once the server is up.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from graph.seed.seedset import SeedSet

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: no seed text holds it (checked as written)
ID_SPACES = {"Source": "Source", "Dispute": "Dispute"}  # every other node is an Entity


class ImportFormatError(ValueError):
    """A value the importer's CSV cannot carry as the online loader would store it."""


def _kind(name: str, value: Any) -> str:
    """The importer's type for a property value (the seed data's types are these)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "string[]"
    if isinstance(value, list) and all(type(item) is int for item in value):
        return "long[]"  # the credibility grades of a fact's other versions
    raise ImportFormatError(f"property {name!r}: a {type(value).__name__} cannot be bulk-imported")


def _text(name: str, value: Any) -> str:
    """A value as the importer reads it for its column's type (the csv module quotes it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        if any(ARRAY_DELIMITER in str(item) for item in value):
            raise ImportFormatError(f"property {name!r} holds the importer's list separator (U+001F)")
        return ARRAY_DELIMITER.join(map(str, value))
    return str(value)


@dataclass
class _File:
    path: Path
    handle: TextIO
    writer: Any  # a csv writer quoting every cell
    names: list[str]  # its property columns, in order
    multiline: bool = False


@dataclass
class _Group:
    """The files of one node label or relationship type, one per set of properties and types."""

    folder: Path
    stem: str
    fixed: list[str]  # the header's first columns (ids, labels), given by the caller per row
    files: dict[tuple[tuple[str, str], ...], _File] = field(default_factory=dict)  # by columns
    seen: dict[tuple[tuple[str, type], ...], _File] = field(default_factory=dict)  # by keys and types
    rows: int = 0

    def write(self, fixed: list[str], props: dict[str, Any]) -> None:
        signature = tuple((name, type(value)) for name, value in props.items() if value is not None)
        file = self.seen.get(signature)
        if file is None:
            columns = tuple(sorted((name, _kind(name, props[name])) for name, _ in signature))
            file = self.files.get(columns)
            if file is None:
                path = self.folder / f"{self.stem}-{len(self.files)}.csv"
                handle: TextIO = path.open("w", encoding="utf-8", newline="")
                writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
                handle.write(",".join([*self.fixed, *(f"{name}:{kind}" for name, kind in columns)]) + "\n")
                file = self.files[columns] = _File(path, handle, writer, [name for name, _ in columns])
            self.seen[signature] = file
        cells = [*fixed, *(_text(name, props[name]) for name in file.names)]
        if not file.multiline and any("\n" in cell or "\r" in cell for cell in cells):
            file.multiline = True
        file.writer.writerow(cells)
        self.rows += 1

    def close(self) -> list[Path]:
        for file in self.files.values():
            file.handle.close()
        return [file.path for file in self.files.values()]

    @property
    def multiline(self) -> list[Path]:
        return [file.path for file in self.files.values() if file.multiline]


@dataclass
class ImportFiles:
    """What `neo4j-admin database import full` is given: node and relationship files by label
    or type, the files whose values span lines, and how many rows of each name were written;
    and the properties to write after the import (`patches`: node ids, or relationships by
    from, type, to and key, with their properties)."""

    nodes: dict[str, list[Path]]
    relationships: dict[str, list[Path]]
    multiline: list[Path]
    counts: dict[str, int]
    node_patches: list[dict[str, Any]] = field(default_factory=list)
    relationship_patches: list[dict[str, Any]] = field(default_factory=list)

    def arguments(self) -> list[str]:
        """One argument per file: files given together would share the first one's header."""
        args = [f"--nodes={label}={path}" for label, paths in self.nodes.items() for path in paths]
        args += [
            f"--relationships={kind}={path}" for kind, paths in self.relationships.items() for path in paths
        ]
        return args


def write_import_files(seed_set: SeedSet, folder: Path, run: str) -> ImportFiles:
    """Write every source, dispute, node and relationship of a validated seed set as CSV files
    under `folder`, each stamped with the load's `run` as the online loader stamps it."""
    folder.mkdir(parents=True, exist_ok=True)
    node_groups: dict[str, _Group] = {}
    rel_groups: dict[str, _Group] = {}
    node_patches: list[dict[str, Any]] = []
    relationship_patches: list[dict[str, Any]] = []

    def group(groups: dict[str, _Group], name: str, fixed: list[str]) -> _Group:
        if name not in groups:
            groups[name] = _Group(folder, f"{'node' if groups is node_groups else 'rel'}-{name}", fixed)
        return groups[name]

    def carried(
        props: dict[str, Any], patches: list[dict[str, Any]], identity: dict[str, Any]
    ) -> dict[str, Any]:
        """The properties a cell can carry; the others go to `patches` with the row's identity."""
        aside = {
            name: value
            for name, value in props.items()
            if isinstance(value, list) and not "".join(map(str, value))
        }
        if aside:
            patches.append({**identity, "props": aside})
        return {name: value for name, value in props.items() if name not in aside}

    for label, rows in (("Source", seed_set.source_rows()), ("Dispute", seed_set.dispute_rows())):
        for row in rows:
            props = carried({**_without_id(row["props"]), "load_run": run}, node_patches, {"id": row["id"]})
            group(node_groups, label, [f"id:ID({ID_SPACES[label]})", ":LABEL"]).write(
                [row["id"], label], props
            )
    for row in seed_set.node_rows():
        props = carried({**_without_id(row["props"]), "load_run": run}, node_patches, {"id": row["id"]})
        group(node_groups, row["label"], ["id:ID(Entity)", ":LABEL"]).write(
            [row["id"], f"Entity{ARRAY_DELIMITER}{row['label']}"], props
        )
    for row in seed_set.relationship_rows():
        dates = {name: dt.date.fromisoformat(text) for name, text in row["dates"].items()}
        identity = {"from": row["from"], "type": row["type"], "to": row["to"], "key": row["props"]["key"]}
        props = carried({**row["props"], **dates, "load_run": run}, relationship_patches, identity)
        group(rel_groups, row["type"], [":START_ID(Entity)", ":END_ID(Entity)"]).write(
            [row["from"], row["to"]], props
        )
    nodes = {label: g.close() for label, g in node_groups.items()}
    relationships = {kind: g.close() for kind, g in rel_groups.items()}
    counts = {name: g.rows for name, g in [*node_groups.items(), *rel_groups.items()]}
    multiline = sorted(p for g in [*node_groups.values(), *rel_groups.values()] for p in g.multiline)
    return ImportFiles(nodes, relationships, multiline, counts, node_patches, relationship_patches)


def _without_id(props: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in props.items() if name != "id"}
