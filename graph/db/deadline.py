"""A time budget for one unit of work (an API request), carried in a context variable so that
every read and every step of the analytics can check it without being passed it.

The API sets it per request; the work checks it between steps and gives Neo4j only what is left,
so a request past its budget stops (RequestTimeout, answered 504) instead of running on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph.errors import QueryTimeout

_ends_at: ContextVar[float | None] = ContextVar("geoalign_deadline", default=None)
_budget: ContextVar[float | None] = ContextVar("geoalign_budget", default=None)


class RequestTimeout(QueryTimeout):
    """The work ran past its time budget and was stopped."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    ends, budget = _ends_at.set(time.monotonic() + seconds), _budget.set(seconds)
    try:
        yield
    finally:
        _ends_at.reset(ends)
        _budget.reset(budget)


def remaining() -> float | None:
    """Seconds left, or None when no budget is set (the CLI, the notebooks, the loader)."""
    ends = _ends_at.get()
    return None if ends is None else ends - time.monotonic()


def check() -> None:
    left = remaining()
    if left is not None and left <= 0:
        raise expired()


def expired() -> RequestTimeout:
    limit = f"{_budget.get() or 0:g} s (GEOALIGN_REQUEST_TIMEOUT)"
    return RequestTimeout(f"the request ran past its time limit of {limit} and was stopped")
