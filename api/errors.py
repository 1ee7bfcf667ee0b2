"""The one table that turns the core's errors into HTTP responses."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from graph.errors import BadParameter, DatabaseUnavailable, GeoalignError, NotFound, QueryTimeout

RETRY_AFTER_SECONDS = "5"

STATUS_OF: dict[type[GeoalignError], int] = {
    NotFound: 404,
    BadParameter: 422,
    DatabaseUnavailable: 503,
    QueryTimeout: 504,
}


def _respond(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, GeoalignError)
    status = next((code for kind, code in STATUS_OF.items() if isinstance(error, kind)), 500)
    body: dict[str, object] = {"error": type(error).__name__, "detail": str(error)}
    if isinstance(error, BadParameter):
        body["parameter"] = error.parameter
    headers = {"Retry-After": RETRY_AFTER_SECONDS} if status == 503 else None
    return JSONResponse(status_code=status, content=body, headers=headers)


def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's own parameter checks, reported in the same shape as the catalog's."""
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    parameter = ".".join(location) or "request"
    return _respond(request, BadParameter(parameter, str(first.get("msg", "is invalid"))))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GeoalignError, _respond)
    app.add_exception_handler(RequestValidationError, _invalid_request)
