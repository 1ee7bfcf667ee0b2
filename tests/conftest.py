"""Shared fixtures. Integration tests run on the project's own test Neo4j, never the user's."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import NamedTuple

import httpx
import pytest

# The suite always talks to its own instance: own name, own ports, own data folder. A user's
# NEO4J_URI or password must not leak in, or the tests would write into their graph.
for _variable in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
    os.environ.pop(_variable, None)
os.environ.update(
    {
        "GEOALIGN_INSTANCE": "test",
        "GEOALIGN_BOLT_PORT": "17687",
        "GEOALIGN_HTTP_PORT": "17474",
        "GEOALIGN_API_PORT": "18000",  # where the test instance's Browser looks for the guide
    }
)

from graph.db.database import Database  # noqa: E402
from graph.local_neo4j.server import LocalServer  # noqa: E402
from graph.settings import Settings  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the tests' Neo4j, found by its fixtures (`neo4j_server` and all
    that build on it), so that `pytest -m "not neo4j"` runs the unit tests alone, in seconds."""
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[LocalServer]:
    """The test Neo4j, started once per session. A failure to start fails the tests; nothing skips."""
    server = LocalServer(settings)
    was_running = server.pid() is not None
    server.start()
    yield server
    if not was_running:
        server.stop()


@pytest.fixture(scope="session")
def db(neo4j_server: LocalServer, settings: Settings) -> Iterator[Database]:
    with Database(settings) as database:
        yield database


@pytest.fixture(scope="session")
def seeded(db: Database, settings: Settings) -> Database:
    """The test Neo4j holding exactly the project's seed data."""
    from graph.load.online import seed
    from graph.seed.seedset import SeedSet

    seed(db, SeedSet.from_settings(settings), reset=True)
    return db


class ServedApi(NamedTuple):
    base: str
    pid: int


SERVED_BODY_TIMEOUT = 2.0  # seconds: short, so that the slow-body test is quick


@pytest.fixture(scope="session")
def api_server(seeded: Database, settings: Settings) -> Iterator[ServedApi]:
    """The API as its own uvicorn process, on the port the test instance's Browser opens the guide
    from (the tests that need a real server: Browser, slow bodies, the process's memory)."""
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--log-level", "warning"]
    env = {**os.environ, "GEOALIGN_BODY_TIMEOUT": str(SERVED_BODY_TIMEOUT)}
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(settings.geoalign_api_port)], env=env
    )
    try:
        wait_until_answering(process, f"{settings.api_base}/health")
        yield ServedApi(settings.api_base, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_answering(process: subprocess.Popen[str] | subprocess.Popen[bytes], url: str) -> None:
    """Wait (a minute at most) until a server process we started answers 200 at `url`."""
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None and time.monotonic() < deadline, f"nothing answered at {url}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
