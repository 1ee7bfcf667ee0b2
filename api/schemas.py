"""What the API's answers look like, for its OpenAPI document: the error shape every failure has,
the two shapes of a canned query's answer (rows, or a graph) and its CSV form, and the
per-query parameters of the run operations, generated from the catalog's headers."""

from __future__ import annotations

from typing import Any

from fastapi import Path, Query
from pydantic import BaseModel, Field

from graph.catalog.parameters import Parameter
from graph.catalog.queries import Query as CannedQuery
from graph.model import load_model
from graph.settings import Settings

# The default of GEOALIGN_MAX_PARAM_CHARS: what the schema promises for text parameters.
MAX_CHARS: int = Settings.model_fields["geoalign_max_param_chars"].default


def id_path(title: str, description: str, example: str) -> Any:
    """A path parameter naming an entity or a source: not empty, and no longer than the API accepts."""
    return Path(title=title, description=description, examples=[example], min_length=1, max_length=MAX_CHARS)


def text_query(description: str, example: str) -> Any:
    """A required text query parameter: not empty, and no longer than the API accepts."""
    return Query(min_length=1, max_length=MAX_CHARS, description=description, examples=[example])


class ErrorBody(BaseModel):
    error: str = Field(description="The kind of error, e.g. NotFound, BadParameter, RequestTimeout.")
    detail: str = Field(description="What is wrong, and where, in words meant for a person.")
    parameter: str | None = Field(default=None, description="The parameter at fault, where there is one.")


class RunResponse(BaseModel):
    query: str
    params: dict[str, Any]
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    source_grades: dict[str, dict[str, Any]] = Field(
        description="Every source the rows cite, by id: its Admiralty reliability (A-F), publisher and kind."
    )
    coverage: list[dict[str, Any]] = Field(
        default_factory=list,
        description="For a query whose answer depends on an organisation's whole membership (members, "
        "withdrawals, who left for whom), one block per organisation: `organisation`, `complete` (whether "
        "the graph holds every member), `as_of` and `sources` of that declaration. Empty for other queries.",
    )


class GraphResponse(BaseModel):
    nodes: list[dict[str, Any]] = Field(description="Each with its id, and its name and labels where known.")
    relationships: list[dict[str, Any]] = Field(description="source, target, type, and the row it came from.")


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (404, "No such query, entity, source or path."),
        (405, "The path does not take this method; Allow lists those it takes."),
        (408, "The request body did not arrive in time (GEOALIGN_BODY_TIMEOUT)."),
        (413, "The request body is too large (GEOALIGN_MAX_BODY_BYTES)."),
        (422, "A parameter is missing or malformed; `parameter` names it."),
        (503, "Neo4j is unreachable; retry after Retry-After seconds."),
        (504, "The request ran past its time limit and was stopped."),
    )
}

ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Rows (format=json), nodes and relationships (format=graph), or CSV (format=csv).",
        "model": RunResponse | GraphResponse,
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


def parameter_schema(parameter: Parameter) -> dict[str, Any]:
    """A catalog parameter as JSON Schema."""
    if parameter.type == "date":
        return {"type": "string", "format": "date"}
    if parameter.type == "integer":
        schema: dict[str, Any] = {"type": "integer"}
        if parameter.low is not None:
            schema.update(minimum=parameter.low, maximum=parameter.high)
        return schema
    if parameter.type == "boolean":
        return {"type": "boolean"}
    if parameter.type == "label":
        return {"type": "string", "enum": [*sorted(load_model().labels), parameter.default or "any"]}
    return {"type": "string", "minLength": 1, "maxLength": MAX_CHARS}


def _with_default(parameter: Parameter) -> dict[str, Any]:
    schema = parameter_schema(parameter)
    if parameter.default is not None and parameter.default != "today":
        schema["default"] = parameter.default_value()
    return schema


def _describe(parameter: Parameter) -> str:
    kind = {"entity": "the id of an entity", "label": "a label"}.get(parameter.type, "")
    today = " (default: today)" if parameter.default == "today" else ""
    return parameter.description + today + (f"; {kind}" if kind else "")


def formats(query: CannedQuery) -> list[str]:
    return ["json", "csv", "graph"] if query.graph else ["json", "csv"]


def query_string_parameters(query: CannedQuery) -> list[dict[str, Any]]:
    """The run operation's query-string parameters: the query's own, and `format`."""
    own = [
        {
            "name": p.name,
            "in": "query",
            "required": p.default is None,
            "description": _describe(p),
            "schema": _with_default(p),
        }
        for p in query.parameters
    ]
    chosen = {"type": "string", "enum": formats(query), "default": "json"}
    return [
        *own,
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "Answer format.",
            "schema": chosen,
        },
    ]


def body_schema(query: CannedQuery) -> dict[str, Any]:
    """The run operation's JSON body: {"params": {...}} with the query's own parameters."""
    params = {
        "type": "object",
        "properties": {p.name: {**_with_default(p), "description": _describe(p)} for p in query.parameters},
        "required": [p.name for p in query.parameters if p.default is None],
        "additionalProperties": False,
    }
    return {
        "required": bool(params["required"]),  # with none required, no body means the defaults
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"params": params},
                    "required": ["params"] if params["required"] else [],
                    "additionalProperties": False,
                }
            }
        },
    }
