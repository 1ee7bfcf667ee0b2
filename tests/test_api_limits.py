"""An API that holds: each hostile or heavy input of the fault campaign gets its documented 4xx or
504 with the usual error shape, never a 500, and the API's memory stays bounded."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.alignment.index import AlignmentIndex
from graph.db import deadline
from graph.db.database import Database
from graph.local_neo4j.server import server_environment
from graph.settings import Settings
from tests.conftest import SERVED_BODY_TIMEOUT, ServedApi

# The heaviest work the curated graph offers: every state's shift toward a bloc over 40 years,
# through chains of three ties, listing a thousand contributions each (a few tenths of a second
# here, a dozen queries), and a budget a small fraction of it.
HEAVY = {
    "toward": "western-security-partners",
    "from_date": "1985-01-01",
    "to_date": "2026-08-01",
    "max_hops": "3",
    "limit": "100",
    "top": "1000",
}
BUDGET = 0.02  # seconds


@pytest.fixture(scope="module")
def client(seeded: Database, settings: Settings) -> Iterator[TestClient]:
    quick = settings.model_copy(
        update={"geoalign_request_timeout": 2.0, "geoalign_result_cache_seconds": 0.0}
    )
    with TestClient(create_app(quick)) as test_client:
        yield test_client


def _error(response: object, status: int, parameter: str | None = None) -> dict[str, object]:
    assert getattr(response, "status_code") == status, getattr(response, "text")  # noqa: B009
    body: dict[str, object] = getattr(response, "json")()  # noqa: B009
    assert set(body) <= {"error", "detail", "parameter"} and body["error"] and body["detail"]
    if parameter is not None:
        assert body["parameter"] == parameter
    return body


@pytest.mark.parametrize(
    ("path", "body", "parameter"),
    [
        ("/queries/withdrawals/run", '{"params": {"org": "\\ud800"}}', "org"),
        ("/queries/withdrawals/run", '{"params": {"\\ud800": "icc"}}', "\\ud800"),
        ("/queries/entity-search/run", '{"params": {"q": "ma\\udfffli"}}', "q"),
        ("/queries/connections/run", '{"params": {"from_id": "mali", "to_id": "\\ud800"}}', "to_id"),
    ],
    ids=["value", "name", "entity search", "connections"],
)
def test_a_lone_surrogate_is_a_422(client: TestClient, path: str, body: str, parameter: str) -> None:
    response = client.post(path, content=body.encode(), headers={"content-type": "application/json"})
    _error(response, 422, parameter)


def test_a_large_body_is_refused_before_it_is_read(client: TestClient) -> None:
    body = json.dumps({"params": {"org": "x" * 100_000}})
    detail = _error(client.post("/queries/withdrawals/run", content=body), 413)["detail"]
    assert "GEOALIGN_MAX_BODY_BYTES" in str(detail)


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post("/queries/withdrawals/run", json={"params": {"as_of": "2" * 20_000}}),
        lambda c: c.get("/entities", params={"q": "mali" * 600}),
        lambda c: c.get("/queries/withdrawals/run", params={"o" * 2_000: "x"}),
    ],
    ids=["long value in a body", "long query-string value", "long parameter name"],
)
def test_a_long_parameter_is_a_short_422(client: TestClient, send: object) -> None:
    response = send(client)  # type: ignore[operator]
    body = _error(response, 422)
    assert "GEOALIGN_MAX_PARAM_CHARS" in str(body["detail"]) or "longer than" in str(body["detail"])
    assert len(response.content) < 1_000, "an error does not echo its input"


def test_heavy_work_ends_in_504_within_its_budget(seeded: Database, settings: Settings) -> None:
    hurried = settings.model_copy(
        update={"geoalign_request_timeout": BUDGET, "geoalign_result_cache_seconds": 0.0}
    )
    with TestClient(create_app(hurried)) as client:
        started = time.monotonic()
        response = client.get("/alignment-shifts", params=HEAVY)
        elapsed = time.monotonic() - started
    assert "GEOALIGN_REQUEST_TIMEOUT" in str(_error(response, 504)["detail"])
    assert elapsed < BUDGET + 1.0, f"answered after {elapsed:.1f} s"


def test_work_past_its_budget_stops_rather_than_running_on(seeded: Database) -> None:
    """The same work outside HTTP, under the same budget: it raises there, instead of running
    on to the end in a thread nobody waits for."""
    index = AlignmentIndex(seeded)
    started = time.monotonic()
    finished = index.shifts(
        HEAVY["toward"], date(1985, 1, 1), date(2026, 8, 1), limit=100, max_hops=3, top=1000
    )
    whole = time.monotonic() - started
    assert finished and whole > 3 * BUDGET, f"the work took {whole:.2f} s: too little to test a budget"
    started = time.monotonic()
    with deadline.deadline(BUDGET), pytest.raises(deadline.RequestTimeout):
        index.shifts(HEAVY["toward"], date(1985, 1, 1), date(2026, 8, 1), limit=100, max_hops=3, top=1000)
    assert time.monotonic() - started < BUDGET + 1.0


def test_a_body_that_never_arrives_is_a_408(api_server: ServedApi) -> None:
    host, port = api_server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=SERVED_BODY_TIMEOUT + 5) as connection:
        connection.sendall(
            b"POST /queries/withdrawals/run HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        started = time.monotonic()
        answer = _answer(connection)
    assert answer.startswith("HTTP/1.1 408"), answer[:200]
    assert "GEOALIGN_BODY_TIMEOUT" in answer
    assert time.monotonic() - started < SERVED_BODY_TIMEOUT + 1


def _answer(connection: socket.socket) -> str:
    """One HTTP response, read whole (headers, then as many bytes as Content-Length says)."""
    data = b""
    while b"\r\n\r\n" not in data and (chunk := connection.recv(4096)):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        ),
        0,
    )
    while len(body) < length and (chunk := connection.recv(4096)):
        body += chunk
    return (head + b"\r\n\r\n" + body).decode(errors="replace")


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024


def test_memory_stays_bounded_through_a_hundred_large_bodies(api_server: ServedApi) -> None:
    host, port = api_server.base.removeprefix("http://").split(":")
    refused = 0
    for n in range(100):
        body = json.dumps({"params": {"org": f"{n}-" + "x" * 5_000_000}}).encode()
        head = (
            f"POST /queries/withdrawals/run HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        with socket.create_connection((host, int(port)), timeout=30) as connection:
            with contextlib.suppress(OSError):  # the server may answer and close before reading it all
                connection.sendall(head + body)
            answer = connection.recv(4096).decode(errors="replace")
        refused += answer.startswith("HTTP/1.1 413")
    assert refused == 100
    assert _rss_mb(api_server.pid) < 300


def test_the_host_header_reaches_no_link(client: TestClient, settings: Settings) -> None:
    page = client.get("/browser/guide", headers={"Host": "attacker.example"}).text
    assert "attacker.example" not in page and settings.public_url in page
    response = client.get("/queries/", headers={"Host": "attacker.example"}, follow_redirects=False)
    _error(response, 404)  # no redirect to http://attacker.example/queries


def test_cors_headers_only_on_the_browser_assets(client: TestClient, settings: Settings) -> None:
    origin = settings.cors_origins[0]
    assert (
        client.get("/browser/style.grass", headers={"Origin": origin}).headers.get(
            "access-control-allow-origin"
        )
        == origin
    )
    assert "access-control-allow-origin" not in client.get("/queries", headers={"Origin": origin}).headers


def test_an_unsupported_method_lists_every_method_the_path_takes(client: TestClient) -> None:
    response = client.request("PUT", "/queries/withdrawals/run")
    _error(response, 405)
    assert set(response.headers["allow"].split(", ")) == {"GET", "POST"}


def test_the_neo4j_process_gets_no_password_in_its_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "a-secret-password")
    monkeypatch.setenv("GEOALIGN_INSTANCE", "test")
    environment = server_environment()
    assert "NEO4J_PASSWORD" not in environment and environment["GEOALIGN_INSTANCE"] == "test"
