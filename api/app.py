"""The FastAPI application: `create_app()` builds it; the lifespan opens and closes Neo4j."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.types import Receive, Scope, Send

from api.errors import install_error_handlers
from api.limits import RequestLimits, parameter_sizes
from api.routes import alignment, browser, entities, health, queries
from api.schemas import ERRORS
from graph.alignment.weights import default_table, load_blocs
from graph.catalog.registry import Catalog, default_catalog
from graph.db.database import Database
from graph.settings import Settings, get_settings


def create_app(settings: Settings | None = None, catalog: Catalog | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with Database(settings, cache_seconds=settings.geoalign_result_cache_seconds) as db:
            app.state.db = db
            yield

    # FastAPIOffline serves Swagger UI's and ReDoc's files itself: /docs and /redoc need no CDN,
    # so they work on machines without internet access.
    app = FastAPIOffline(
        redirect_slashes=False,  # a redirect would echo the request's Host; a wrong path is a 404
        dependencies=[Depends(parameter_sizes)],
        responses=ERRORS,  # every operation may answer these, in the one error shape
        title="geoalign",
        summary="A geopolitical alignment knowledge graph: dated, sourced facts, served from Neo4j.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.heavy_slots = asyncio.Semaphore(settings.geoalign_heavy_concurrency)
    app.state.catalog = catalog or default_catalog()  # loaded (and checked) before serving
    # The alignment weights and blocs too: a bad weights.yaml stops the start, not a request.
    default_table(), load_blocs()
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(queries.catalog_routes(app.state.catalog))  # before the generic forms
    app.include_router(queries.router)
    app.include_router(entities.router)
    app.include_router(alignment.router)
    app.include_router(browser.router)
    # Neo4j Browser fetches the guide and the style from its own origin, with a preflight that
    # carries `pragma` and `cache-control`; they are read-only, so GET is all it allows.
    app.add_middleware(
        BrowserAssetsCORS,
        allow_origins=settings.cors_origins,
        allow_methods=["GET"],
        allow_headers=["pragma", "cache-control", "content-type", "accept"],
    )
    app.add_middleware(RequestLimits, settings=settings)
    return app


class BrowserAssetsCORS(CORSMiddleware):
    """CORS for what Neo4j Browser fetches (the guide and the style) and nothing else."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/browser/"):
            await super().__call__(scope, receive, send)
        else:
            await self.app(scope, receive, send)
