"""Apply the constraints and indexes kept in cypher/schema.cypher."""

from __future__ import annotations

from graph import cypher
from graph.db.database import Database


def apply_schema(db: Database) -> int:
    statements = cypher.statements("schema")
    for statement in statements:
        db.write(statement)
    return len(statements)
