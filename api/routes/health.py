"""Liveness (no database call), readiness (a trivial query) and, at the root, how current the
graph is (its newest source and the size of the stale list)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import CatalogDep, DatabaseDep
from graph.catalog.currency import currency

router = APIRouter(tags=["health"])


@router.get(
    "/",
    summary="How current the graph is: its newest source and how many facts the stale list holds today.",
)
def root(db: DatabaseDep, catalog: CatalogDep) -> dict[str, Any]:
    return {"name": "geoalign", "docs": "/docs", "queries": "/queries", "currency": currency(db, catalog)}


@router.get("/health", summary="The API process is up (does not touch Neo4j).")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/ready",
    summary="Neo4j answers: 200 when it does, 503 with Retry-After while it does not.",
    responses={503: {"description": "Neo4j is unreachable; retry later."}},
)
def ready(db: DatabaseDep) -> dict[str, str]:
    db.ping()
    return {"status": "ready", "neo4j": db.settings.bolt_uri}
