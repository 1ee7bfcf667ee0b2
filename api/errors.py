"""The one table that turns the core's errors into HTTP responses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from graph.errors import (
    BadParameter,
    DatabaseUnavailable,
    GeoalignError,
    NotFound,
    QueryTimeout,
    RequestTooLarge,
    RequestTooSlow,
    printable,
)

RETRY_AFTER_SECONDS = "5"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")  # those a 405's Allow header may list

STATUS_OF: dict[type[GeoalignError], int] = {
    NotFound: 404,
    RequestTooSlow: 408,
    RequestTooLarge: 413,
    BadParameter: 422,
    DatabaseUnavailable: 503,
    QueryTimeout: 504,
}


def _respond(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, GeoalignError)
    status = next((code for kind, code in STATUS_OF.items() if isinstance(error, kind)), 500)
    body: dict[str, object] = {"error": type(error).__name__, "detail": printable(str(error), 2_000)}
    if isinstance(error, BadParameter):
        body["parameter"] = error.parameter
    headers = {"Retry-After": RETRY_AFTER_SECONDS} if status == 503 else None
    return JSONResponse(status_code=status, content=body, headers=headers)


def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's own parameter checks, reported in the same shape as the catalog's. (Run bodies
    are read by api/routes/queries.py, which says what to send when one is malformed.)"""
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    parameter = ".".join(location) or "request"
    problem = str(first.get("msg", "is invalid"))
    return _respond(request, BadParameter(parameter, problem))


def _http_error(request: Request, error: Exception) -> JSONResponse:
    """Starlette's own answers (no such path, a method the path does not take) in the same shape.
    A 405's Allow header lists the methods of every route the path matches, not the first only."""
    assert isinstance(error, StarletteHTTPException)
    if isinstance(error.__cause__, GeoalignError):  # raised while the body was read (api/limits.py)
        return _respond(request, error.__cause__)
    headers = dict(error.headers or {})
    if error.status_code == 405:
        routes = request.app.router.routes
        allowed = [
            method
            for method in METHODS
            if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
        ]
        headers["Allow"] = ", ".join(allowed)
    names = {404: "NotFound", 405: "MethodNotAllowed"}
    body = {"error": names.get(error.status_code, "HTTPError"), "detail": printable(str(error.detail), 2_000)}
    return JSONResponse(status_code=error.status_code, content=body, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GeoalignError, _respond)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
