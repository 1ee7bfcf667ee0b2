"""Write a validated SeedSet into Neo4j: idempotent, batched, parameterised.

Every node and relationship the load writes is stamped with the run's id; what an earlier run
wrote and this one did not is deleted afterwards, so a fact removed from the files leaves the
graph. Values only ever travel as parameters; the only text that varies is a label or a
relationship type, and those come from the model's allow-list.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rich.progress import Progress

from graph.db import Database, Row
from graph.model import Model
from graph.schema import apply_schema, statements_in
from graph.seed_files import ABOUT_FIELDS, QuoteTally, SeedSet
from graph.settings import CYPHER_DIR

LOAD_DIR = CYPHER_DIR / "load"
PROGRESS_THRESHOLD = 10_000  # rows; smaller loads finish before a bar would help
PROGRESS_STEP = 1_000  # rows between updates of the bar


@cache
def load_statement(name: str) -> str:
    return (LOAD_DIR / f"{name}.cypher").read_text()


def statement_for(name: str, placeholder: str, value: str, allowed: Iterable[str]) -> str:
    """A load statement with a label or type filled in, refusing anything off the allow-list."""
    if value not in set(allowed):
        raise ValueError(f"{value!r} is not in the model's allow-list")
    return load_statement(name).replace(placeholder, value)


def node_statement(label: str, model: Model) -> str:
    """The node upsert for one label; the labels removed are the model's own, never input."""
    others = ":".join(name for name in model.labels if name != label)
    return statement_for("merge_nodes", "__LABEL__", label, model.labels).replace("__OTHER_LABELS__", others)


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


def _loaded(db: Database, version: str, folders: list[str]) -> LoadReport | None:
    """The report of the load that wrote this very version from these folders, if the graph holds it."""
    _, rows = db.read(load_statement("loaded_dataset"), cached=False)
    if not rows or rows[0]["version"] != version or list(rows[0]["folders"] or []) != folders:
        return None
    return LoadReport(
        version, json.loads(rows[0]["counts"]), 0.0, {}, QuoteTally(), str(rows[0]["loaded_at"])
    )


def _stored_relationships(db: Database, kind: str, model: Model) -> int:
    statement = statement_for("count_relationships", "__TYPE__", kind, model.relationships)
    _, records = db.read(statement, cached=False)  # the count decides how to write: never stale
    return int(records[0]["count"])


def _counted(
    rows: Iterator[Row], counts: Counter[str], key: str, advance: Callable[[int], None] | None = None
) -> Iterator[Row]:
    """Count rows by `key` as they pass; tell `advance` every PROGRESS_STEP rows."""
    since_step = 0
    for row in rows:
        counts[row[key]] += 1
        since_step += 1
        if since_step == PROGRESS_STEP and advance is not None:
            advance(since_step)
            since_step = 0
        yield row
    if advance is not None:
        advance(since_step)


def seed(
    db: Database,
    seed_set: SeedSet,
    reset: bool = False,
    batch_size: int = 5_000,
    writers: int = 2,
    force: bool = False,
) -> LoadReport:
    """Validate everything, then write it; raises SeedDataError (writing nothing) on bad input.
    When the graph already holds this version of the files (and `reset` and `force` are off),
    nothing is done: the report says when that version was loaded.

    `writers` batches are written at once where that cannot conflict: nodes (each id is written
    once) and relationships of types the graph holds none of yet, which are only created. Merges
    into relationships already stored go one batch at a time.
    """
    clock = Phases()
    lap = clock.lap
    version = seed_set.content_hash()
    folders = [str(Path(f).resolve()) for f in seed_set.folders]
    if not (reset or force):
        already = _loaded(db, version, folders)
        if already is not None:
            return already
    expected = seed_set.validate()
    lap("validate")
    model: Model = seed_set.model
    if reset:
        for statement in statements_in(LOAD_DIR / "reset.cypher"):
            db.write(statement)
    apply_schema(db)
    run = uuid.uuid4().hex
    extra = {"run": run}
    written: Counter[str] = Counter()

    for label, statement, rows in (
        ("Source", "merge_sources", seed_set.source_rows()),
        ("Dispute", "merge_disputes", seed_set.dispute_rows()),
    ):
        written[label] = db.write_batches(load_statement(statement), rows, batch_size, extra)
    _, stored = db.read(load_statement("count_entities"), cached=False)
    if stored[0]["count"]:
        node_statements = {label: node_statement(label, model) for label in model.labels}
    else:  # nothing to merge with: created, as relationships of a new type are below
        node_statements = {
            label: statement_for("create_nodes", "__LABEL__", label, model.labels) for label in model.labels
        }
    db.write_batches(
        lambda row: node_statements[row["label"]],
        _counted(seed_set.node_rows(), written, "label"),
        batch_size,
        extra,
        writers,
    )
    lap("schema, sources and nodes")
    total = sum(expected[name] for name in model.relationships)
    # A type the graph holds none of yet is created rather than merged (see the statement's notes).
    present = {kind for kind in model.relationships if expected[kind]}
    first_of_type = {kind for kind in present if not _stored_relationships(db, kind, model)}

    relationship_statements = {
        kind: statement_for(
            "create_relationships" if kind in first_of_type else "merge_relationships",
            "__TYPE__",
            kind,
            model.relationships,
        )
        for kind in present
    }
    with Progress(disable=total < PROGRESS_THRESHOLD, transient=True) as progress:
        task = progress.add_task("relationships", total=total)
        db.write_batches(
            lambda row: relationship_statements[row["type"]],
            _counted(
                seed_set.relationship_rows(),
                written,
                "type",
                lambda rows: progress.advance(task, rows),
            ),
            batch_size,
            extra,
            writers if first_of_type == present else 1,
        )
    lap("relationships")
    db.write(load_statement("remove_stale_relationships"), extra)
    db.write(load_statement("remove_stale_nodes"), extra)
    lap("clean-up")
    index_facts(db)
    lap("fact index")
    counts = dict(sorted(written.items()))
    record_dataset(db, run, version, folders, counts, clock.total, seed_set.about())
    return LoadReport(version, counts, clock.total, clock.seconds, seed_set.quotes)


def index_facts(db: Database) -> None:
    """Rebuild the fact index (cypher/load/index_facts.cypher): the last step of every load."""
    for statement in statements_in(LOAD_DIR / "index_facts.cypher"):
        db.write(statement)


def record_dataset(
    db: Database,
    run: str,
    version: str,
    folders: list[str],
    counts: dict[str, int],
    seconds: float,
    about: dict[str, str],
) -> None:
    """Say which version of the seed files the graph now holds, loaded by which run, and what
    it is: title, publisher, licence and citation (the folder's dataset.yaml)."""
    db.write(
        load_statement("record_dataset"),
        {
            "run": run,
            "version": version,
            "folders": folders,
            "counts": json.dumps(counts),
            "seconds": seconds,
            "about": {name: about.get(name) for name in ABOUT_FIELDS},
        },
    )
