"""The seed files read directly in Python: an independent second path to the answers the
catalog's Cypher computes, so query tests compare against the data rather than fixed lists."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from graph.seed.preferred import preferred_values
from graph.seed.seedset import SeedSet
from graph.values import ALTERNATIVES, is_date_field, parse_date


def _dated(record: dict[str, Any]) -> dict[str, Any]:
    return {k: parse_date(v)[0] if is_date_field(k) else v for k, v in record.items()}


def counts(record: dict[str, Any]) -> bool:
    """Whether the fact counts as a fact in answers: denied facts never do."""
    return status(record) != "denied"


def _preferred(record: dict[str, Any], seeds: SeedSet) -> dict[str, Any]:
    """The record as the fact the graph holds: its preferred values, its alternatives kept."""
    if ALTERNATIVES not in record:
        return record
    chosen, _ = preferred_values(record, seeds.model, seeds.source_standing)
    return {**chosen, ALTERNATIVES: record[ALTERNATIVES]}


@cache
def relationships() -> tuple[dict[str, Any], ...]:
    seeds = SeedSet()
    return tuple(_dated(_preferred(r, seeds)) for _, r in seeds.records("relationships"))


@cache
def nodes() -> dict[str, dict[str, Any]]:
    seeds = SeedSet()
    return {r["id"]: _dated(_preferred(r, seeds)) for _, r in seeds.records("nodes")}


def of_type(kind: str) -> list[dict[str, Any]]:
    return [r for r in relationships() if r["type"] == kind]


def status(record: dict[str, Any]) -> str:
    return str(record.get("claim_status", "confirmed"))


def before(day: date | None, limit: date) -> bool:
    return day is not None and day <= limit


def holds(record: dict[str, Any], day: date) -> bool:
    until = record.get("until")
    return before(record.get("since"), day) and (until is None or until > day)
