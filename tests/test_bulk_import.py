"""`geoalign seed --reset` through the bulk importer gives the graph the online loader gives:
every node and relationship with the same labels, type, properties and property types, the same
fact index and the same Dataset record. The import runs on an instance of its own, so the
suite's test instance keeps serving the other tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from graph.db.database import Database
from graph.load.csv_files import ImportFormatError, write_import_files
from graph.local_neo4j.server import LocalServer
from graph.seed.seedset import SeedSet
from graph.settings import Settings

IMPORT_ENV = {
    "GEOALIGN_INSTANCE": "test-import",
    "GEOALIGN_BOLT_PORT": "17689",
    "GEOALIGN_HTTP_PORT": "17476",
}


def _typed(value: Any) -> Any:
    if isinstance(value, list):
        return ("list", tuple(_typed(item) for item in value))
    return (type(value).__name__, str(value))


def graph_contents(db: Database) -> dict[str, Any]:
    """Everything a load writes, as multisets, with the run stamps and timings left out and the
    fact index's element ids turned into the facts they point at."""
    _, nodes = db.read("MATCH (n) WHERE NOT n:Dataset RETURN labels(n) AS labels, properties(n) AS props")
    _, rels = db.read(
        "MATCH (a)-[r]->(b) RETURN elementId(r) AS element, a.id AS a, type(r) AS type, b.id AS b,"
        " properties(r) AS props"
    )
    facts = {r["element"]: (r["a"], r["type"], r["b"], r["props"].get("key")) for r in rels}

    def frozen(labels: list[str], props: dict[str, Any]) -> tuple[Any, ...]:
        if "FactIndex" in labels:  # the same facts, in whichever order the graph was read
            props = {**props, "entities": sorted(props.get("entities", []))}
            props["relationships"] = sorted(map(str, (facts[e] for e in props.get("relationships", []))))
        return tuple(sorted((k, _typed(v)) for k, v in props.items() if k != "load_run"))

    _, dataset = db.read(
        "MATCH (d:Dataset) RETURN d.version AS version, d.counts AS counts, d.folders AS folders"
    )
    return {
        "nodes": Counter((tuple(sorted(r["labels"])), frozen(r["labels"], r["props"])) for r in nodes),
        "relationships": Counter((r["a"], r["type"], r["b"], frozen([], r["props"])) for r in rels),
        "dataset": dataset,
    }


@pytest.fixture(scope="module")
def imported(settings: Settings) -> Iterator[tuple[Database, str]]:
    """`geoalign seed --reset`, run as a person runs it, on an instance of its own."""
    own = Settings(
        neo4j_uri=None,
        neo4j_password=None,
        geoalign_instance=IMPORT_ENV["GEOALIGN_INSTANCE"],
        geoalign_bolt_port=int(IMPORT_ENV["GEOALIGN_BOLT_PORT"]),
        geoalign_http_port=int(IMPORT_ENV["GEOALIGN_HTTP_PORT"]),
    )
    server = LocalServer(own)
    server.start()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cli.main", "seed", "--reset"],
            env={**os.environ, **IMPORT_ENV, "COLUMNS": "80"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        with Database(own) as db:
            yield db, done.stdout
    finally:
        server.stop()
        shutil.rmtree(own.instance_dir, ignore_errors=True)


def test_the_imported_graph_is_the_loaded_graph(imported: tuple[Database, str], seeded: Database) -> None:
    db, output = imported
    mine, theirs = graph_contents(db), graph_contents(seeded)
    assert sum(mine["relationships"].values()) > 150 and sum(mine["nodes"].values()) > 500
    assert mine["nodes"] == theirs["nodes"]
    assert mine["relationships"] == theirs["relationships"]
    assert mine["dataset"] == theirs["dataset"]
    assert "bulk importer" in output
    assert all(
        f"{phase} " in output
        for phase in ("validate and write CSV", "stop", "import", "start", "schema", "fact index")
    )


def test_the_imported_graph_has_the_schema(imported: tuple[Database, str], seeded: Database) -> None:
    def schema(database: Database) -> set[tuple[str, ...]]:
        _, rows = database.read("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state")
        assert all(row["state"] == "ONLINE" for row in rows)
        return {(row["name"], row["type"]) for row in rows}

    assert schema(imported[0]) == schema(seeded)


def test_a_value_the_importer_cannot_carry_is_refused(tmp_path: Any) -> None:
    class Odd(SeedSet):
        def source_rows(self):  # type: ignore[no-untyped-def]
            yield {"id": "odd", "props": {"id": "odd", "title": ["a\x1fb"]}}

    with pytest.raises(ImportFormatError, match="list separator"):
        write_import_files(Odd(), tmp_path, "run")
