"""The preferred-value rule (graph/seed_files.py `preferred_values`, seed_data/README.md): which
version of a disputed field a fact holds, and that every other version is kept. No database."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import load_model
from graph.seed_files import SourceStanding, alternative_properties, preferred_values

STANDING = {
    "court": SourceStanding(0, "The Court"),
    "wire-a": SourceStanding(2, "Wire A"),
    "wire-b": SourceStanding(2, "Wire B"),
    "wire-a-again": SourceStanding(2, "Wire A"),
    "blog": SourceStanding(3, "A blog"),
}


def fact(since: str | None, status: str, sources: list[str], *alternatives: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"type": "ISSUED", "from": "a", "to": "b", "claim_status": status}
    if since is not None:
        record["since"] = since
    record["source_ids"] = sources
    record["alternatives"] = list(alternatives)
    return record


def alt(since: str, status: str, sources: list[str]) -> dict[str, Any]:
    return {"since": since, "claim_status": status, "source_ids": sources}


CASES = {
    "better claim status wins": (
        fact("2024-11-21", "confirmed", ["blog"], alt("2024-05-20", "disputed", ["court"])),
        "2024-11-21",
    ),
    "same status: the more direct source wins": (
        fact("2023-02-06", "confirmed", ["wire-a"], alt("2023-02-07", "confirmed", ["court"])),
        "2023-02-07",
    ),
    "same status and kind: more independent publishers win": (
        fact(
            "2020-01-01",
            "reported",
            ["wire-a", "wire-a-again"],
            alt("2020-01-02", "reported", ["wire-a", "wire-b"]),
        ),
        "2020-01-02",
    ),
    "a full tie keeps the record's value": (
        fact("2020-01-01", "reported", ["wire-a"], alt("2020-01-02", "reported", ["wire-b"])),
        "2020-01-01",
    ),
    "a field the record leaves out is its version 'none'": (
        fact(None, "confirmed", ["wire-a"], alt("2025-09-22", "denied", ["court"])),
        None,
    ),
    "a better-supported value replaces the record's 'none'": (
        fact(None, "disputed", ["blog"], alt("2025-09-22", "reported", ["wire-a"])),
        "2025-09-22",
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_the_preferred_value_follows_the_rule(case: str) -> None:
    record, expected = CASES[case]
    chosen, others = preferred_values(record, load_model(), STANDING)
    assert chosen.get("since") == expected
    stated = {record.get("since"), *(a["since"] for a in record["alternatives"])}
    assert {v.value for v in others} | {chosen.get("since")} == stated, "no version is lost"
    winner = next((a for a in record["alternatives"] if a["since"] == expected), None)
    if winner is not None:  # the fact now cites the sources of the value it holds
        assert set(winner["source_ids"]) <= set(chosen["source_ids"])
    assert set(record["source_ids"]) <= set(chosen["source_ids"])


def test_other_versions_are_stored_as_parallel_lists() -> None:
    record = fact("2024-11-21", "confirmed", ["court"], alt("2024-05", "denied", ["blog", "wire-a"]))
    record["alternatives"][0]["detail"] = "The date of the application,\n  not of the warrant."
    _, others = preferred_values(record, load_model(), STANDING)
    assert alternative_properties(others) == {
        "alt_field": ["since"],
        "alt_value": ["2024-05"],
        "alt_claim_status": ["denied"],
        "alt_sources": ["blog wire-a"],
        "alt_detail": ["The date of the application, not of the warrant."],
        "alt_quote": [""],
    }
