"""What one request may cost the API: a body of bounded size that arrives in bounded time,
parameters of bounded length, a time budget for the whole request, and a bounded number of
heavy computations at once. Each limit is a setting (see the README's table); going past one is
an error of the usual shape (413, 408, 422, 504)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.db import deadline
from graph.errors import BadParameter, RequestTooLarge, RequestTooSlow
from graph.settings import Settings

T = TypeVar("T")


class RequestLimits:
    """ASGI middleware: sets the request's time budget, and hands the app a `receive` that
    refuses a body past the size limit and stops waiting for one past the body deadline. The
    refusals are raised where the app reads the body, so the error handlers answer them."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_body = settings.geoalign_max_body_bytes
        self.body_timeout = settings.geoalign_body_timeout
        self.request_timeout = settings.geoalign_request_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        body_due = time.monotonic() + self.body_timeout
        received, complete = 0, False

        async def limited_receive() -> Message:
            nonlocal received, complete
            if complete:  # later calls wait for a disconnect: not bounded here
                return await receive()
            if declared.isdigit() and int(declared) > self.max_body:
                raise self._too_large()
            try:
                message = await asyncio.wait_for(receive(), timeout=max(body_due - time.monotonic(), 0.001))
            except TimeoutError:
                raise RequestTooSlow(
                    f"the request body did not arrive within {self.body_timeout:g} s (GEOALIGN_BODY_TIMEOUT)"
                ) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise self._too_large()
                complete = not message.get("more_body", False)
            return message

        with deadline.deadline(self.request_timeout):
            await self.app(scope, limited_receive, send)

    def _too_large(self) -> RequestTooLarge:
        return RequestTooLarge(
            f"the request body is larger than {self.max_body:,} bytes (GEOALIGN_MAX_BODY_BYTES)"
        )


def check_sizes(values: dict[str, Any], settings: Settings) -> None:
    """Refuse a parameter whose name or text value is longer than GEOALIGN_MAX_PARAM_CHARS."""
    limit = settings.geoalign_max_param_chars
    for name, value in values.items():
        if len(name) > limit:
            raise BadParameter(name, f"a parameter name longer than {limit:,} characters")
        if isinstance(value, str) and len(value) > limit:
            raise BadParameter(
                name, f"is {len(value):,} characters long; at most {limit:,} (GEOALIGN_MAX_PARAM_CHARS)"
            )


async def parameter_sizes(request: Request) -> None:
    """A dependency for every route: the query string's and the path's parameters."""
    settings: Settings = request.app.state.settings
    check_sizes(dict(request.query_params), settings)
    check_sizes(dict(request.path_params), settings)


async def run_heavy(request: Request, work: Callable[..., T], *args: Any) -> T:
    """Run a heavy computation in the thread pool once one of GEOALIGN_HEAVY_CONCURRENCY slots is
    free: more at once would only share two cores worse, and take the event loop's turn from
    /health and light requests. Waiting counts against the request's time budget."""
    slots: asyncio.Semaphore = request.app.state.heavy_slots
    try:
        await asyncio.wait_for(slots.acquire(), timeout=deadline.remaining())
    except TimeoutError:
        raise deadline.expired() from None
    try:
        deadline.check()
        return await run_in_threadpool(work, *args)
    finally:
        slots.release()
