"""Apply the constraints and indexes kept in cypher/schema.cypher."""

from __future__ import annotations

from pathlib import Path

from graph.db import Database
from graph.settings import CYPHER_DIR

SCHEMA_FILE = CYPHER_DIR / "schema.cypher"


def statements_in(path: Path) -> list[str]:
    """The statements of a .cypher file: `;`-separated, `//` comment lines dropped."""
    body = "\n".join(line for line in path.read_text().splitlines() if not line.strip().startswith("//"))
    return [statement.strip() for statement in body.split(";") if statement.strip()]


def apply_schema(db: Database) -> int:
    statements = statements_in(SCHEMA_FILE)
    for statement in statements:
        db.write(statement)
    return len(statements)
