"""A canned query: one `.cypher` file each under cypher/queries/, parsed from its header.

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
    // coverage: org                             (optional: the answer is as complete as the graph's
    //                                            list of the organisation's members, and says so)

The registry loads every file once and refuses to start on a malformed header, a duplicate name,
a missing or unknown key column, or declared parameters that differ from the `$parameters` the
body uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import cypher
from graph.catalog.parameters import TYPES, Parameter
from graph.errors import BadParameter, GeoalignError

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
    # Parameters naming organisations whose membership the answer is only as complete as: the
    # answer says, for each, whether the graph holds all its members (`// coverage:` line).
    coverage: tuple[str, ...] = ()

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


def parse_query_file(path: Path) -> Query:
    text = cypher.read(path)
    where = path.name
    header, body = _split_header(text)

    def single(key: str) -> str:
        values = header.get(key)
        if not values or len(values) != 1 or not values[0]:
            raise CatalogError(f"{where}: header needs exactly one '// {key}:' line")
        return values[0]

    name = single("name")
    if name != path.stem:
        raise CatalogError(f"{where}: name '{name}' differs from the file name")
    parameters = _parameters(header.get("param", []), where)
    declared = [p.name for p in parameters]
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
    graph = _graph_shape(single("graph"), columns, declared, where) if "graph" in header else None
    coverage = tuple(c.strip() for c in single("coverage").split(",")) if "coverage" in header else ()
    entities = {p.name for p in parameters if p.type == "entity"}
    if not set(coverage) <= entities:
        raise CatalogError(
            f"{where}: coverage names {sorted(set(coverage) - entities)}, which are not entity parameters"
        )
    return Query(
        examples=_examples(header.get("example", []), parameters, where),
        name=name,
        title=single("title"),
        description=" ".join(header.get("description", [])),
        parameters=tuple(parameters),
        columns=columns,
        key=key,
        cypher=text,
        path=path,
        graph=graph,
        coverage=coverage,
    )


def _split_header(text: str) -> tuple[dict[str, list[str]], str]:
    """The header's `// key: value` lines by key, and the body after them."""
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
    return header, "\n".join(body_lines).strip()


def _parameters(lines: list[str], where: str) -> list[Parameter]:
    parameters = []
    for raw in lines:
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
    return parameters


def _graph_shape(shape: str, columns: tuple[str, ...], declared: list[str], where: str) -> GraphShape:
    match = _GRAPH.match(shape)
    if shape in columns:
        return GraphShape(hops=shape)
    if match and {match.group("source"), match.group("target")} <= set(columns) | set(declared):
        return GraphShape(match.group("source"), match.group("relation"), match.group("target"))
    raise CatalogError(
        f"{where}: graph line must be 'column -RELATION-> column' or a column of hops, naming columns"
    )


def _examples(lines: list[str], parameters: list[Parameter], where: str) -> dict[str, str]:
    declared = [p.name for p in parameters]
    examples: dict[str, str] = {}
    for raw in lines:
        example_name, sep, value = raw.partition("=")
        if not sep or example_name.strip() not in declared:
            raise CatalogError(
                f"{where}: example line {raw!r} must be 'parameter=value' for a declared parameter"
            )
        examples[example_name.strip()] = value.strip()
    missing = [p.name for p in parameters if p.default is None and p.name not in examples]
    if missing:
        raise CatalogError(f"{where}: required parameters {missing} need an '// example: name=value' line")
    return examples
