"""/health never touches Neo4j; /ready does."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db.database import Database
from graph.errors import DatabaseUnavailable
from graph.local_neo4j.server import LocalServer
from graph.settings import Settings


def test_health_needs_no_database(settings: Settings) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        nowhere = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{sock.getsockname()[1]}"})
    with TestClient(create_app(nowhere)) as client:
        assert client.get("/health").json() == {"status": "ok"}
        response = client.get("/ready")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Traceback" not in response.text


def test_ready_when_neo4j_answers(settings: Settings, neo4j_server: LocalServer) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get("/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


def test_a_missing_password_says_how_to_give_it(neo4j_server: object, settings: Settings) -> None:
    """Neo4j's own answer ('missing key scheme') tells a person nothing; ours names the setting."""
    external = settings.model_copy(update={"neo4j_uri": settings.bolt_uri})
    assert external.password is None
    with Database(external) as db, pytest.raises(DatabaseUnavailable, match="NEO4J_PASSWORD is not: set"):
        db.ping()
