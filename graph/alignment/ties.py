"""The ties around the entities an alignment is asked about, read once: for each pair of
neighbours, day by day, how many ties hold, their summed value and the largest (a bundle), so that
the score is summed over chains of bundles instead of over every path."""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

EPOCH = date(1970, 1, 1)
OPEN = 10**9  # the end of a tie that has none, in days from EPOCH


def native(value: Any) -> date | None:
    return value.to_native() if value is not None else None


@dataclass(frozen=True)
class Bundles:
    """The ties between two entities, day by day (arrays over `Ties.days`): how many hold, their
    summed value, and the largest absolute value among them."""

    count: np.ndarray
    total: np.ndarray
    peak: np.ndarray


Pair = tuple[str, str]


class Ties:
    """Bundles of ties around some entities, per pair of entities, kept in both directions;
    `states` are the neighbours that are States."""

    def __init__(self, days: Sequence[date]) -> None:
        self.days = list(days)
        self.bundles: dict[Pair, Bundles] = {}
        self.adjacent: dict[str, set[str]] = defaultdict(set)
        self.states: set[str] = set()
        # for the pairs read with their ties' element ids: per day, each tie's (value, element id)
        self.members: dict[Pair, dict[int, list[tuple[float, str]]]] = {}

    def _slot(self, a: str, b: str) -> Bundles:
        found = self.bundles.get((a, b))
        if found is None:
            size = len(self.days)
            found = Bundles(np.zeros(size, dtype=np.int64), np.zeros(size), np.zeros(size))
            self.bundles[(a, b)] = self.bundles[(b, a)] = found
            self.adjacent[a].add(b)
            self.adjacent[b].add(a)
        return found

    def add(self, rows: Sequence[Mapping[str, Any]], ids: set[str] | None = None) -> None:
        """Bundles summed by the database (cypher/alignment/ties.cypher), a row per pair and day; with
        `ids` (the entities read), each tie's value and element id too."""
        for row in rows:
            a, b, day = row["from"], row["to"], row["day"]
            slot = self._slot(a, b)
            slot.count[day], slot.total[day], slot.peak[day] = row["ties"], row["total"], row["peak"]
            if row["state"]:
                self.states.add(b)
            if ids is not None:
                members = self.members.setdefault((a, b), {})
                self.members[(b, a)] = members
                members[day] = [(value, tie) for value, tie in row["members"]]

    def add_dated(self, rows: Sequence[Mapping[str, Any]], half_life_years: float) -> None:
        """Bundles for every day at once, from each pair's ties as [start, end, value before
        fading, one-off] (cypher/alignment/tie_dates.cypher): the rule of ties.cypher, summed
        here over a (ties x days) array."""
        pairs = [(row["from"], row["to"], row["state"], row["ties"]) for row in rows]
        ties = [tie for *_, listed in pairs for tie in listed]
        if not ties:
            return
        days = np.array([(d - EPOCH).days for d in self.days], dtype=np.float64)
        pair = np.repeat(np.arange(len(pairs)), [len(listed) for *_, listed in pairs])
        start, end, base, one_off = zip(*ties, strict=True)
        start_day = np.array(start, dtype=np.float64)[:, None]
        end_day = np.array([OPEN if e is None else e for e in end], dtype=np.float64)[:, None]
        holds = (start_day <= days) & (days < end_day)
        fade = np.where(
            np.array(one_off, dtype=bool)[:, None],
            np.power(0.5, (days - start_day) / 365.25 / half_life_years),
            1.0,
        )
        values = np.where(holds, np.array(base, dtype=np.float64)[:, None] * fade, 0.0)
        shape = (len(pairs), len(self.days))
        totals, peaks, counts = np.zeros(shape), np.zeros(shape), np.zeros(shape, dtype=np.int64)
        np.add.at(totals, pair, values)
        np.maximum.at(peaks, pair, np.abs(values))
        np.add.at(counts, pair, holds)
        for n in np.flatnonzero(counts.any(axis=1)).tolist():
            a, b, state, _ = pairs[n]
            slot = self._slot(a, b)
            slot.count[:], slot.total[:], slot.peak[:] = counts[n], totals[n], peaks[n]
            if state:
                self.states.add(b)

    def neighbours(self, ids: set[str] | list[str]) -> set[str]:
        return set().union(*(self.adjacent.get(i, set()) for i in ids))

    def node_paths(self, subject: str, targets: list[str], hops: int) -> Iterator[tuple[str, ...]]:
        """Every chain of distinct entities from `subject` to a target, of at most `hops` links,
        whose links have ties on at least one of the days."""
        near = self.adjacent.get(subject, set())
        for target in targets:
            if target == subject:
                continue
            if target in near:
                yield (subject, target)
            if hops < 2:
                continue
            for x in near:
                if x == target:
                    continue
                if target in self.adjacent[x]:
                    yield (subject, x, target)
                if hops < 3:
                    continue
                for y in self.adjacent[x]:
                    if y not in (subject, x, target) and target in self.adjacent[y]:
                        yield (subject, x, y, target)

    def chain(self, path: tuple[str, ...], day: int) -> list[tuple[int, float, float]] | None:
        """(count, total, peak) of each link of a chain on a day, or None when a link has no tie
        holding then."""
        links = []
        for pair in itertools.pairwise(path):
            bundles = self.bundles[pair]
            if not bundles.count[day]:
                return None
            links.append((int(bundles.count[day]), float(bundles.total[day]), float(bundles.peak[day])))
        return links


def largest_products(lists: list[list[tuple[float, str]]]) -> Iterator[list[tuple[float, str]]]:
    """Every choice of one (value, tie) per list, in decreasing order of the absolute product of
    their values (each list sorted that way already)."""

    def size(index: tuple[int, ...]) -> float:
        return math.prod(abs(lists[n][i][0]) for n, i in enumerate(index))

    first = (0,) * len(lists)
    heap = [(-size(first), first)]
    seen = {first}
    while heap:
        _, index = heapq.heappop(heap)
        yield [lists[n][i] for n, i in enumerate(index)]
        for n in range(len(index)):
            if index[n] + 1 < len(lists[n]):
                following = index[:n] + (index[n] + 1,) + index[n + 1 :]
                if following not in seen:
                    seen.add(following)
                    heapq.heappush(heap, (-size(following), following))


def combinations(
    lists: list[list[tuple[float, str]]], ties: Ties, pairs: list[Pair], new_since: int | None
) -> Iterator[list[tuple[float, str]]]:
    """The choices of one tie per link, largest absolute product first; with `new_since`, only
    those with at least one tie that did not hold on that day: the choices whose first such tie
    is at link j, for every j, each a product of lists of its own, merged."""
    if new_since is None:
        yield from largest_products(lists)
        return
    held = [{tie for _, tie in ties.members[pair].get(new_since, [])} for pair in pairs]
    old = [[m for m in listed if m[1] in was] for listed, was in zip(lists, held, strict=True)]
    new = [[m for m in listed if m[1] not in was] for listed, was in zip(lists, held, strict=True)]
    parts = [old[:j] + [new[j]] + lists[j + 1 :] for j in range(len(lists))]
    yield from heapq.merge(
        *(largest_products(part) for part in parts if all(part)),
        key=lambda combo: -abs(math.prod(v for v, _ in combo)),
    )
