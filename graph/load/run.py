"""What every load shares, online or bulk: its run id (stamped on everything it writes, so that
what it did not write can be removed), the seed set's version and folders, the clock of its
phases, and its end: the fact index rebuilt and the Dataset node saying what the graph now holds.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph import cypher
from graph.db.database import Database
from graph.seed.reading import ABOUT_FIELDS
from graph.seed.seedset import SeedSet
from graph.seed.validation import QuoteTally


@dataclass(frozen=True)
class LoadReport:
    version: str
    counts: dict[str, int]
    seconds: float
    phases: dict[str, float]  # seconds spent validating, writing nodes, relationships, cleaning up
    quotes: QuoteTally
    loaded_at: str | None = None  # set when nothing was loaded: the graph already held this version

    @property
    def skipped(self) -> bool:
        return self.loaded_at is not None


class Phases:
    """The seconds a load spends in each of its phases, in order, and in all."""

    def __init__(self) -> None:
        self.started = self.clock = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = round(now - self.clock, 3)
        self.clock = now

    @property
    def total(self) -> float:
        return round(time.perf_counter() - self.started, 3)


class LoadRun:
    """One load of a seed set."""

    def __init__(self, seed_set: SeedSet) -> None:
        self.seed_set = seed_set
        self.phases = Phases()
        self.version = seed_set.content_hash()
        self.folders = [str(Path(f).resolve()) for f in seed_set.folders]
        self.id = uuid.uuid4().hex

    def lap(self, phase: str) -> None:
        self.phases.lap(phase)

    def already_loaded(self, db: Database) -> LoadReport | None:
        """The report of the load that wrote this very version from these folders, if the graph
        holds it."""
        _, rows = db.read(cypher.statement("load/loaded_dataset"), cached=False)
        if not rows or rows[0]["version"] != self.version or list(rows[0]["folders"] or []) != self.folders:
            return None
        counts = json.loads(rows[0]["counts"])
        return LoadReport(self.version, counts, 0.0, {}, QuoteTally(), str(rows[0]["loaded_at"]))

    def finish(self, db: Database, written: Mapping[str, int]) -> LoadReport:
        """Rebuild the fact index, then record the Dataset node: the last steps of every load."""
        for statement in cypher.statements("load/index_facts"):
            db.write(statement)
        self.lap("fact index")
        counts = dict(sorted(written.items()))
        about = self.seed_set.about()
        db.write(
            cypher.statement("load/record_dataset"),
            {
                "run": self.id,
                "version": self.version,
                "folders": self.folders,
                "counts": json.dumps(counts),
                "seconds": self.phases.total,
                "about": {name: about.get(name) for name in ABOUT_FIELDS},
            },
        )
        db.write(
            cypher.statement("load/record_parts"),
            {"run": self.id, "version": self.version, "parts": self.seed_set.parts()},
        )
        return LoadReport(self.version, counts, self.phases.total, self.phases.seconds, self.seed_set.quotes)
