"""How current the graph is: the newest source it holds and how many facts the stale list asks
to check again on a day, grouped by where a new check would look (the stale-facts query)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from graph import cypher
from graph.catalog.registry import Catalog
from graph.db.database import Database

TIMEOUT = 30.0  # seconds; the stale list reads every open fact once


def currency(db: Database, catalog: Catalog, as_of: date | None = None) -> dict[str, Any]:
    """The newest source (id, title, published to its precision), the number of sources, and
    the stale list's size on `as_of` (today by default) at the query's default ages."""
    day = as_of or date.today()
    _, rows = db.read(cypher.statement("catalog/newest_source"), timeout=TIMEOUT)
    newest = dict(rows[0]) if rows else {"sources": 0, "id": None, "title": None, "published": None}
    stale = catalog.run(db, "stale-facts", {"as_of": day.isoformat()}, timeout=TIMEOUT).rows
    groups = Counter(str(row["settled_by"]) for row in stale)
    return {
        "as_of": day.isoformat(),
        "sources": newest.pop("sources"),
        "newest_source": newest if newest["id"] else None,
        "stale_facts": len(stale),
        "stale_by_where_to_look": dict(groups.most_common()),
        "stale_list": f"/queries/stale-facts/run?as_of={day.isoformat()}",
    }
