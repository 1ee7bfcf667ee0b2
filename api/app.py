"""The FastAPI application: `create_app()` builds it; the lifespan opens and closes Neo4j."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api.errors import install_error_handlers
from api.routes import alignment, browser, entities, health, queries
from graph.catalog import Catalog, default_catalog
from graph.db import Database
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
        title="geoalign",
        summary="A geopolitical alignment knowledge graph: dated, sourced facts, served from Neo4j.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.catalog = catalog or default_catalog()  # loaded (and checked) before serving
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(queries.router)
    app.include_router(entities.router)
    app.include_router(alignment.router)
    app.include_router(browser.router)
    # Neo4j Browser fetches the guide and the style from its own origin, with a preflight that
    # carries `pragma` and `cache-control`; the API is read-only, so GET is all it allows.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET"],
        allow_headers=["pragma", "cache-control", "content-type", "accept"],
    )
    return app
