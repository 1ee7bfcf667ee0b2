"""The preferred-value rule (graph/seed/preferred.py `preferred_values`, seed_data/README.md): which
version of a disputed field a fact holds, and that every other version is kept. No database."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import load_model
from graph.seed.preferred import SourceStanding, alternative_properties, preferred_values

# Reliability rank (A=0 .. F=5), kind rank (court 0, report 1, news 2), publisher.
STANDING = {
    "court": SourceStanding(0, 0, "The Court"),
    "wire-a": SourceStanding(1, 2, "Wire A"),
    "wire-b": SourceStanding(1, 2, "Wire B"),
    "wire-a-again": SourceStanding(1, 2, "Wire A"),
    "ngo-report": SourceStanding(1, 1, "An NGO"),
    "paper": SourceStanding(2, 2, "A paper"),
    "blog": SourceStanding(5, 2, "A blog"),
}


def fact(
    since: str | None, status: str, sources: list[str], *alternatives: dict[str, Any], credibility: int = 2
) -> dict[str, Any]:
    record: dict[str, Any] = {"type": "ISSUED", "from": "a", "to": "b", "claim_status": status}
    if since is not None:
        record["since"] = since
    record["credibility"] = credibility
    record["source_ids"] = sources
    record["alternatives"] = list(alternatives)
    return record


def alt(since: str, status: str, sources: list[str], credibility: int = 2) -> dict[str, Any]:
    return {"since": since, "claim_status": status, "credibility": credibility, "source_ids": sources}


CASES = {
    "better claim status wins": (
        fact("2024-11-21", "confirmed", ["blog"], alt("2024-05-20", "disputed", ["court"], 3)),
        "2024-11-21",
    ),
    "same status: the better credibility wins": (
        fact("2024-01-01", "reported", ["court"], alt("2024-01-02", "reported", ["paper"], 2), credibility=3),
        "2024-01-02",
    ),
    "same status and credibility: the more reliable source wins": (
        fact("2023-02-06", "confirmed", ["paper"], alt("2023-02-07", "confirmed", ["court"])),
        "2023-02-07",
    ),
    "same grades: the more direct source wins": (
        fact("2023-03-01", "confirmed", ["wire-a"], alt("2023-03-02", "confirmed", ["ngo-report"])),
        "2023-03-02",
    ),
    "same grades and kind: more independent publishers win": (
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
        fact(None, "confirmed", ["wire-a"], alt("2025-09-22", "denied", ["court"], 5)),
        None,
    ),
    "a better-supported value replaces the record's 'none'": (
        fact(None, "disputed", ["blog"], alt("2025-09-22", "reported", ["wire-a"]), credibility=3),
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
    record = fact("2024-11-21", "confirmed", ["court"], alt("2024-05", "denied", ["blog", "wire-a"], 5))
    record["alternatives"][0]["detail"] = "The date of the application,\n  not of the warrant."
    _, others = preferred_values(record, load_model(), STANDING)
    assert alternative_properties(others) == {
        "alt_field": ["since"],
        "alt_value": ["2024-05"],
        "alt_claim_status": ["denied"],
        "alt_credibility": [5],
        "alt_sources": ["blog wire-a"],
        "alt_detail": ["The date of the application, not of the warrant."],
        "alt_quote": [""],
    }
