"""The canned-query catalog over HTTP: list, show, run (JSON, CSV or graph)."""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CatalogDep, DatabaseDep
from api.limits import check_sizes, run_heavy
from graph.catalog import Catalog, QueryResult, cell_text
from graph.db import Database

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


class RunRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a parameter outside `params` is a mistake to report

    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Parameter values by name; missing ones take their defaults.",
        examples=[{"org": "icc", "as_of": "2025-10-01"}],
    )


class RunResponse(BaseModel):
    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int


def _respond(result: QueryResult, output: Format) -> Any:
    if output is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([cell_text(row[c], ";") for c in result.columns])
        return PlainTextResponse(buffer.getvalue(), media_type="text/csv; charset=utf-8")
    # The values are plain JSON already (see graph.catalog.plain), so they go straight to the
    # encoder; RunResponse documents the shape in OpenAPI without re-validating every row.
    return JSONResponse(
        {
            "query": result.query,
            "params": result.params,
            "columns": result.columns,
            "rows": result.rows,
            "row_count": len(result.rows),
        }
    )


async def run_query(
    db: Database,
    catalog: Catalog,
    name: str,
    params: dict[str, Any],
    output: Format,
    heavy: Request | None = None,
) -> Any:
    """A fresh cached answer is served on the event loop; otherwise the query runs in the thread
    pool, since the driver blocks (a thread hop per request costs more than the hit itself), and
    a `heavy` request's query waits for one of the heavy slots (see api/limits.py)."""
    result = catalog.cached(db, name, params)
    if result is None and heavy is not None:
        result = await run_heavy(heavy, catalog.run, db, name, params)
    elif result is None:
        result = await run_in_threadpool(catalog.run, db, name, params)
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


@router.get(
    "/queries/{name}/run",
    summary="Run a canned query; parameters go in the query string (e.g. ?org=icc&as_of=2025-10-01).",
    response_model=None,
    responses={
        200: {"description": "Rows (json), a CSV file, or a graph.", "model": RunResponse},
        404: {"description": "No such query."},
        422: {"description": "A parameter is missing or malformed; the body names it."},
        503: {"description": "Neo4j is unreachable; retry later."},
        504: {"description": "The query ran past its time limit."},
    },
)
async def run_with_query_string(
    name: QueryName, request: Request, db: DatabaseDep, catalog: CatalogDep, format: FormatParam = Format.json
) -> Any:
    params = {k: v for k, v in request.query_params.items() if k != "format"}
    return await run_query(db, catalog, name, params, format)


@router.post(
    "/queries/{name}/run",
    summary='Run a canned query with parameters in a JSON body: {"params": {...}}.',
    response_model=None,
    responses={200: {"model": RunResponse}, 404: {}, 422: {}, 503: {}, 504: {}},
)
async def run_with_body(
    name: QueryName,
    db: DatabaseDep,
    catalog: CatalogDep,
    request: Request,
    body: Annotated[RunRequest, Body()] = RunRequest(),  # noqa: B008
    format: FormatParam = Format.json,
) -> Any:
    check_sizes(body.params, request.app.state.settings)
    return await run_query(db, catalog, name, body.params, format)
