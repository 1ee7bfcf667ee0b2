"""The loader on the real test Neo4j, with the small fixture folders.

These tests replace the graph with fixture data; the module's teardown loads the project's seed
data again so that the tests of the curated graph find it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j.exceptions import ClientError

from graph import cypher
from graph.db.database import Database
from graph.errors import SeedDataError
from graph.load.online import seed
from graph.model import TIME_FIELDS
from graph.seed.seedset import SeedSet
from graph.settings import Settings
from graph.sources.archive import SourceArchive
from graph.values import parse_date

FIXTURES = Path(__file__).resolve().parent / "fixtures"

Snapshot = tuple[frozenset[tuple[Any, ...]], frozenset[tuple[Any, ...]]]


def snapshot(db: Database) -> Snapshot:
    """Every node and relationship with its labels/type and properties, but not the run stamp."""
    _, nodes = db.read(
        "MATCH (n) WHERE NOT n:Dataset AND NOT n:FactIndex RETURN labels(n) AS labels, properties(n) AS props"
    )
    _, rels = db.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props"
    )

    def frozen(props: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(
            sorted(
                (k, tuple(v) if isinstance(v, list) else str(v)) for k, v in props.items() if k != "load_run"
            )
        )

    return (
        frozenset((tuple(sorted(r["labels"])), frozen(r["props"])) for r in nodes),
        frozenset((r["a"], r["type"], r["b"], frozen(r["props"])) for r in rels),
    )


@pytest.fixture(scope="module")
def loader_db(db: Database, settings: Settings) -> Iterator[Database]:
    yield db
    seed(db, SeedSet.from_settings(settings), reset=True)


@pytest.fixture
def small(tmp_path: Path, loader_db: Database, settings: Settings) -> Iterator[tuple[Database, Path]]:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", folder)
    seed(loader_db, SeedSet([folder], archive=SourceArchive.from_settings(settings)), reset=True)
    yield loader_db, folder


def test_counts_and_properties(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    _, rows = db.read(
        "MATCH (s:State) RETURN s.id AS id, s.iso2 AS iso2, s.iso3 AS iso3, 'Entity' IN labels(s) AS entity"
    )
    assert {(r["id"], r["iso2"], r["iso3"], r["entity"]) for r in rows} == {
        ("mali", "ML", "MLI", True),
        ("burkina-faso", "BF", "BFA", True),
        ("russia", "RU", "RUS", True),
    }
    _, rows = db.read(
        "MATCH (:State {id: 'mali'})-[r:PARTNERS_WITH]->(:ArmedGroup {id: 'wagner-group'}) "
        "RETURN r.since AS since, r.since_precision AS precision, r.source_ids AS sources, "
        "r.claim_status AS status"
    )
    assert [(r["since"].to_native(), r["precision"], r["sources"], r["status"]) for r in rows] == [
        (date(2021, 12, 1), "month", ["article"], "confirmed")
    ]
    _, rows = db.read("MATCH (d:Dataset {id: 'seed'}) RETURN d.version AS version, d.counts AS counts")
    assert rows[0]["version"] == SeedSet([folder]).content_hash()
    assert '"DELIVERED_AID_TO": 2' in rows[0]["counts"]


def test_seeding_twice_leaves_an_identical_graph(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    before = snapshot(db)
    report = seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)), force=True)
    assert not report.skipped
    assert snapshot(db) == before
    assert len(before[1]) == 5


def test_unchanged_files_are_not_loaded_again(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    _, before = db.read("MATCH (d:Dataset) RETURN d.load_run AS run, d.loaded_at AS at")
    report = seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)))
    assert report.skipped and report.counts["DELIVERED_AID_TO"] == 2
    _, after = db.read("MATCH (d:Dataset) RETURN d.load_run AS run, d.loaded_at AS at")
    assert after == before, "nothing was written"
    (folder / "nodes" / "nodes.yaml").write_text(
        (folder / "nodes" / "nodes.yaml").read_text() + "\n# edited\n"
    )
    assert not seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings))).skipped


def test_a_deleted_fact_leaves_the_graph(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    aid = folder / "relationships" / "aid.csv"
    aid.write_text(aid.read_text().splitlines()[0] + "\n")  # drop the delivery to Mali ...
    relationships = folder / "relationships" / "relationships.yaml"
    document = yaml.safe_load(relationships.read_text())
    for record in document["relationships"]:  # ... the grain's other quantity ...
        if record.pop("alternatives", None):
            del record["dispute"]
    relationships.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    (folder / "disputes" / "disputes.yaml").unlink()  # ... and so the dispute it belonged to
    seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)))
    _, rows = db.read(
        "MATCH ()-[r:DELIVERED_AID_TO]->(b) RETURN b.id AS to, r.quantity AS q, r.alt_value AS alt"
    )
    assert [(r["to"], r["q"], r["alt"]) for r in rows] == [("burkina-faso", 25000, None)]
    _, rows = db.read("MATCH (d:Dispute) RETURN count(d) AS n")
    assert rows[0]["n"] == 0


def test_hand_made_nodes_survive_a_seed(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    db.write("CREATE (:Note {text: $text})", {"text": "kept"})
    seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)), force=True)
    _, rows = db.read("MATCH (n:Note) RETURN n.text AS text")
    assert [r["text"] for r in rows] == ["kept"]


def test_an_extra_folder_adds_facts_beside_ours(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    seed(db, SeedSet([folder, FIXTURES / "extra"], archive=SourceArchive.from_settings(settings)))
    _, rows = db.read(
        "MATCH (g {id: 'wagner-group'})-[r:DEPLOYED_TO]->(p:Place) RETURN p.id AS place, r.source_ids AS s"
    )
    assert [(r["place"], r["s"]) for r in rows] == [("example-mine", ["my-notes"])]
    _, rows = db.read("MATCH (n:Entity) RETURN count(n) AS n")
    assert rows[0]["n"] == 6


def test_bad_input_writes_nothing(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    before = snapshot(db)
    nodes = folder / "nodes" / "nodes.yaml"
    nodes.write_text(
        nodes.read_text().replace("name: Wagner Group", "name: Wagner Group\n    date: 2025-13-01")
    )
    (folder / "nodes" / "more.yaml").write_text(
        "nodes:\n  - {id: new-node, label: Place, name: X, kind: city}\n"
    )
    with pytest.raises(SeedDataError, match=r"nodes.yaml: record 5 \(wagner-group\): field 'date'"):
        seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)))
    assert snapshot(db) == before


def test_a_changed_label_replaces_the_old_one(small: tuple[Database, Path], settings: Settings) -> None:
    db, folder = small
    nodes = folder / "nodes" / "nodes.yaml"
    nodes.write_text(
        nodes.read_text().replace(
            "label: ArmedGroup\n    name: Wagner Group", "label: Organization\n    name: Wagner Group"
        )
    )
    (folder / "relationships" / "relationships.yaml").write_text(
        (folder / "relationships" / "relationships.yaml").read_text().split("  - type: PARTNERS_WITH")[0]
    )
    seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)))
    _, rows = db.read("MATCH (n {id: 'wagner-group'}) RETURN labels(n) AS labels")
    assert sorted(rows[0]["labels"]) == ["Entity", "Organization"]


def test_a_type_gone_from_the_graph_is_created_again_beside_merged_ones(
    small: tuple[Database, Path], settings: Settings
) -> None:
    # The second seed merges the types still stored and creates the one that is gone (one writer,
    # since some types are merged); the graph must come out as the first seed left it.
    db, folder = small
    before = snapshot(db)
    db.write("MATCH ()-[r:DELIVERED_AID_TO]->() DELETE r")
    seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)), force=True)
    assert snapshot(db) == before


def test_concurrent_writers_write_every_row(loader_db: Database) -> None:
    rows = [{"n": n} for n in range(1_000)]
    sent = loader_db.write_batches(
        "UNWIND $rows AS row CREATE (:WriterProbe {n: row.n})", rows, batch_size=70, writers=3
    )
    _, found = loader_db.read("MATCH (p:WriterProbe) RETURN collect(p.n) AS ns")
    loader_db.write("MATCH (p:WriterProbe) DELETE p")
    assert sent == 1_000
    assert sorted(found[0]["ns"]) == list(range(1_000))


def test_concurrent_writers_stop_at_the_first_failure(loader_db: Database) -> None:
    # Batch 3 of 100 divides by zero: the error reaches the caller and the batches still to come
    # are not sent (a few started beside it may finish, so the bound is loose).
    rows = [{"n": n} for n in range(2_000)]
    with pytest.raises(ClientError, match="/ by zero"):
        loader_db.write_batches(
            "UNWIND $rows AS row CREATE (:WriterProbe {n: row.n, x: 1 / (row.n - 45)})",
            rows,
            batch_size=20,
            writers=2,
        )
    _, found = loader_db.read("MATCH (p:WriterProbe) RETURN max(p.n) AS last")
    loader_db.write("MATCH (p:WriterProbe) DELETE p")
    assert found[0]["last"] is None or found[0]["last"] < 1_000


def test_every_time_field_is_stored_as_a_date_with_its_precision(
    small: tuple[Database, Path], settings: Settings
) -> None:
    # One relationship with every time field of the model, each at a different precision; it is
    # created by the first seed and merged by the second, and both must store the same dates.
    db, folder = small
    texts = ["2019-03-04", "2021-06", "2022", "2022-02-02", "2023-05", "2024"]
    given = dict(zip(TIME_FIELDS, texts, strict=True))
    fields = "\n".join(f"    {name}: '{text}'" for name, text in given.items())
    (folder / "relationships" / "stages.yaml").write_text(
        f"relationships:\n  - type: WITHDRAWS_FROM\n    from: burkina-faso\n    to: ecowas\n"
        f"{fields}\n    credibility: 2\n    checked_on: 2026-11-30\n    source_ids: [wire]\n"
    )
    seed_set = SeedSet([folder], archive=SourceArchive.from_settings(settings))
    for _ in range(2):
        seed(db, seed_set)
        _, rows = db.read("MATCH ({id: 'burkina-faso'})-[r:WITHDRAWS_FROM]->() RETURN properties(r) AS p")
        assert len(rows) == 1
        stored = rows[0]["p"]
        for name, text in given.items():
            day, precision = parse_date(text)
            assert (stored[name].to_native(), stored[f"{name}_precision"]) == (day, precision), name


@pytest.mark.parametrize("name", ["create_relationships", "merge_relationships"])
def test_the_relationship_statements_store_every_time_field(name: str) -> None:
    # The rows carry the time fields apart, as text; a field the statement forgot would be lost.
    statement = cypher.statement(f"load/{name}")
    missing = [field for field in TIME_FIELDS if f"date(row.dates.{field})" not in statement]
    assert not missing
