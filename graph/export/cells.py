"""Values between the graph and the export's files.

A property leaves Neo4j as a plain JSON value: text, integer, number, boolean, a list of them, or
a date or time as ISO text (a date's precision is its own `<field>_precision` property, exported
beside it). Each column's type is recorded in the manifest, so that a CSV cell, which is only
text, reads back as the value it was: a list as a JSON array, a boolean as `true` or `false`, a
missing value as an empty cell. In a CSV file an empty text and a missing value are one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import neo4j.time

SCALAR_TYPES: dict[type, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}
TIME_TYPES: dict[type, str] = {
    neo4j.time.Date: "date",
    neo4j.time.DateTime: "datetime",
    neo4j.time.Time: "time",
    neo4j.time.Duration: "duration",
}


def type_name(value: Any) -> str:
    """The manifest's name for a stored value's type: `string`, `date`, `list<string>` ..."""
    if isinstance(value, list):
        inner = sorted({type_name(item) for item in value})
        return f"list<{inner[0] if len(inner) == 1 else 'any'}>"
    kind = TIME_TYPES.get(type(value)) or SCALAR_TYPES.get(type(value))
    return kind or "any"


def merged_type(seen: str | None, value_type: str) -> str:
    """The type of a column that has held `seen` so far and now holds `value_type`."""
    if seen is None or seen == value_type:
        return value_type
    if {seen, value_type} == {"integer", "number"}:
        return "number"
    if seen.startswith("list<") and value_type.startswith("list<"):
        return "list<any>"
    return "any"


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def from_csv_cell(cell: str, column_type: str) -> Any:
    """A CSV cell read back as the value it was, by its column's type in the manifest."""
    if cell == "":
        return None
    if column_type in ("string", "date", "datetime", "time", "duration"):
        return cell
    if column_type == "integer":
        return int(cell)
    if column_type == "number":
        return float(cell) if any(c in cell for c in ".eEn") else int(cell)
    if column_type == "boolean":
        return cell == "true"
    return json.loads(cell)


def comparable(properties: Mapping[str, Any]) -> dict[str, Any]:
    """Properties as two releases are compared: an empty text counts as missing (a CSV cell
    cannot tell them apart), so a CSV release and a JSON Lines one of the same graph agree."""
    return {name: value for name, value in properties.items() if value is not None and value != ""}
