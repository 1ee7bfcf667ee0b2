"""The seed files read directly in Python: an independent second path to the answers the
catalog's Cypher computes, so query tests compare against the data rather than fixed lists."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from graph.seed_files import SeedSet, is_date_field, parse_date


def _dated(record: dict[str, Any]) -> dict[str, Any]:
    return {k: parse_date(v)[0] if is_date_field(k) else v for k, v in record.items()}


@cache
def relationships() -> tuple[dict[str, Any], ...]:
    return tuple(_dated(r) for _, r in SeedSet().records("relationships"))


@cache
def nodes() -> dict[str, dict[str, Any]]:
    return {r["id"]: _dated(r) for _, r in SeedSet().records("nodes")}


def of_type(kind: str) -> list[dict[str, Any]]:
    return [r for r in relationships() if r["type"] == kind]


def status(record: dict[str, Any]) -> str:
    return str(record.get("claim_status", "confirmed"))


def before(day: date | None, limit: date) -> bool:
    return day is not None and day <= limit


def holds(record: dict[str, Any], day: date) -> bool:
    until = record.get("until")
    return before(record.get("since"), day) and (until is None or until > day)
