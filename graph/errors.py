"""The few kinds of failure the core reports; `api/` maps each to an HTTP status once."""

from __future__ import annotations


class GeoalignError(Exception):
    """Base class: the message is meant for the person who ran the command or sent the request."""


class NotFound(GeoalignError):
    """An unknown query, entity or source."""


def printable(text: str, limit: int = 80) -> str:
    """Text an error message may quote: shortened, and with any lone surrogate written as its
    escape, so that the message can always be encoded and never grows with its input."""
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(text):,} characters)"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shown(value: object) -> str:
    """A value as an error message quotes it: its repr, printable."""
    return printable(repr(value))


class BadParameter(GeoalignError):
    """A parameter is missing or malformed; `parameter` names it (printable: a name is input too)."""

    def __init__(self, parameter: str, problem: str) -> None:
        name = printable(parameter, 60)
        super().__init__(f"parameter '{name}': {problem}")
        self.parameter = name
        self.problem = problem


class DatabaseUnavailable(GeoalignError):
    """Neo4j does not answer (stopped, unreachable, or refusing our credentials)."""


class DatabaseUnreachable(DatabaseUnavailable):
    """No connection to Neo4j at all: it is not running, or the address is wrong."""


class QueryTimeout(GeoalignError):
    """A query ran past its time limit and was cancelled."""


class RequestTooLarge(GeoalignError):
    """A request body larger than the API reads."""


class RequestTooSlow(GeoalignError):
    """A request body that did not arrive in time."""


class ServerError(GeoalignError):
    """The local Neo4j server could not be provisioned, started or stopped."""


class SeedDataError(GeoalignError):
    """Seed files are inconsistent; nothing was written. `problems` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"seed data rejected, nothing was written:\n{shown}{more}")
        self.problems = problems
