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
    """FastAPI's own parameter checks, reported in the same shape as the catalog's, in words that
    say what to send instead."""
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    kind = first.get("type")
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    parameter = ".".join(location) or "request"
    problem = str(first.get("msg", "is invalid"))
    if kind == "json_invalid":
        position = location[0] if location else "?"
        reason = (first.get("ctx") or {}).get("error", "not JSON")
        parameter, problem = "body", f"the request body is not valid JSON ({reason} at character {position})"
    elif kind == "extra_forbidden" and len(location) == 1:
        problem = (
            'is not a field of the request body; query parameters go under "params", '
            f'as in {{"params": {{"{location[0]}": ...}}}}'
        )
    elif kind in ("model_attributes_type", "dict_type") and not location:
        parameter, problem = "body", 'the request body must be a JSON object, as in {"params": {...}}'
    return _respond(request, BadParameter(parameter, problem))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GeoalignError, _respond)
    app.add_exception_handler(RequestValidationError, _invalid_request)
