"""Entities, their timelines, paths between them, and sources: thin handlers over the catalog."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.deps import CatalogDep, DatabaseDep
from api.routes.queries import Format, FormatParam, run_query
from api.schemas import ANSWER, id_path, text_query
from graph.catalog.answers import public_properties
from graph.catalog.registry import Catalog
from graph.db.database import Database
from graph.errors import NotFound
from graph.model import load_model
from graph.sources.archive import SourceArchive
from graph.sources.status import SourceStatus
from graph.values import search_text

router = APIRouter(tags=["entities and sources"])

EntityId = Annotated[str, id_path("Entity id", "A node id such as 'mali'.", "mali")]
SourceId = Annotated[
    str, id_path("Source id", "A source id from GET /sources.", "euronews-2025-09-sahel-icc")
]


def _entity(db: Database, catalog: Catalog, entity_id: str) -> dict[str, Any]:
    result = catalog.run(db, "entity", {"id": entity_id})
    if not result.rows:
        raise NotFound(f"no entity with id '{entity_id}'")
    row = result.rows[0]
    return {**row, "properties": public_properties(row["properties"]), "source_grades": result.source_grades}


@router.get("/entities", summary="Search entities by name or alias, ignoring case and accents.")
def search_entities(
    db: DatabaseDep,
    catalog: CatalogDep,
    q: Annotated[str, text_query("Text to find in names and aliases.", "goita")],
    label: Annotated[
        str,
        Query(
            description="Only this label (State, Person, ...), or any.",
            examples=["State"],
            json_schema_extra={"enum": [*sorted(load_model().labels), "any"]},
        ),
    ] = "any",
    limit: Annotated[int, Query(ge=1, le=200, description="Most results to return.")] = 20,
) -> list[dict[str, Any]]:
    return catalog.run(db, "entity-search", {"q": search_text(q), "label": label, "limit": limit}).rows


@router.get("/entities/{entity_id}", summary="One entity: its properties and every relationship, in and out.")
def get_entity(entity_id: EntityId, db: DatabaseDep, catalog: CatalogDep) -> dict[str, Any]:
    return _entity(db, catalog, entity_id)


@router.get(
    "/entities/{entity_id}/timeline",
    summary="Everything dated about one entity, oldest first.",
    response_model=None,
    responses=ANSWER,
)
async def entity_timeline(
    entity_id: EntityId, db: DatabaseDep, catalog: CatalogDep, format: FormatParam = Format.json
) -> Any:
    return await run_query(db, catalog, "timeline", {"entity": entity_id}, format)


@router.get(
    "/paths",
    summary="Shortest connections between two entities, every hop with its relation, dates and sources.",
    response_model=None,
    responses=ANSWER,
)
async def paths(
    request: Request,
    db: DatabaseDep,
    catalog: CatalogDep,
    from_id: Annotated[str, text_query("Id of the first entity.", "mali")],
    to_id: Annotated[str, text_query("Id of the second entity.", "vladimir-putin")],
    max_hops: Annotated[int, Query(ge=1, le=6, description="Longest path to consider (1 to 6).")] = 4,
    format: FormatParam = Format.json,
) -> Any:
    params = {"from_id": from_id, "to_id": to_id, "max_hops": max_hops}
    return await run_query(db, catalog, "connections", params, format, heavy=request)


@router.get("/sources", summary="Every source the graph cites, with how many facts cite it.")
def list_sources(db: DatabaseDep, catalog: CatalogDep) -> list[dict[str, Any]]:
    return catalog.run(db, "sources").rows


@router.get(
    "/sources/{source_id}",
    summary="One source, every fact citing it, and whether its quotes stand in its archived text.",
)
def get_source(source_id: SourceId, request: Request, db: DatabaseDep, catalog: CatalogDep) -> dict[str, Any]:
    rows = catalog.run(db, "source", {"id": source_id}).rows
    if not rows:
        raise NotFound(f"no source with id '{source_id}'")
    quotes = [fact["quote"] for fact in rows[0]["facts"] if fact.get("quote")]
    archive = SourceArchive.from_settings(request.app.state.settings)
    text = SourceStatus.of(rows[0]["source"], archive, quotes).as_dict()
    return {**rows[0], "source": public_properties(rows[0]["source"]), "text": text}
