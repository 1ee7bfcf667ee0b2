"""The canned-query catalog over HTTP: list, show, run (JSON, CSV or graph)."""

from __future__ import annotations

import io
import json
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse

from api.deps import CatalogDep, DatabaseDep
from api.limits import check_sizes, run_heavy
from api.schemas import ANSWER, body_schema, query_string_parameters
from graph.catalog.answers import QueryResult, write_csv
from graph.catalog.registry import Catalog
from graph.db.database import Database
from graph.errors import BadParameter, shown

router = APIRouter(tags=["queries"])

QueryName = Annotated[
    str, Path(title="Query name", description="A name from GET /queries.", examples=["withdrawals"])
]


class Format(StrEnum):
    json = "json"
    csv = "csv"
    graph = "graph"


FormatParam = Annotated[
    Format,
    Query(
        title="Response format",
        description="json (rows), csv (text/csv) or graph (nodes and relationships for drawing).",
    ),
]


def _respond(result: QueryResult, output: Format) -> Any:
    if output is Format.csv:
        buffer = io.StringIO()
        write_csv(buffer, result.columns, result.rows, result.coverage)
        return PlainTextResponse(buffer.getvalue(), media_type="text/csv; charset=utf-8")
    # The values are plain JSON already (see graph.values.plain), so they go straight to the
    # encoder; RunResponse documents the shape in OpenAPI without re-validating every row.
    return JSONResponse(
        {
            "query": result.query,
            "params": result.params,
            "columns": result.columns,
            "rows": result.rows,
            "row_count": len(result.rows),
            "source_grades": result.source_grades,
            "coverage": result.coverage,
        }
    )


async def run_query(
    db: Database,
    catalog: Catalog,
    name: str,
    params: dict[str, Any],
    output: Format,
    heavy: Request | None = None,
    typed: bool = False,
) -> Any:
    """A fresh cached answer is served on the event loop; otherwise the query runs in the thread
    pool, since the driver blocks (a thread hop per request costs more than the hit itself), and
    a `heavy` request's query waits for one of the heavy slots (see api/limits.py)."""
    prepared = catalog.prepare(name, params, typed)
    result = catalog.peek(db, prepared)
    if result is None and heavy is not None:
        result = await run_heavy(heavy, catalog.answer, db, prepared)
    elif result is None:
        result = await run_in_threadpool(catalog.answer, db, prepared)
    if output is Format.graph:  # names and labels of the nodes come from one more read
        return await run_in_threadpool(catalog.graph, db, result)
    return _respond(result, output)


@router.get("/queries", summary="The catalog of canned queries, with their parameters and columns.")
def list_queries(catalog: CatalogDep) -> list[dict[str, Any]]:
    return [query.describe() for query in catalog.queries.values()]


@router.get("/queries/{name}", summary="One canned query, with its Cypher text (pastes into Neo4j Browser).")
def show_query(name: QueryName, catalog: CatalogDep) -> dict[str, Any]:
    query = catalog.get(name)
    return {**query.describe(), "cypher": query.cypher}


async def _run_from_query_string(
    name: str, request: Request, db: Database, catalog: Catalog, heavy: bool = False
) -> Any:
    params = {k: v for k, v in request.query_params.items() if k != "format"}
    return await run_query(db, catalog, name, params, _format(request), request if heavy else None)


async def _run_from_body(name: str, request: Request, db: Database, catalog: Catalog) -> Any:
    params = await _body_params(request)
    check_sizes(params, request.app.state.settings)
    return await run_query(db, catalog, name, params, _format(request), typed=True)


def _format(request: Request) -> Format:
    value = request.query_params.get("format", "json")
    try:
        return Format(value)
    except ValueError:
        raise BadParameter("format", f"{shown(value)} is not one of json, csv, graph") from None


async def _body_params(request: Request) -> dict[str, Any]:
    """The parameters of a run request's body, {"params": {...}}; anything else is a 422 that
    says what to send."""
    raw = await request.body()
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BadParameter(
            "body", f"the request body is not valid JSON ({error.msg} at character {error.pos})"
        ) from None
    except UnicodeDecodeError:
        raise BadParameter("body", "the request body is not UTF-8 text") from None
    if not isinstance(body, dict):
        raise BadParameter("body", 'the request body must be a JSON object, as in {"params": {...}}')
    for key in body:
        if key != "params":
            raise BadParameter(
                key,
                'is not a field of the request body; query parameters go under "params", '
                f'as in {{"params": {{"{key}": ...}}}}',
            )
    params = body.get("params", {})
    if not isinstance(params, dict):
        raise BadParameter("params", "must be a JSON object of parameter names and values")
    return params


# The generic forms serve any catalog query (a query file added later included); the OpenAPI
# document shows the per-query operations of catalog_routes instead, with their parameters.
@router.get("/queries/{name}/run", include_in_schema=False)
async def run_with_query_string(
    name: QueryName, request: Request, db: DatabaseDep, catalog: CatalogDep
) -> Any:
    return await _run_from_query_string(name, request, db, catalog)


@router.post("/queries/{name}/run", include_in_schema=False)
async def run_with_body(name: QueryName, request: Request, db: DatabaseDep, catalog: CatalogDep) -> Any:
    return await _run_from_body(name, request, db, catalog)


def _runners(name: str) -> tuple[Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]]:
    """The two run endpoints of one query (its name fixed here, not a parameter)."""

    async def by_query_string(request: Request, db: DatabaseDep, catalog: CatalogDep) -> Any:
        return await _run_from_query_string(name, request, db, catalog)

    async def by_body(request: Request, db: DatabaseDep, catalog: CatalogDep) -> Any:
        return await _run_from_body(name, request, db, catalog)

    return by_query_string, by_body


def catalog_routes(catalog: Catalog) -> APIRouter:
    """One GET and one POST run operation per canned query, documented with the parameters its
    header declares: what a client generator or a contract test needs to call it rightly."""
    runs = APIRouter(tags=["queries"], responses=ANSWER)
    for query in catalog.queries.values():
        by_query_string, by_body = _runners(query.name)
        operation = query.name.replace("-", "_")
        in_query_string = {"parameters": query_string_parameters(query)}
        in_body = {"parameters": query_string_parameters(query)[-1:], "requestBody": body_schema(query)}
        for method, endpoint, where, suffix, documented in (
            ("GET", by_query_string, "in the query string", "", in_query_string),
            ("POST", by_body, "in a JSON body", "_with_body", in_body),
        ):
            runs.add_api_route(
                f"/queries/{query.name}/run",
                endpoint,
                methods=[method],
                summary=f"{query.title} (parameters {where})",
                description=query.description,
                operation_id=f"run_{operation}{suffix}",
                response_model=None,
                openapi_extra=documented,
            )
    return runs
