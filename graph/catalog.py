"""The catalog of canned queries: one `.cypher` file each under cypher/queries/.

Each file starts with a comment header, then the Cypher body, so it pastes straight into Neo4j
Browser:

    // name: members-as-of
    // title: Members of an organisation on a date
    // description: ...
    // param: org: string = ecowas | The organisation's id
    // param: date: date = today | The day membership is read for
    // param: max_hops: integer = 4 [1..6] | Bounds are inclusive
    // columns: member_id, member, since, until
    // key: member_id                            (the columns that name one real-world fact:
    //                                            no two rows of an answer share them)
    // graph: member_id -MEMBER_OF-> org        (optional: how rows draw as a graph)
    // example: org=icc                          (required parameters need one: the guide and tests use it)

The registry loads every file once and refuses to start on a malformed header, a duplicate name,
a missing or unknown key column, or declared parameters that differ from the `$parameters` the
body uses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import neo4j

from graph.cache import frozen
from graph.db import Database
from graph.errors import BadParameter, GeoalignError, NotFound, shown
from graph.model import load_model
from graph.seed_files import search_text
from graph.settings import CYPHER_DIR

QUERY_DIR = CYPHER_DIR / "queries"
# `entity`: the id of an entity, which must exist (the answer for an unknown id is "not found",
# not an empty table); `label`: one of the model's labels. Both accept 'any' where that is the
# default.
TYPES = ("string", "entity", "label", "date", "integer", "boolean")
KNOWN_ENTITIES = CYPHER_DIR / "catalog" / "known_entities.cypher"
NODE_CAPTIONS = CYPHER_DIR / "catalog" / "node_captions.cypher"
SOURCE_GRADES = CYPHER_DIR / "catalog" / "source_grades.cypher"
_HEADER = re.compile(r"^//\s*(\w+):\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*):\s*(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>[^|\[]*?))?"
    r"(?:\s*\[(?P<low>-?\d+)\.\.(?P<high>-?\d+)\])?"
    r"\s*\|\s*(?P<description>.+)$"
)
_GRAPH = re.compile(r"^(?P<source>\w+)\s+-(?P<relation>\w+)->\s+(?P<target>\w+)$")
_BODY_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class CatalogError(GeoalignError):
    """A query file is malformed; the catalog refuses to load."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None  # as written in the header; None means required
    description: str
    low: int | None = None
    high: int | None = None

    def convert(self, value: Any) -> Any:
        """A value from a query string or JSON, as the type the query expects."""
        try:
            if self.type in ("string", "entity"):
                if not isinstance(value, str) or not value:
                    raise ValueError("expected a non-empty string")
                _check_text(value)
                return value
            if self.type == "label":
                labels = sorted(load_model().labels)
                if value == self.default or value in labels:
                    return value
                raise ValueError(
                    f"use one of {', '.join(labels)}" + (f", or '{self.default}'" if self.default else "")
                )
            if self.type == "date":
                if isinstance(value, date):
                    return value
                if isinstance(value, str) and value == "today":
                    return date.today()
                return date.fromisoformat(str(value))
            if self.type == "integer":
                if isinstance(value, bool) or not re.fullmatch(r"-?\d+", str(value).strip()):
                    raise ValueError("expected a whole number")
                number = int(str(value).strip())
                if (self.low is not None and number < self.low) or (
                    self.high is not None and number > self.high
                ):
                    raise ValueError(f"must be between {self.low} and {self.high}")
                return number
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes"):
                return True
            if str(value).lower() in ("false", "0", "no"):
                return False
            raise ValueError("expected true or false")
        except ValueError as error:
            raise BadParameter(self.name, f"{shown(value)} is not a valid {self.type}: {error}") from None

    def from_json(self, value: Any) -> Any:
        """A JSON value of this parameter's type, refusing the others (null included: leave a
        parameter out for its default)."""
        wanted = {"integer": "a whole number", "boolean": "true or false"}.get(self.type, "text")
        if self.type == "integer" and isinstance(value, float) and value.is_integer():
            return int(value)
        fits = {"integer": int, "boolean": bool}.get(self.type, str)
        if not isinstance(value, fits) or (fits is int and isinstance(value, bool)):
            raise BadParameter(self.name, f"{shown(value)} is not {wanted}")
        return value

    def default_value(self) -> Any:
        return None if self.default is None else self.convert(self.default)

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "required": self.default is None,
            "description": self.description,
        }
        if self.low is not None:
            described.update(minimum=self.low, maximum=self.high)
        return described


@dataclass(frozen=True)
class GraphShape:
    """How rows draw as a graph: an edge from one id column (or parameter) to another, the
    relation a column or a fixed type; or, with `hops`, a column holding a list of edges."""

    source: str = ""
    relation: str = ""
    target: str = ""
    hops: str = ""

    def edges(self, row: Mapping[str, Any], params: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        if self.hops:
            return [(h["from_id"], h["relation"], h["to_id"]) for h in row[self.hops]]

        def value(name: str) -> Any:
            return row[name] if name in row else params.get(name, name)

        return [(value(self.source), value(self.relation), value(self.target))]


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    key: tuple[str, ...]  # columns that identify one real-world fact: unique within an answer
    cypher: str  # the whole file, header included: what pastes into Browser
    path: Path
    graph: GraphShape | None = None
    examples: dict[str, str] = field(default_factory=dict)  # values for required parameters

    def example_params(self) -> dict[str, str]:
        """Parameters that make a sensible example run: required ones from `// example:` lines."""
        return dict(self.examples)

    def bind(self, given: Mapping[str, Any], typed: bool = False) -> dict[str, Any]:
        """Check and convert parameters, filling in defaults; unknown names are an error. `typed`:
        the values come from JSON and must have its types (a number for an integer, true or false
        for a boolean, text for the others), where a query string's are all text."""
        known = {p.name: p for p in self.parameters}
        for name in given:
            if name not in known:
                raise BadParameter(
                    name,
                    f"query '{self.name}' has no such parameter (it takes: {', '.join(known) or 'none'})",
                )
        bound: dict[str, Any] = {}
        for parameter in self.parameters:
            if parameter.name in given and typed:
                bound[parameter.name] = parameter.convert(parameter.from_json(given[parameter.name]))
            elif parameter.name in given and given[parameter.name] is not None:
                bound[parameter.name] = parameter.convert(given[parameter.name])
            elif parameter.default is None:
                raise BadParameter(parameter.name, "is required")
            else:
                bound[parameter.name] = parameter.default_value()
        return bound

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "parameters": [p.describe() for p in self.parameters],
            "columns": list(self.columns),
            "key": list(self.key),
        }


@dataclass(frozen=True)
class QueryResult:
    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    # Every source the rows cite (under a `sources` key, at any depth), with its grade.
    source_grades: dict[str, dict[str, Any]] = field(default_factory=dict)

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


def parse_query_file(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    header: dict[str, list[str]] = {}
    body_lines: list[str] = []
    in_header = True
    for line in text.splitlines():
        match = _HEADER.match(line.strip()) if in_header else None
        if match:
            header.setdefault(match.group(1), []).append(match.group(2).strip())
            continue
        if in_header and line.strip().startswith("//"):
            continue  # free comment lines inside the header
        in_header = False
        body_lines.append(line)
    where = path.name

    def single(key: str) -> str:
        values = header.get(key)
        if not values or len(values) != 1 or not values[0]:
            raise CatalogError(f"{where}: header needs exactly one '// {key}:' line")
        return values[0]

    name = single("name")
    if name != path.stem:
        raise CatalogError(f"{where}: name '{name}' differs from the file name")
    parameters = []
    for raw in header.get("param", []):
        match = _PARAM.match(raw)
        if not match or match.group("type") not in TYPES:
            raise CatalogError(
                f"{where}: bad param line {raw!r}; write 'name: type = default | description' "
                f"with type one of {', '.join(TYPES)}"
            )
        low, high = match.group("low"), match.group("high")
        parameter = Parameter(
            name=match.group("name"),
            type=match.group("type"),
            default=(match.group("default") or "").strip() or None,
            description=match.group("description").strip(),
            low=int(low) if low else None,
            high=int(high) if high else None,
        )
        try:
            parameter.default_value()
        except BadParameter as error:
            raise CatalogError(f"{where}: default of {error}") from None
        parameters.append(parameter)
    declared = [p.name for p in parameters]
    if len(set(declared)) != len(declared):
        raise CatalogError(f"{where}: a parameter is declared twice")
    body = "\n".join(body_lines).strip()
    if not body:
        raise CatalogError(f"{where}: no Cypher after the header")
    used = set(_BODY_PARAM.findall(re.sub(r"//[^\n]*", "", body)))
    if used != set(declared):
        raise CatalogError(
            f"{where}: declared parameters {sorted(declared)} differ from those the body uses {sorted(used)}"
        )
    columns = tuple(c.strip() for c in single("columns").split(",") if c.strip())
    key = tuple(c.strip() for c in single("key").split(",") if c.strip())
    if not set(key) <= set(columns):
        unknown = sorted(set(key) - set(columns))
        raise CatalogError(f"{where}: key columns {unknown} are not among the columns")
    graph = None
    if "graph" in header:
        shape = single("graph")
        match = _GRAPH.match(shape)
        if shape in columns:
            graph = GraphShape(hops=shape)
        elif match and {match.group("source"), match.group("target")} <= set(columns) | set(declared):
            graph = GraphShape(match.group("source"), match.group("relation"), match.group("target"))
        else:
            raise CatalogError(
                f"{where}: graph line must be 'column -RELATION-> column' or a column of hops, naming columns"
            )
    examples: dict[str, str] = {}
    for raw in header.get("example", []):
        example_name, sep, value = raw.partition("=")
        if not sep or example_name.strip() not in declared:
            raise CatalogError(
                f"{where}: example line {raw!r} must be 'parameter=value' for a declared parameter"
            )
        examples[example_name.strip()] = value.strip()
    missing = [p.name for p in parameters if p.default is None and p.name not in examples]
    if missing:
        raise CatalogError(f"{where}: required parameters {missing} need an '// example: name=value' line")
    return Query(
        examples=examples,
        name=name,
        title=single("title"),
        description=" ".join(header.get("description", [])),
        parameters=tuple(parameters),
        columns=columns,
        key=key,
        cypher=text,
        path=path,
        graph=graph,
    )


class Catalog:
    def __init__(self, queries: Mapping[str, Query]) -> None:
        self.queries = dict(queries)

    @classmethod
    def load(cls, *folders: Path) -> Catalog:
        """Load every query file of the folders (the project's own by default)."""
        queries: dict[str, Query] = {}
        for folder in folders or (QUERY_DIR,):
            for path in sorted(folder.glob("*.cypher")):
                query = parse_query_file(path)
                if query.name in queries:
                    raise CatalogError(f"{path}: duplicate query name '{query.name}'")
                queries[query.name] = query
        if not queries:
            raise CatalogError(f"no queries in {', '.join(map(str, folders or (QUERY_DIR,)))}")
        return cls(queries)

    def get(self, name: str) -> Query:
        try:
            return self.queries[name]
        except KeyError:
            raise NotFound(f"no query named '{name}'") from None

    def run(
        self,
        db: Database,
        name: str,
        given: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        typed: bool = False,
    ) -> QueryResult:
        """Run a query by name (`typed`: the parameters come from JSON, see `Query.bind`); where
        `db` keeps a cache, a recent result of the same query with the same parameters is
        answered from it (results are shared: do not change them)."""
        query = self.get(name)
        params = query.bind(given or {}, typed)

        def compute() -> QueryResult:
            _check_entities(db, query, params)
            columns, records = db.read(query.cypher, params, timeout=timeout, cached=False)
            result = _result(query, params, columns, records)
            return replace(result, source_grades=source_grades(db, result.rows, timeout))

        if db.cache is None:
            return compute()
        return db.cache.get(_cache_key(name, params, timeout), compute)

    def graph(self, db: Database, result: QueryResult) -> dict[str, list[dict[str, Any]]]:
        """The answer drawn as a graph (see `QueryResult.as_graph`), each node with its name and
        labels, so that a drawing can caption and colour it."""
        shape = self.get(result.query).graph
        if shape is None:
            raise BadParameter("format", f"query '{result.query}' has no graph form; use json or csv")
        drawn = result.as_graph(shape)
        _, rows = db.read(_statement(NODE_CAPTIONS), {"ids": [n["id"] for n in drawn["nodes"]]})
        known = {row["id"]: row for row in rows}
        for node in drawn["nodes"]:
            if node["id"] in known:
                node.update(name=known[node["id"]]["name"], labels=known[node["id"]]["labels"])
        return drawn

    def cached(
        self, db: Database, name: str, given: Mapping[str, Any] | None = None, typed: bool = False
    ) -> QueryResult | None:
        """The result `run` would give from `db`'s cache, or None; checks parameters all the same."""
        params = self.get(name).bind(given or {}, typed)
        found: QueryResult | None = (
            None if db.cache is None else db.cache.peek(_cache_key(name, params, None))
        )
        return found


@cache
def _statement(path: Path) -> str:
    """A helper statement of the catalog's, read once."""
    return path.read_text(encoding="utf-8")


def _check_text(value: str) -> None:
    """Text Neo4j can store: a lone surrogate (JSON can carry one) cannot be encoded."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"a lone surrogate at character {error.start} is not text") from None


def _as_id(text: str) -> str:
    """The id a name would have: 'Burkina Faso' -> 'burkina-faso'."""
    return re.sub(r"[^a-z0-9]+", "-", search_text(text)).strip("-")


def _check_entities(db: Database, query: Query, params: dict[str, Any]) -> None:
    """Raise NotFound for an `entity` parameter that names no entity, suggesting the id meant."""
    named = {
        p.name: params[p.name]
        for p in query.parameters
        if p.type == "entity" and not (p.default == "any" and params[p.name] == "any")
    }
    if not named:
        return
    guesses = {
        name: re.sub(r"[^a-z0-9]+", "-", search_text(value)).strip("-") for name, value in named.items()
    }
    _, rows = db.read(_statement(KNOWN_ENTITIES), {"ids": [*named.values(), *guesses.values()]}, cached=False)
    known = set(rows[0]["found"])
    for name, value in named.items():
        if value not in known:
            hint = f"; did you mean '{guesses[name]}'?" if guesses[name] in known else ""
            raise NotFound(f"parameter '{name}': no entity with id '{value}'{hint}")


def _cache_key(name: str, params: dict[str, Any], timeout: float | None) -> Hashable:
    return ("catalog", name, frozen(params), timeout)


def _result(
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
    _, grades = db.read(_statement(SOURCE_GRADES), {"ids": cited}, timeout=timeout, cached=False)
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


def plain(value: Any) -> Any:
    """Neo4j values as JSON-ready Python: dates as ISO strings, inside lists and maps too."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    return value


# What the loader stores for its own use: the run that wrote a fact, the folded search text, and
# the alternatives' parallel lists (queries show those as an `alternatives` column).
INTERNAL_PROPERTIES = ("load_run", "search_text")
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


@cache
def default_catalog() -> Catalog:
    return Catalog.load()
