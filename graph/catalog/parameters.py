"""The parameters a canned query declares in its header (`// param: name: type = default |
description`), and how a value from a query string or from JSON is checked and converted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.errors import BadParameter, shown
from graph.model import load_model

# `entity`: the id of an entity, which must exist (the answer for an unknown id is "not found",
# not an empty table); `label`: one of the model's labels. Both accept 'any' where that is the
# default.
TYPES = ("string", "entity", "label", "date", "integer", "boolean")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None  # as written in the header; None means required
    description: str
    low: int | None = None
    high: int | None = None

    def convert(self, value: Any) -> Any:
        """A value from a query string or JSON, as the type the query expects."""
        try:
            if self.type in ("string", "entity"):
                if not isinstance(value, str) or not value:
                    raise ValueError("expected a non-empty string")
                check_text(value)
                return value
            if self.type == "label":
                labels = sorted(load_model().labels)
                if value == self.default or value in labels:
                    return value
                raise ValueError(
                    f"use one of {', '.join(labels)}" + (f", or '{self.default}'" if self.default else "")
                )
            if self.type == "date":
                if isinstance(value, date):
                    return value
                if isinstance(value, str) and value == "today":
                    return date.today()
                return date.fromisoformat(str(value))
            if self.type == "integer":
                if isinstance(value, bool) or not re.fullmatch(r"-?\d+", str(value).strip()):
                    raise ValueError("expected a whole number")
                number = int(str(value).strip())
                if (self.low is not None and number < self.low) or (
                    self.high is not None and number > self.high
                ):
                    raise ValueError(f"must be between {self.low} and {self.high}")
                return number
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes"):
                return True
            if str(value).lower() in ("false", "0", "no"):
                return False
            raise ValueError("expected true or false")
        except ValueError as error:
            raise BadParameter(self.name, f"{shown(value)} is not a valid {self.type}: {error}") from None

    def from_json(self, value: Any) -> Any:
        """A JSON value of this parameter's type, refusing the others (null included: leave a
        parameter out for its default)."""
        wanted = {"integer": "a whole number", "boolean": "true or false"}.get(self.type, "text")
        if self.type == "integer" and isinstance(value, float) and value.is_integer():
            return int(value)
        fits = {"integer": int, "boolean": bool}.get(self.type, str)
        if not isinstance(value, fits) or (fits is int and isinstance(value, bool)):
            raise BadParameter(self.name, f"{shown(value)} is not {wanted}")
        return value

    def default_value(self) -> Any:
        return None if self.default is None else self.convert(self.default)

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "required": self.default is None,
            "description": self.description,
        }
        if self.low is not None:
            described.update(minimum=self.low, maximum=self.high)
        return described


def check_text(value: str) -> None:
    """Text Neo4j can store: a lone surrogate (JSON can carry one) cannot be encoded."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"a lone surrogate at character {error.start} is not text") from None
