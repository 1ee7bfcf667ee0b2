"""Every Cypher file the project ships, planned by the real Neo4j (EXPLAIN runs nothing): it
parses, and a file that does not say `// access: write` cannot write (graph/cypher.py)."""

from __future__ import annotations

import re

import pytest

from graph import cypher
from graph.db.database import Database
from graph.model import load_model
from tests.plans import write_operators

PROCEDURE = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)\s*\(")
SCHEMA_COMMAND = re.compile(r"^(CREATE|DROP) (CONSTRAINT|INDEX|TEXT INDEX|RANGE INDEX)\b", re.IGNORECASE)


def _runnable(text: str) -> str:
    """A statement with its allow-listed placeholders filled by names of the model."""
    model = load_model()
    label = sorted(model.labels)[0]
    others = ":".join(name for name in model.labels if name != label)
    kind = sorted(model.relationships)[0]
    return text.replace("__OTHER_LABELS__", others).replace("__LABEL__", label).replace("__TYPE__", kind)


def _only_read_procedures(db: Database, text: str) -> bool:
    """Whether every procedure the statement calls is one Neo4j lists in mode READ."""
    names = set(PROCEDURE.findall(text))
    _, rows = db.read(
        "SHOW PROCEDURES YIELD name, mode WHERE name IN $names RETURN name, mode", {"names": sorted(names)}
    )
    modes = {row["name"]: row["mode"] for row in rows}
    return bool(names) and all(modes.get(name) == "READ" for name in names)


def test_every_file_is_found_and_only_load_statements_and_the_schema_write() -> None:
    names = cypher.shipped()
    assert len(names) >= 50 and "queries/withdrawals" in names and "export/relationships" in names
    writers = {name for name in names if cypher.may_write(name)}
    assert writers and all(name == "schema" or name.startswith("load/") for name in writers)


@pytest.mark.parametrize("name", cypher.shipped())
def test_every_file_plans_and_a_read_only_one_cannot_write(seeded: Database, name: str) -> None:
    statements = cypher.statements(name) if name in ("schema", "load/index_facts", "load/reset") else None
    texts = statements or [cypher.statement(name)]
    writes = []
    for text in texts:
        if SCHEMA_COMMAND.match(text):
            writes.append("schema command")
            continue
        found = write_operators(seeded, _runnable(text), {})
        if "ProcedureCall@neo4j" in found and _only_read_procedures(seeded, text):
            found.remove("ProcedureCall@neo4j")  # a plan cannot say a procedure's mode; Neo4j can
        writes += found
    if cypher.may_write(name):
        assert writes, f"{name} says it writes but plans no write"
    else:
        assert writes == [], f"{name} could write: {writes}"
