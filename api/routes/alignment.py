"""The alignment index over HTTP: a score with its reasons, a series, and the biggest shifts."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from api.deps import DatabaseDep
from api.limits import run_heavy
from api.schemas import id_path, text_query
from graph.alignment.index import TOP, AlignmentIndex
from graph.catalog.answers import source_grades

router = APIRouter(tags=["alignment"])
Step = Literal["year", "quarter", "month"]

Toward = Annotated[
    str, text_query("Id of the target entity, or a named bloc (e.g. western-security-partners).", "russia")
]
DisputedFraction = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="Fraction at which alleged and disputed claims count (default from the table).",
    ),
]
MaxHops = Annotated[
    int | None, Query(ge=1, le=3, description="Longest chain of ties counted (default from the table).")
]
Top = Annotated[
    int,
    Query(
        ge=0,
        le=1000,
        description="How many contributions to list, largest first; the others are counted and summed.",
    ),
]
Subject = Annotated[str, id_path("Subject", "Id of the entity whose alignment is scored.", "mali")]


@router.get(
    "/alignment/{subject}", summary="Alignment score of an entity toward a target, with its contributions."
)
async def alignment(
    request: Request,
    subject: Subject,
    db: DatabaseDep,
    toward: Toward,
    as_of: Annotated[date | None, Query(description="Day to score (default today).")] = None,
    disputed_fraction: DisputedFraction = None,
    max_hops: MaxHops = None,
    top: Top = TOP,
) -> dict[str, Any]:
    index = AlignmentIndex(db)
    day = as_of or date.today()
    scored = await run_heavy(request, index.score, subject, toward, day, disputed_fraction, max_hops, top)
    answer = scored.as_dict()
    return {**answer, "source_grades": await run_in_threadpool(source_grades, db, answer)}


@router.get("/alignment/{subject}/series", summary="The alignment score over time, one point per step.")
async def alignment_series(
    request: Request,
    subject: Subject,
    db: DatabaseDep,
    toward: Toward,
    from_date: Annotated[date, Query(description="First day of the series.", examples=["2019-01-01"])],
    to_date: Annotated[date, Query(description="Last day of the series.", examples=["2026-01-01"])],
    step: Annotated[Step, Query(description="year, quarter or month.")] = "year",
    disputed_fraction: DisputedFraction = None,
    max_hops: MaxHops = None,
) -> dict[str, Any]:
    series = partial(AlignmentIndex(db).series, disputed_fraction=disputed_fraction, max_hops=max_hops)
    points = await run_heavy(request, series, subject, toward, from_date, to_date, step)
    return {
        "subject": subject,
        "toward": toward,
        "step": step,
        "points": [{"date": p.as_of.isoformat(), "score": round(p.score, 6)} for p in points],
    }


@router.get("/alignment-shifts", summary="States ranked by the change of their score toward a target.")
async def alignment_shifts(
    request: Request,
    db: DatabaseDep,
    toward: Toward,
    from_date: Annotated[date, Query(description="Earlier day.", examples=["2019-01-01"])],
    to_date: Annotated[date, Query(description="Later day.", examples=["2025-10-01"])],
    limit: Annotated[int, Query(ge=1, le=100, description="Most entries to return.")] = 10,
    disputed_fraction: DisputedFraction = None,
    max_hops: MaxHops = None,
    top: Top = TOP,
) -> list[dict[str, Any]]:
    shifts = partial(
        AlignmentIndex(db).shifts, disputed_fraction=disputed_fraction, max_hops=max_hops, top=top
    )
    ranked: list[dict[str, Any]] = await run_heavy(request, shifts, toward, from_date, to_date, limit)
    return ranked
