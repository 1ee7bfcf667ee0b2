"""The export's files, written as the rows stream past: one CSV or JSON Lines table per label and
per relationship type, or one GraphML graph. Each says, once closed, what the manifest lists of
it: its path, rows, bytes, SHA-256 and the type of every column."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from graph.export.cells import csv_cell, merged_type, type_name
from graph.values import plain

CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Columns:
    """The type each column has held so far, for the manifest."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.types: dict[str, str | None] = dict.fromkeys(names)

    def see(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if value is not None:
                self.types[name] = merged_type(self.types.get(name), type_name(value))

    def described(self) -> list[dict[str, str]]:
        return [{"name": name, "type": self.types.get(name) or "string"} for name in self.names]


class Table:
    """One label's nodes or one type's relationships in one file: identity columns first (`id`;
    `from`, `to`, `key`), then the properties in alphabetical order."""

    def __init__(self, root: Path, relative: str, identity: list[str], names: list[str], form: str) -> None:
        self.root = root
        self.relative = relative
        self.form = form
        self.identity = identity
        self.columns = Columns([*identity, *sorted(set(names) - set(identity))])
        self.rows = 0
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.handle, lineterminator="\n") if form == "csv" else None
        if self.csv is not None:
            self.csv.writerow(self.columns.names)

    def write(self, stored: dict[str, Any]) -> None:
        """One row: the values as the graph stores them (a date as a date), by column name."""
        self.columns.see(stored)
        values = {name: plain(value) for name, value in stored.items()}
        self.rows += 1
        if self.csv is not None:
            self.csv.writerow([csv_cell(values.get(name)) for name in self.columns.names])
        else:
            line = {name: values[name] for name in self.columns.names if values.get(name) is not None}
            self.handle.write(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n")

    def close(self) -> dict[str, Any]:
        self.handle.close()
        path = self.root / self.relative
        return {
            "path": self.relative,
            "rows": self.rows,
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
            "columns": self.columns.described(),
        }


GRAPHML_TYPES = {"string": "string", "integer": "long", "number": "double", "boolean": "boolean"}


class GraphML:
    """A GraphML graph, for Gephi, networkx and yEd. GraphML declares every attribute and its type
    before the first node, and the types are known only once every value has passed, so the body
    goes to a scratch file beside the graph and the header is written in front of it at the end.
    Lists are JSON text and dates ISO text (GraphML has no such types); a node's `label` is its
    name (what Gephi shows) and its Neo4j label is `neo4j_label`; an edge's `label` is its type."""

    def __init__(self, root: Path, relative: str) -> None:
        self.root = root
        self.relative = relative
        self.body_path = root / f".{relative}.body"
        self.body: IO[str] = self.body_path.open("w", encoding="utf-8")
        self.keys = {"node": Columns([]), "edge": Columns([])}
        self.nodes = 0
        self.edges = 0

    def _data(self, domain: str, stored: dict[str, Any]) -> str:
        """The attributes of a node or edge, from the values as the graph stores them."""
        columns = self.keys[domain]
        parts = []
        for name, value in stored.items():
            if value is None:
                continue
            if name not in columns.types:
                columns.names.append(name)
                columns.types[name] = None
            columns.see({name: value})
            text = csv_cell(plain(value))
            parts.append(f"<data key={quoteattr(_key_id(domain, name))}>{escape(_xml_text(text))}</data>")
        return "".join(parts)

    def node(self, graph_id: str, values: dict[str, Any]) -> None:
        self.nodes += 1
        self.body.write(f"    <node id={quoteattr(graph_id)}>{self._data('node', values)}</node>\n")

    def edge(self, source: str, target: str, values: dict[str, Any]) -> None:
        self.edges += 1
        self.body.write(
            f"    <edge id={quoteattr(f'e{self.edges}')} source={quoteattr(source)} "
            f"target={quoteattr(target)}>{self._data('edge', values)}</edge>\n"
        )

    def close(self) -> dict[str, Any]:
        self.body.close()
        path = self.root / self.relative
        with path.open("w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
            for domain in ("node", "edge"):
                for column in self.keys[domain].described():
                    kind = GRAPHML_TYPES.get(column["type"], "string")
                    out.write(
                        f"  <key id={quoteattr(_key_id(domain, column['name']))} for={quoteattr(domain)} "
                        f"attr.name={quoteattr(column['name'])} attr.type={quoteattr(kind)}/>\n"
                    )
            out.write('  <graph id="geoalign" edgedefault="directed">\n')
            with self.body_path.open(encoding="utf-8") as body:
                shutil.copyfileobj(body, out, CHUNK)
            out.write("  </graph>\n</graphml>\n")
        self.body_path.unlink()
        columns = [
            {**column, "for": domain}
            for domain in ("node", "edge")
            for column in self.keys[domain].described()
        ]
        return {
            "path": self.relative,
            "rows": self.nodes + self.edges,
            "nodes": self.nodes,
            "edges": self.edges,
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
            "columns": columns,
        }


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{name}"


def _xml_text(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: they become U+FFFD."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)
