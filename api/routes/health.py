"""Liveness (no database call) and readiness (a trivial query)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DatabaseDep

router = APIRouter(tags=["health"])


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
