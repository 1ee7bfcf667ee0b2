"""The registry of canned queries: every query file loaded once, refusing to start on a
malformed one (queries.py), and run read-only, bounded by a timeout, answered from the cache
where a recent answer is fresh. A query's parameters are checked once per request (`prepare`),
and the same prepared query serves the cache look-up and the run."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from graph import cypher
from graph.catalog.answers import QueryResult, coverage_of, result_of, source_grades
from graph.catalog.queries import CatalogError, Query, parse_query_file
from graph.db.cache import frozen
from graph.db.database import Database
from graph.errors import BadParameter, NotFound
from graph.settings import CYPHER_DIR
from graph.values import id_for

QUERY_DIR = CYPHER_DIR / "queries"


@dataclass(frozen=True)
class Prepared:
    """A query with its parameters checked and converted, and its key in the result cache."""

    query: Query
    params: dict[str, Any]
    key: Hashable


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

    def prepare(self, name: str, given: Mapping[str, Any] | None = None, typed: bool = False) -> Prepared:
        """The query with its parameters checked and converted (`typed`: they come from JSON, see
        `Query.bind`), ready for `peek` and `answer`."""
        query = self.get(name)
        params = query.bind(given or {}, typed)
        return Prepared(query, params, _cache_key(name, params, None))

    def peek(self, db: Database, prepared: Prepared) -> QueryResult | None:
        """The answer `answer` would give from `db`'s cache, or None."""
        found: QueryResult | None = None if db.cache is None else db.cache.peek(prepared.key)
        return found

    def answer(self, db: Database, prepared: Prepared, timeout: float | None = None) -> QueryResult:
        """Run a prepared query; where `db` keeps a cache, a recent answer of the same query with
        the same parameters is given from it (answers are shared: do not change them)."""
        query, params = prepared.query, prepared.params

        def compute() -> QueryResult:
            _check_entities(db, query, params)
            columns, records = db.read(query.cypher, params, timeout=timeout, cached=False)
            result = result_of(query, params, columns, records)
            return replace(
                result,
                source_grades=source_grades(db, result.rows, timeout),
                coverage=coverage_of(db, query, params, timeout),
            )

        if db.cache is None:
            return compute()
        key = prepared.key if timeout is None else _cache_key(query.name, params, timeout)
        return db.cache.get(key, compute)

    def run(
        self,
        db: Database,
        name: str,
        given: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        typed: bool = False,
    ) -> QueryResult:
        """Prepare and answer a query by name in one step."""
        return self.answer(db, self.prepare(name, given, typed), timeout)

    def graph(self, db: Database, result: QueryResult) -> dict[str, list[dict[str, Any]]]:
        """The answer drawn as a graph (see `QueryResult.as_graph`), each node with its name and
        labels, so that a drawing can caption and colour it."""
        shape = self.get(result.query).graph
        if shape is None:
            raise BadParameter("format", f"query '{result.query}' has no graph form; use json or csv")
        drawn = result.as_graph(shape)
        _, rows = db.read(
            cypher.statement("catalog/node_captions"), {"ids": [n["id"] for n in drawn["nodes"]]}
        )
        known = {row["id"]: row for row in rows}
        for node in drawn["nodes"]:
            if node["id"] in known:
                node.update(name=known[node["id"]]["name"], labels=known[node["id"]]["labels"])
        return drawn


def _check_entities(db: Database, query: Query, params: dict[str, Any]) -> None:
    """Raise NotFound for an `entity` parameter that names no entity, suggesting the id meant."""
    named = {
        p.name: params[p.name]
        for p in query.parameters
        if p.type == "entity" and not (p.default == "any" and params[p.name] == "any")
    }
    if not named:
        return
    guesses = {name: id_for(value) for name, value in named.items()}
    _, rows = db.read(
        cypher.statement("catalog/known_entities"),
        {"ids": [*named.values(), *guesses.values()]},
        cached=False,
    )
    known = set(rows[0]["found"])
    for name, value in named.items():
        if value not in known:
            hint = f"; did you mean '{guesses[name]}'?" if guesses[name] in known else ""
            raise NotFound(f"parameter '{name}': no entity with id '{value}'{hint}")


def _cache_key(name: str, params: dict[str, Any], timeout: float | None) -> Hashable:
    return ("catalog", name, frozen(params), timeout)


@cache
def default_catalog() -> Catalog:
    return Catalog.load()
