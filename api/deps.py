"""Dependencies shared by the routers, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.catalog.registry import Catalog
from graph.db.database import Database

# Both are `async def` although they do not wait on anything: FastAPI would run a plain `def`
# dependency in its thread pool, a thread hop per dependency per request.


async def _database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def _catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


DatabaseDep = Annotated[Database, Depends(_database)]
CatalogDep = Annotated[Catalog, Depends(_catalog)]
