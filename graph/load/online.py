"""Write a validated SeedSet into Neo4j through the running server: idempotent, batched,
parameterised.

Every node and relationship the load writes is stamped with the run's id; what an earlier run
wrote and this one did not is deleted afterwards, so a fact removed from the files leaves the
graph. Values only ever travel as parameters; the only text that varies is a label or a
relationship type, and those come from the model's allow-list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from rich.progress import Progress

from graph import cypher
from graph.db.database import Database, Row
from graph.load.run import LoadReport, LoadRun
from graph.load.schema import apply_schema
from graph.model import Model
from graph.seed.seedset import SeedSet

PROGRESS_THRESHOLD = 10_000  # rows; smaller loads finish before a bar would help
PROGRESS_STEP = 1_000  # rows between updates of the bar


def node_statement(label: str, model: Model) -> str:
    """The node upsert for one label; the labels removed are the model's own, never input."""
    others = ":".join(name for name in model.labels if name != label)
    return cypher.filled("load/merge_nodes", "__LABEL__", label, model.labels).replace(
        "__OTHER_LABELS__", others
    )


def _stored_relationships(db: Database, kind: str, model: Model) -> int:
    statement = cypher.filled("load/count_relationships", "__TYPE__", kind, model.relationships)
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
    run = LoadRun(seed_set)
    if not (reset or force):
        already = run.already_loaded(db)
        if already is not None:
            return already
    expected = seed_set.validate()
    run.lap("validate")
    if reset:
        for statement in cypher.statements("load/reset"):
            db.write(statement)
    apply_schema(db)
    written: Counter[str] = Counter()
    _write_sources_and_nodes(db, run, written, batch_size, writers)
    run.lap("schema, sources and nodes")
    _write_relationships(db, run, expected, written, batch_size, writers)
    run.lap("relationships")
    extra = {"run": run.id}
    db.write(cypher.statement("load/remove_stale_relationships"), extra)
    db.write(cypher.statement("load/remove_stale_nodes"), extra)
    run.lap("clean-up")
    return run.finish(db, written)


def _write_sources_and_nodes(
    db: Database, run: LoadRun, written: Counter[str], batch_size: int, writers: int
) -> None:
    seed_set, model, extra = run.seed_set, run.seed_set.model, {"run": run.id}
    for label, statement, rows in (
        ("Source", "load/merge_sources", seed_set.source_rows()),
        ("Dispute", "load/merge_disputes", seed_set.dispute_rows()),
    ):
        written[label] = db.write_batches(cypher.statement(statement), rows, batch_size, extra)
    _, stored = db.read(cypher.statement("load/count_entities"), cached=False)
    if stored[0]["count"]:
        node_statements = {label: node_statement(label, model) for label in model.labels}
    else:  # nothing to merge with: created, as relationships of a new type are below
        node_statements = {
            label: cypher.filled("load/create_nodes", "__LABEL__", label, model.labels)
            for label in model.labels
        }
    db.write_batches(
        lambda row: node_statements[row["label"]],
        _counted(seed_set.node_rows(), written, "label"),
        batch_size,
        extra,
        writers,
    )


def _write_relationships(
    db: Database, run: LoadRun, expected: Counter[str], written: Counter[str], batch_size: int, writers: int
) -> None:
    seed_set, model = run.seed_set, run.seed_set.model
    total = sum(expected[name] for name in model.relationships)
    # A type the graph holds none of yet is created rather than merged (see the statement's notes).
    present = {kind for kind in model.relationships if expected[kind]}
    first_of_type = {kind for kind in present if not _stored_relationships(db, kind, model)}
    statements = {
        kind: cypher.filled(
            "load/create_relationships" if kind in first_of_type else "load/merge_relationships",
            "__TYPE__",
            kind,
            model.relationships,
        )
        for kind in present
    }
    with Progress(disable=total < PROGRESS_THRESHOLD, transient=True) as progress:
        task = progress.add_task("relationships", total=total)
        db.write_batches(
            lambda row: statements[row["type"]],
            _counted(
                seed_set.relationship_rows(),
                written,
                "type",
                lambda rows: progress.advance(task, rows),
            ),
            batch_size,
            {"run": run.id},
            writers if first_of_type == present else 1,
        )
