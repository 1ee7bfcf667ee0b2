"""An explainable, time-aware alignment index: how aligned is X with Y on a day, and why.

Every tie between two entities that holds on the day counts with a signed weight from a table
kept in data (alignment/weights.yaml, anchored on the Goldstein scale). An indirect tie (a path
of up to `max_hops` ties) counts as the product of its hops' values, discounted per extra hop.
The score is the sum of the contributions, and the largest contributions are returned with
their paths, dates, claim statuses and sources, so the number can be checked by hand.

The cost follows the ties around the entities asked about, not the number of paths: the graph
bundles the ties between each pair of neighbours (how many hold on the day, their summed value,
the largest), the score is summed over chains of bundles (a sum of products is a product of
sums), and only the bundles that can hold a listed contribution are opened tie by tie.
"""

from __future__ import annotations

import calendar
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from graph import cypher
from graph.alignment import votes
from graph.alignment.ties import Pair, Ties, combinations, native
from graph.alignment.weights import MAX_HOPS, UNGRADED, WeightTable, default_table, load_blocs
from graph.db import deadline
from graph.db.database import Database
from graph.errors import BadParameter, NotFound

TOP = 50  # contributions listed by default; the rest are counted and summed
MAX_STEPS = 1_200  # points of a series: a century of months
CLAIM_STATUSES = ("confirmed", "reported", "alleged", "disputed", "denied")


@dataclass(frozen=True)
class Hop:
    type: str
    from_id: str
    to_id: str
    weight: float
    claim_status: str
    credibility: int | None
    claim_factor: float  # of its status and its credibility
    decay: float
    dates: dict[str, str]
    sources: list[str]
    detail: str | None

    @property
    def value(self) -> float:
        return self.weight * self.claim_factor * self.decay


@dataclass(frozen=True)
class VoteHop(Hop):
    """Agreement in the UN General Assembly's votes: a direct link between two states, worth
    weight x (2 x agreement - 1); `detail` names the roll calls it rests on."""

    agreement: float
    votes: int

    @property
    def value(self) -> float:
        return self.weight * (2 * self.agreement - 1) * self.claim_factor * self.decay


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
            "path": [
                hop.__dict__ | {"decay": round(hop.decay, 6), "value": round(hop.value, 6)}
                for hop in self.path
            ],
            "discount": self.discount,
            "value": round(self.value, 6),
        }


@dataclass
class Alignment:
    """A score and its largest contributions; `count` contributions make up the whole score."""

    subject: str
    toward: str
    as_of: date
    score: float = 0.0
    count: int = 0
    contributions: list[Contribution] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        listed = sorted(self.contributions, key=lambda c: -abs(c.value))
        return {
            "subject": self.subject,
            "toward": self.toward,
            "as_of": self.as_of.isoformat(),
            "score": round(self.score, 6),
            "contribution_count": self.count,
            "contributions": [c.as_dict() for c in listed],
            "not_listed": {
                "count": self.count - len(listed),
                "value": round(self.score - sum(c.value for c in listed), 6),
            },
        }


class AlignmentIndex:
    def __init__(
        self, db: Database, table: WeightTable | None = None, blocs: dict[str, list[str]] | None = None
    ):
        self.db = db
        self.table = table or default_table()
        self.blocs = blocs if blocs is not None else load_blocs()

    def targets(self, toward: str) -> list[str]:
        members = self.blocs.get(toward, [toward])
        if not self._known(members):
            raise NotFound(f"no entity or bloc named '{toward}'")
        return members

    def _known(self, ids: list[str]) -> set[str]:
        _, rows = self.db.read(cypher.statement("alignment/known_ids"), {"ids": ids})
        return {row["id"] for row in rows}

    def _check_subject(self, subject: str) -> None:
        if not self._known([subject]):
            raise NotFound(f"no entity with id '{subject}'")

    def _options(self, disputed_fraction: float | None, max_hops: int | None) -> tuple[float, int]:
        fraction = self.table.disputed_fraction if disputed_fraction is None else disputed_fraction
        if not 0 <= fraction <= 1:
            raise BadParameter("disputed_fraction", "must be between 0 and 1")
        hops = self.table.max_hops if max_hops is None else max_hops
        if not 1 <= hops <= MAX_HOPS:
            raise BadParameter("max_hops", f"must be between 1 and {MAX_HOPS}")
        return fraction, hops

    def _fetch(
        self,
        ties: Ties,
        ids: set[str] | list[str],
        fraction: float,
        others: set[str] | None = None,
        states_only: bool = False,
        with_ids: bool = False,
    ) -> None:
        """Add the bundles around `ids` on each of the days to `ties`: summed by the database for
        one or two days (`with_ids`: with each tie's value and element id), from the ties' dates
        here for a series."""
        if not ids:
            return
        deadline.check()
        statuses = set(CLAIM_STATUSES) | set(self.table.claim_factors)
        params: dict[str, Any] = {
            "ids": sorted(ids),
            "others": sorted(others) if others is not None else None,
            "weights": self.table.weights,
            "one_off": sorted(self.table.one_off),
            "factors": {s: self.table.claim_factor(s, fraction) for s in statuses},
            "credibility": {str(k): v for k, v in self.table.credibility_factors.items()},
            "ungraded": UNGRADED,
        }
        if len(ties.days) > 2 and not states_only and not with_ids:
            params |= {"first": min(ties.days), "last": max(ties.days)}
            _, rows = self.db.read(cypher.statement("alignment/tie_dates"), params)
            ties.add_dated(rows, self.table.half_life_years)
            return
        params |= {
            "days": ties.days,
            "states_only": states_only,
            "with_ids": with_ids,
            "half_life": self.table.half_life_years,
        }
        _, rows = self.db.read(cypher.statement("alignment/ties"), params)
        ties.add(rows, set(ids) if with_ids else None)

    def _read_members(self, ties: Ties, pairs: set[Pair], fraction: float) -> None:
        """Read the ties of the pairs not yet read one by one, around as few entities as can be:
        each time around the entity that most of the remaining pairs share."""
        missing = {pair for pair in pairs if pair not in ties.members}
        while missing:
            shared = Counter(entity for pair in missing for entity in pair)
            around = max(shared, key=lambda entity: (shared[entity], entity))
            partners = {a if b == around else b for a, b in missing if around in (a, b)}
            self._fetch(ties, [around], fraction, others=partners, with_ids=True)
            for partner in partners:
                ties.members.setdefault((around, partner), {})
                ties.members.setdefault((partner, around), ties.members[(around, partner)])
            missing = {pair for pair in missing if pair not in ties.members}

    def _around(
        self, subject: str, targets: list[str], days: Sequence[date], fraction: float, hops: int
    ) -> Ties:
        """The bundles every chain from `subject` to a target is made of."""
        ties = Ties(days)
        listed = len(days) == 1  # a single day's score lists its largest contributions
        self._fetch(ties, {subject, *targets}, fraction, with_ids=listed)
        if hops >= 3:
            middle = ties.adjacent.get(subject, set()) - {subject, *targets}
            self._fetch(ties, middle, fraction, others=ties.neighbours(targets), with_ids=listed)
        return ties

    def _hop(self, raw: dict[str, Any], as_of: date, disputed_fraction: float) -> Hop | None:
        """The tie's value on `as_of`, or None when it does not hold then (the rule of
        cypher/alignment/ties.cypher, tie by tie)."""
        kind = raw["type"]
        start = native(raw.get("since")) or native(raw.get("announced_on"))
        if start is None or start > as_of:
            return None
        for end_field in ("until", "revoked_on"):
            end = native(raw.get(end_field))
            if end is not None and end <= as_of:
                return None
        decay = 1.0
        if kind in self.table.one_off:
            years = (as_of - start).days / 365.25
            decay = math.pow(0.5, years / self.table.half_life_years)
        status = raw.get("claim_status") or "confirmed"
        credibility = raw.get("credibility")
        factor = self.table.claim_factor(status, disputed_fraction) * self.table.credibility_factor(
            credibility
        )
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
            credibility,
            factor,
            decay,
            dates,
            list(raw.get("sources") or []),
            raw.get("detail"),
        )

    def _largest(
        self,
        ties: Ties,
        paths: list[tuple[str, ...]],
        day: int,
        fraction: float,
        top: int,
        new_since: int | None = None,
    ) -> list[Contribution]:
        """The `top` contributions of largest absolute value among `paths` on `ties.days[day]`
        (with `new_since`: only those that did not hold on that other day). A chain's largest
        contribution is the product of its bundles' peaks, so chains are opened in that order,
        `top` at a time, and the search stops once no unopened chain can beat the ones kept.
        Only the ties of the contributions kept are read in full."""
        if top <= 0:
            return []
        discount = self.table.hop_discount
        bounds = []
        for path in paths:
            links = ties.chain(path, day)
            if links is not None:
                bounds.append((discount ** (len(path) - 2) * math.prod(peak for _, _, peak in links), path))
        bounds.sort(key=lambda item: -item[0])
        kept: list[tuple[float, int, tuple[str, ...], list[str]]] = []  # a min-heap on |value|
        order = itertools.count()
        for start in range(0, len(bounds), top):
            chunk = bounds[start : start + top]
            if len(kept) >= top and kept[0][0] >= chunk[0][0]:
                break
            deadline.check()
            self._read_members(
                ties, {pair for _, path in chunk for pair in itertools.pairwise(path)}, fraction
            )
            for bound, path in chunk:
                if len(kept) >= top and kept[0][0] >= bound:
                    break
                deadline.check()
                pairs = list(itertools.pairwise(path))
                lists = [sorted(ties.members[pair].get(day, []), key=lambda m: -abs(m[0])) for pair in pairs]
                if not all(lists):
                    continue
                factor = discount ** (len(path) - 2)
                for combo in combinations(lists, ties, pairs, new_since):
                    value = factor * math.prod(v for v, _ in combo)
                    if len(kept) >= top and kept[0][0] >= abs(value):
                        break
                    entry = (abs(value), next(order), path, [tie for _, tie in combo])
                    if len(kept) < top:
                        heapq.heappush(kept, entry)
                    else:
                        heapq.heapreplace(kept, entry)
        if not kept:
            return []
        chosen_ties = sorted({tie for *_, chosen in kept for tie in chosen})
        _, rows = self.db.read(cypher.statement("alignment/tie_details"), {"ids": chosen_ties})
        raws = {row["tie"]: row["raw"] for row in rows}
        when = ties.days[day]
        found = []
        for _, _, path, chosen in kept:
            hops = [hop for hop in (self._hop(raws[tie], when, fraction) for tie in chosen) if hop]
            if len(hops) == len(chosen):
                factor = discount ** (len(path) - 2)
                found.append(Contribution(path[-1], hops, factor, factor * math.prod(h.value for h in hops)))
        return sorted(found, key=lambda c: -abs(c.value))

    def _votes(
        self, targets: list[str], days: Sequence[date], subjects: list[str] | None = None
    ) -> dict[tuple[str, int], list[Contribution]]:
        """The votes component for each (subject, day index): one contribution per target state
        whose agreement with the subject rests on enough roll calls (weights.yaml, `votes`)."""
        deadline.check()
        rule = self.table.votes
        found: dict[tuple[str, int], list[Contribution]] = {}
        for pair in votes.agreements(self.db, rule, targets, days, subjects):
            if pair.votes < rule.min_votes:
                continue
            window = {"from": pair.first_vote, "until": pair.last_vote}
            hop = VoteHop(
                votes.TYPE, pair.subject, pair.target, rule.weight, "confirmed", None, 1.0, 1.0, window,
                pair.sources, pair.detail(), round(pair.agreement, 6), pair.votes,
            )  # fmt: skip
            found.setdefault((pair.subject, pair.day), []).append(
                Contribution(pair.target, [hop], 1.0, hop.value)
            )
        return found

    def _totals(self, ties: Ties, paths: list[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray]:
        """The score on each of `ties.days` and how many contributions make it (a chain counts
        the product of its links' sums: zero on a day when a link has no tie holding)."""
        scores, counts = np.zeros(len(ties.days)), np.zeros(len(ties.days), dtype=np.int64)
        for path in paths:
            links = [ties.bundles[pair] for pair in itertools.pairwise(path)]
            total, count = links[0].total, links[0].count
            for link in links[1:]:
                total, count = total * link.total, count * link.count
            scores += self.table.hop_discount ** (len(path) - 2) * total
            counts += count
        return scores, counts

    def score(
        self,
        subject: str,
        toward: str,
        as_of: date,
        disputed_fraction: float | None = None,
        max_hops: int | None = None,
        top: int = TOP,
    ) -> Alignment:
        self._check_subject(subject)
        fraction, hops = self._options(disputed_fraction, max_hops)
        targets = self.targets(toward)
        ties = self._around(subject, targets, [as_of], fraction, hops)
        paths = list(ties.node_paths(subject, targets, hops))
        scores, counts = self._totals(ties, paths)
        contributions = self._largest(ties, paths, 0, fraction, top)
        voted = self._votes(targets, [as_of], [subject]).get((subject, 0), [])
        score = float(scores[0]) + sum(c.value for c in voted)
        return Alignment(subject, toward, as_of, score, int(counts[0]) + len(voted), contributions + voted)

    def series(
        self,
        subject: str,
        toward: str,
        start: date,
        end: date,
        step: str = "year",
        disputed_fraction: float | None = None,
        max_hops: int | None = None,
    ) -> list[Alignment]:
        """The score on every step's day (the ties are read once for all of them)."""
        self._check_subject(subject)
        fraction, hops = self._options(disputed_fraction, max_hops)
        targets = self.targets(toward)
        days = steps(start, end, step)
        if len(days) > MAX_STEPS:
            raise BadParameter(
                "step",
                f"{len(days):,} {step}s from {start} to {end}: a series has at most {MAX_STEPS:,} points; "
                "choose a longer step or a shorter range",
            )
        if not days:
            return []
        ties = self._around(subject, targets, days, fraction, hops)
        paths = list(ties.node_paths(subject, targets, hops))
        scores, counts = self._totals(ties, paths)
        voted = self._votes(targets, days, [subject])
        for (_, day), found in voted.items():
            scores[day] += sum(c.value for c in found)
            counts[day] += len(found)
        return [
            Alignment(subject, toward, day, float(score), int(count))
            for day, score, count in zip(days, scores, counts, strict=True)
        ]

    def shifts(
        self,
        toward: str,
        start: date,
        end: date,
        limit: int = 10,
        disputed_fraction: float | None = None,
        max_hops: int | None = None,
        top: int = TOP,
    ) -> list[dict[str, Any]]:
        """States ranked by how much their score toward `toward` changed from one day to another
        (the second day may come first: the change is then read backwards), each with the largest
        contributions that appeared or ended in between."""
        fraction, hops = self._options(disputed_fraction, max_hops)
        targets = self.targets(toward)
        ties = Ties([start, end])
        self._fetch(ties, targets, fraction, with_ids=True)
        if hops >= 2:
            # chains end at a target; walking back from it, the last link before the State
            # only needs the ties that reach States
            self._fetch(ties, ties.neighbours(targets), fraction, states_only=hops == 2)
        if hops >= 3:
            self._fetch(ties, ties.neighbours(ties.neighbours(targets)), fraction, states_only=True)
        voted = self._votes(targets, [start, end])
        ranked: list[tuple[float, str, float, float, list[tuple[str, ...]]]] = []
        for subject in sorted(ties.states | {subject for subject, _ in voted}):
            deadline.check()
            paths = list(ties.node_paths(subject, targets, hops))
            scores, counts = self._totals(ties, paths)
            for day in (0, 1):
                scores[day] += sum(c.value for c in voted.get((subject, day), []))
                counts[day] += len(voted.get((subject, day), []))
            if counts.any():
                old, new = float(scores[0]), float(scores[1])
                ranked.append((new - old, subject, old, new, paths))
        ranked.sort(key=lambda entry: (-abs(entry[0]), entry[1]))
        return [
            {
                "subject": subject,
                "score_before": round(old, 6),
                "score_after": round(new, 6),
                "change": round(change, 6),
                "appeared": [c.as_dict() for c in self._largest(ties, paths, 1, fraction, top, new_since=0)],
                "ended": [c.as_dict() for c in self._largest(ties, paths, 0, fraction, top, new_since=1)],
                "votes_before": [c.as_dict() for c in voted.get((subject, 0), [])],
                "votes_after": [c.as_dict() for c in voted.get((subject, 1), [])],
            }
            for change, subject, old, new, paths in ranked[:limit]
        ]


def steps(start: date, end: date, step: str) -> list[date]:
    """The days from `start` to `end` every `step`, keeping `start`'s day of the month where the
    month has it (31 January, then 28 or 29 February, then 31 March); none when `end` comes
    first. A series takes at most MAX_STEPS of them, and over HTTP the request's budget bounds it."""
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
