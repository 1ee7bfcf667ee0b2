"""What an answer is made of: rows of plain JSON values, the sources they cite with their
grades, and the same values as the text of a table or CSV cell."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

import neo4j

from graph import cypher
from graph.catalog.queries import CatalogError, GraphShape, Query
from graph.db.database import Database
from graph.values import INTERNAL_PROPERTIES, plain


@dataclass(frozen=True)
class QueryResult:
    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    # Every source the rows cite (under a `sources` key, at any depth), with its grade.
    source_grades: dict[str, dict[str, Any]] = field(default_factory=dict)
    # For a query whose answer depends on an organisation's whole membership: whether the graph
    # holds all of it, as of which day, on which sources (`coverage_of`).
    coverage: list[dict[str, Any]] = field(default_factory=list)

    def as_graph(self, shape: GraphShape) -> dict[str, list[dict[str, Any]]]:
        """Nodes and relationships for drawing, each relationship carrying its row's values."""
        nodes: dict[str, dict[str, Any]] = {}
        relationships = []
        for row in self.rows:
            for source, relation, target in shape.edges(row, self.params):
                for node_id in (source, target):
                    if node_id is not None:
                        nodes.setdefault(node_id, {"id": node_id})
                if source is not None and target is not None:
                    relationships.append({"source": source, "target": target, "type": relation, "row": row})
        return {"nodes": list(nodes.values()), "relationships": relationships}


def result_of(
    query: Query, params: dict[str, Any], columns: list[str], records: list[neo4j.Record]
) -> QueryResult:
    if columns != list(query.columns):
        raise CatalogError(
            f"{query.path.name}: returned columns {columns}, header says {list(query.columns)}"
        )
    return QueryResult(
        query=query.name,
        params={k: plain(v) for k, v in params.items()},
        columns=columns,
        rows=[{c: plain(record[c]) for c in columns} for record in records],
    )


def source_grades(db: Database, answer: Any, timeout: float | None = None) -> dict[str, dict[str, Any]]:
    """Every source an answer cites, by id, with its grade, publisher and kind: what the API
    shows beside the rows of a canned query, an entity or an alignment score."""
    cited = sorted(_cited(answer))
    if not cited:
        return {}
    _, grades = db.read(
        cypher.statement("catalog/source_grades"), {"ids": cited}, timeout=timeout, cached=False
    )
    return {g["id"]: {k: g[k] for k in ("reliability", "publisher", "kind")} for g in grades}


def _cited(value: Any) -> set[str]:
    """The source ids in an answer: the lists under a `sources` key, in rows and in the maps and
    lists inside them (alternatives, hops)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "sources" and isinstance(inner, list):
                found.update(s for s in inner if isinstance(s, str))
            else:
                found |= _cited(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _cited(inner)
    return found


# The alternatives' parallel lists: queries show those as an `alternatives` column.
INTERNAL_PREFIX = "alt_"


def public_properties(properties: Mapping[str, Any]) -> dict[str, Any]:
    """A node's stored properties without the loader's own bookkeeping."""
    return {
        k: v
        for k, v in properties.items()
        if k not in INTERNAL_PROPERTIES and not k.startswith(INTERNAL_PREFIX)
    }


def cell_text(value: Any, separator: str) -> str:
    """One answer value as text for a table or CSV cell: lists joined by `separator`, an
    alternative value as 'field = value (claim status: sources)', other maps as JSON."""
    if value is None:
        return ""
    if isinstance(value, list):
        return separator.join(cell_text(item, separator) for item in value)
    if isinstance(value, dict):
        if {"field", "value", "claim_status"} <= value.keys():
            sources = " ".join(value.get("sources") or [])
            return f"{value['field']} = {value['value'] or 'none'} ({value['claim_status']}: {sources})"
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def coverage_of(
    db: Database, query: Query, params: Mapping[str, Any], timeout: float | None
) -> list[dict[str, Any]]:
    """For each organisation the query's `coverage` parameters name: whether its membership in
    the graph is declared complete (seed_data/README.md, "Coverage"), as of which day, on which
    sources. An organisation that declares nothing is not complete."""
    ids = [str(params[name]) for name in query.coverage]
    if not ids:
        return []
    _, rows = db.read(cypher.statement("catalog/coverage"), {"ids": ids}, timeout=timeout, cached=False)
    declared: dict[str, dict[str, Any]] = {str(row["id"]): dict(row) for row in rows}
    blocks = []
    for org in ids:
        found = declared.get(org, {})
        blocks.append(
            {
                "organisation": org,
                "complete": bool(found.get("complete")),
                "as_of": plain(found.get("as_of")),
                "sources": list(found.get("sources") or []),
            }
        )
    return blocks


def coverage_line(block: Mapping[str, Any]) -> str:
    """One organisation's coverage as a line of text, for CSV and the command line."""
    org = block["organisation"]
    if block["complete"]:
        sources = ", ".join(block["sources"])
        return f"coverage: {org} complete as of {block['as_of']} (sources: {sources})"
    return f"coverage: {org} not complete (the graph may lack members; so may this answer)"


def write_csv(
    out: TextIO,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    coverage: Sequence[Mapping[str, Any]] = (),
) -> None:
    """An answer as CSV: a `# coverage: ...` line per organisation the answer depends on (read
    with pandas' `comment="#"`), a header row, then one row per answer row, lists joined by ';'."""
    for block in coverage:
        out.write(f"# {coverage_line(block)}\n")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell_text(row[column], ";") for column in columns])
