"""An explainable, time-aware alignment index: how aligned is X with Y on a day, and why.

Every tie between two entities that holds on the day counts with a signed weight from a table
kept in data (alignment/weights.yaml, anchored on the Goldstein scale). An indirect tie (a path
of up to `max_hops` ties) counts as the product of its hops' values, discounted per extra hop.
The score is the sum of the contributions, and every contribution is returned with its path,
dates, claim statuses and sources, so the number can be checked by hand.
"""

from __future__ import annotations

import calendar
import itertools
import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph import deadline
from graph.db import Database
from graph.errors import BadParameter, NotFound
from graph.model import load_model
from graph.settings import PROJECT_ROOT

WEIGHTS_FILE = Path(__file__).parent / "alignment" / "weights.yaml"
BLOCS_FILE = Path(__file__).parent / "alignment" / "blocs.yaml"
PATHS_QUERY = PROJECT_ROOT / "cypher" / "alignment_paths.cypher"
MAX_HOPS = 3  # the Cypher pattern's bound


@dataclass(frozen=True)
class WeightTable:
    weights: dict[str, float]
    one_off: frozenset[str]
    claim_factors: dict[str, float | str]  # a number, or "disputed_fraction"
    disputed_fraction: float
    hop_discount: float
    max_hops: int
    half_life_years: float

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> WeightTable:
        raw = yaml.safe_load(path.read_text())
        known = load_model().relationships
        problems = [
            f"{path}: unknown relationship type {name!r}" for name in raw["weights"] if name not in known
        ]
        table = cls(
            weights={name: float(spec["weight"]) for name, spec in raw["weights"].items()},
            one_off=frozenset(name for name, spec in raw["weights"].items() if spec.get("one_off")),
            claim_factors=dict(raw["claim_factors"]),
            disputed_fraction=float(raw["disputed_fraction"]),
            hop_discount=float(raw["hop_discount"]),
            max_hops=int(raw["max_hops"]),
            half_life_years=float(raw["half_life_years"]),
        )
        if not 1 <= table.max_hops <= MAX_HOPS:
            problems.append(f"{path}: max_hops must be between 1 and {MAX_HOPS}")
        if any(abs(w) > 1 for w in table.weights.values()):
            problems.append(f"{path}: weights lie between -1 and 1")
        if problems:
            raise BadParameter("weights", "; ".join(problems))
        return table

    def claim_factor(self, status: str, disputed_fraction: float) -> float:
        factor = self.claim_factors.get(status, 0.0)
        return disputed_fraction if factor == "disputed_fraction" else float(factor)


@dataclass(frozen=True)
class Hop:
    type: str
    from_id: str
    to_id: str
    weight: float
    claim_status: str
    claim_factor: float
    decay: float
    dates: dict[str, str]
    sources: list[str]
    detail: str | None

    @property
    def value(self) -> float:
        return self.weight * self.claim_factor * self.decay


@dataclass(frozen=True)
class Contribution:
    target: str
    path: list[Hop]
    discount: float
    value: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "hops": len(self.path),
            "path": [hop.__dict__ | {"value": round(hop.value, 6)} for hop in self.path],
            "discount": self.discount,
            "value": round(self.value, 6),
        }


@dataclass
class Alignment:
    subject: str
    toward: str
    as_of: date
    contributions: list[Contribution] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(c.value for c in self.contributions)

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "toward": self.toward,
            "as_of": self.as_of.isoformat(),
            "score": round(self.score, 6),
            "contributions": [c.as_dict() for c in sorted(self.contributions, key=lambda c: -abs(c.value))],
        }


@cache
def default_table() -> WeightTable:
    return WeightTable.load()


@cache
def load_blocs(path: Path = BLOCS_FILE) -> dict[str, list[str]]:
    raw = yaml.safe_load(path.read_text())
    return {name: list(spec["members"]) for name, spec in raw["blocs"].items()}


@cache
def _paths_query() -> str:
    return PATHS_QUERY.read_text()


def _native(value: Any) -> date | None:
    return value.to_native() if value is not None else None


class AlignmentIndex:
    def __init__(
        self, db: Database, table: WeightTable | None = None, blocs: dict[str, list[str]] | None = None
    ):
        self.db = db
        self.table = table or default_table()
        self.blocs = blocs if blocs is not None else load_blocs()
        self.query = _paths_query()

    def targets(self, toward: str) -> list[str]:
        members = self.blocs.get(toward, [toward])
        _, rows = self.db.read("MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id", {"ids": members})
        if not rows:
            raise NotFound(f"no entity or bloc named '{toward}'")
        return members

    def _hop(self, raw: dict[str, Any], as_of: date, disputed_fraction: float) -> Hop | None:
        """The tie's value on `as_of`, or None when it does not hold then."""
        kind = raw["type"]
        start = _native(raw.get("since")) or _native(raw.get("announced_on"))
        if start is None or start > as_of:
            return None
        for end_field in ("until", "revoked_on"):
            end = _native(raw.get(end_field))
            if end is not None and end <= as_of:
                return None
        decay = 1.0
        if kind in self.table.one_off:
            years = (as_of - start).days / 365.25
            decay = round(math.pow(0.5, years / self.table.half_life_years), 6)
        status = raw.get("claim_status") or "confirmed"
        factor = self.table.claim_factor(status, disputed_fraction)
        if factor == 0:
            return None
        dates = {
            k: str(raw[k].iso_format())
            for k in ("since", "until", "announced_on", "effective_on", "revoked_on")
            if raw.get(k) is not None
        }
        return Hop(
            kind,
            raw["from"],
            raw["to"],
            self.table.weights[kind],
            status,
            factor,
            decay,
            dates,
            list(raw.get("sources") or []),
            raw.get("detail"),
        )

    def _contributions(
        self,
        subject: str | None,
        toward: str,
        as_of: date,
        disputed_fraction: float | None,
        max_hops: int | None,
    ) -> dict[str, list[Contribution]]:
        fraction = self.table.disputed_fraction if disputed_fraction is None else disputed_fraction
        if not 0 <= fraction <= 1:
            raise BadParameter("disputed_fraction", "must be between 0 and 1")
        hops_limit = self.table.max_hops if max_hops is None else max_hops
        if not 1 <= hops_limit <= MAX_HOPS:
            raise BadParameter("max_hops", f"must be between 1 and {MAX_HOPS}")
        targets = self.targets(toward)
        _, rows = self.db.read(
            self.query,
            {
                "subject": subject,
                "targets": targets,
                "types": list(self.table.weights),
                "max_hops": hops_limit,
            },
        )
        found: dict[str, list[Contribution]] = {}
        for row in rows:
            deadline.check()
            raws = row["hops"]
            hops = [self._hop(raw, as_of, fraction) for raw in raws]
            path = [h for h in hops if h is not None]
            if len(path) < len(raws):
                continue
            discount = self.table.hop_discount ** (len(path) - 1)
            value = discount * math.prod(h.value for h in path)
            found.setdefault(row["subject"], []).append(Contribution(row["target"], path, discount, value))
        return found

    def score(
        self,
        subject: str,
        toward: str,
        as_of: date,
        disputed_fraction: float | None = None,
        max_hops: int | None = None,
    ) -> Alignment:
        _, rows = self.db.read("MATCH (n:Entity {id: $id}) RETURN n.id AS id", {"id": subject})
        if not rows:
            raise NotFound(f"no entity with id '{subject}'")
        found = self._contributions(subject, toward, as_of, disputed_fraction, max_hops)
        return Alignment(subject, toward, as_of, found.get(subject, []))

    def series(
        self, subject: str, toward: str, start: date, end: date, step: str = "year", **options: Any
    ) -> list[Alignment]:
        points = []
        for day in steps(start, end, step):
            deadline.check()  # a long series stops when its request's time is up
            points.append(self.score(subject, toward, day, **options))
        return points

    def shifts(
        self, toward: str, start: date, end: date, limit: int = 10, **options: Any
    ) -> list[dict[str, Any]]:
        """States ranked by how much their score toward `toward` changed from one day to another
        (the second day may come first: the change is then read backwards)."""
        before = self._contributions(
            None, toward, start, options.get("disputed_fraction"), options.get("max_hops")
        )
        after = self._contributions(
            None, toward, end, options.get("disputed_fraction"), options.get("max_hops")
        )
        ranked: list[dict[str, Any]] = []
        for subject in set(before) | set(after):
            old = Alignment(subject, toward, start, before.get(subject, []))
            new = Alignment(subject, toward, end, after.get(subject, []))
            old_keys = {_signature(c) for c in old.contributions}
            new_keys = {_signature(c) for c in new.contributions}
            ranked.append(
                {
                    "subject": subject,
                    "score_before": round(old.score, 6),
                    "score_after": round(new.score, 6),
                    "change": round(new.score - old.score, 6),
                    "appeared": [c.as_dict() for c in new.contributions if _signature(c) not in old_keys],
                    "ended": [c.as_dict() for c in old.contributions if _signature(c) not in new_keys],
                }
            )
        ranked.sort(key=lambda entry: (-abs(entry["change"]), entry["subject"]))
        return ranked[:limit]


def _signature(contribution: Contribution) -> tuple[str, ...]:
    return tuple(f"{h.from_id}|{h.type}|{h.to_id}|{h.claim_status}" for h in contribution.path)


def steps(start: date, end: date, step: str) -> list[date]:
    """The days from `start` to `end` every `step`, keeping `start`'s day of the month where the
    month has it (31 January, then 28 or 29 February, then 31 March); none when `end` comes
    first. A long series is bounded by time, not by count: over HTTP the request's budget stops it."""
    months = {"year": 12, "quarter": 3, "month": 1}.get(step)
    if months is None:
        raise BadParameter("step", "must be year, quarter or month")
    days: list[date] = []
    for index in itertools.count():
        total = start.month - 1 + index * months
        year, month = start.year + total // 12, total % 12 + 1
        if year > end.year:
            break
        day = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
        if day > end:
            break
        days.append(day)
    return days
