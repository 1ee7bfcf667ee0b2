"""The alignment index's component from the UN General Assembly's votes (weights.yaml, `votes`):
for a state and a target state on a day, their agreement over the roll calls of the window before
the day, counted as weight x (2A - 1) once enough roll calls carry it, and explained by the
newest of those roll calls with both votes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from graph import cypher
from graph.alignment.weights import VoteWeight
from graph.db.database import Database

TYPE = "UNGA_VOTES"  # what a vote contribution's one hop is called in an answer
LISTED = 10  # roll calls named in a contribution's detail


@dataclass(frozen=True)
class VoteAgreement:
    """Two states' agreement over the roll calls of one window."""

    subject: str
    target: str
    day: int  # index into the days asked for
    votes: int
    agreement: float
    first_vote: str
    last_vote: str
    latest: list[list[str]]  # [symbol, subject's vote, target's vote], newest first
    sources: list[str]

    def value(self, rule: VoteWeight) -> float:
        return rule.weight * (2 * self.agreement - 1) if self.votes >= rule.min_votes else 0.0

    def detail(self) -> str:
        named = "; ".join(f"{symbol} ({a}/{b})" for symbol, a, b in self.latest)
        more = f" and {self.votes - len(self.latest)} more" if self.votes > len(self.latest) else ""
        return (
            f"agreement {self.agreement:.3f} over {self.votes} roll calls from {self.first_vote} to "
            f"{self.last_vote}: {named}{more}"
        )


def agreements(
    db: Database,
    rule: VoteWeight,
    targets: Sequence[str],
    days: Sequence[date],
    subjects: Sequence[str] | None = None,
) -> list[VoteAgreement]:
    """Every (subject, target, day) with at least one roll call both voted in within the window."""
    if not days or not targets:
        return []
    window = timedelta(days=rule.window_days)
    params: dict[str, Any] = {
        "targets": list(targets),
        "subjects": list(subjects) if subjects is not None else None,
        "days": list(days),
        "window_days": rule.window_days,
        "first": min(days) - window,
        "last": max(days),
        "listed": LISTED,
    }
    _, rows = db.read(cypher.statement("alignment/vote_pairs"), params)
    return [
        VoteAgreement(
            row["subject"],
            row["target"],
            int(row["day"]),
            int(row["votes"]),
            float(row["agreement_sum"]) / int(row["votes"]),
            str(row["first_vote"]),
            str(row["last_vote"]),
            [list(map(str, entry)) for entry in row["latest"]],
            sorted({source for group in row["sources"] for source in group or []}),
        )
        for row in rows
    ]
