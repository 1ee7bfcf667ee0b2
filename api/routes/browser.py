"""What Neo4j Browser loads from the API: the guide (`:play`) and the stylesheet (`:style`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from api.deps import CatalogDep
from graph.browser import grass_stylesheet, guide_html
from graph.model import load_model

router = APIRouter(prefix="/browser", tags=["neo4j browser"])


@router.get(
    "/guide",
    summary="A Neo4j Browser guide generated from the query catalog: `:play <this API>/browser/guide`.",
    response_class=HTMLResponse,
)
def guide(request: Request, catalog: CatalogDep) -> HTMLResponse:
    # Links point at the configured public address, never at the request's Host header.
    return HTMLResponse(guide_html(catalog, load_model(), request.app.state.settings.public_url))


@router.get(
    "/style.grass",
    summary="A GraSS stylesheet for the graph: `:style <this API>/browser/style.grass`.",
    response_class=PlainTextResponse,
)
def style() -> PlainTextResponse:
    return PlainTextResponse(grass_stylesheet(load_model()), media_type="text/plain; charset=utf-8")
