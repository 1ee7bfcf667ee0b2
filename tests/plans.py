"""Read-only checks on query plans, shared by the catalog and alignment tests."""

from __future__ import annotations

import re
from typing import Any

from graph.db.database import Database

WRITE_OPERATORS = re.compile(r"Create|Merge|Delete|Set|Remove|Foreach|LoadCSV|Procedure", re.IGNORECASE)


def operators(db: Database, cypher: str, params: dict[str, Any]) -> list[str]:
    """Every operator of the query's plan, from EXPLAIN (which runs nothing)."""
    with db.driver.session(database=db.settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + cypher, params).consume().plan
    found: list[str] = []

    def walk(step: dict[str, Any]) -> None:
        found.append(step["operatorType"])
        for child in step.get("children", []):
            walk(child)

    walk(plan)
    return found


def write_operators(db: Database, cypher: str, params: dict[str, Any]) -> list[str]:
    """The operators of the query's plan that could write."""
    return [name for name in operators(db, cypher, params) if WRITE_OPERATORS.search(name)]
