"""Read-only checks on query plans, shared by the catalog and alignment tests."""

from __future__ import annotations

import re
from typing import Any

from graph.db import Database

WRITE_OPERATORS = re.compile(r"Create|Merge|Delete|Set|Remove|Foreach|LoadCSV|Procedure", re.IGNORECASE)


def write_operators(db: Database, cypher: str, params: dict[str, Any]) -> list[str]:
    """The operators of the query's plan (from EXPLAIN, which runs nothing) that could write."""
    with db.driver.session(database=db.settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + cypher, params).consume().plan
    found: list[str] = []

    def walk(step: dict[str, Any]) -> None:
        if WRITE_OPERATORS.search(step["operatorType"]):
            found.append(step["operatorType"])
        for child in step.get("children", []):
            walk(child)

    walk(plan)
    return found
