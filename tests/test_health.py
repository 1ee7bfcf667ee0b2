"""/health never touches Neo4j; /ready does; the root says how current the graph is."""

from __future__ import annotations

import socket
from collections import Counter
from datetime import date

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.errors import DatabaseUnavailable
from graph.local_neo4j.server import LocalServer
from graph.seed.seedset import SeedSet
from graph.settings import Settings
from graph.values import parse_date


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


def test_the_root_says_how_current_the_graph_is(settings: Settings, seeded: Database) -> None:
    """The newest source of the seed files, to its precision, and today's stale list by size and
    by where a new check would look, as the stale-facts query counts them."""
    sources = [record for _, record in SeedSet().records("sources")]
    dated = [(parse_date(r["published"])[0], r) for r in sources if r.get("published")]
    newest_day = max(day for day, _ in dated)
    newest = {str(r["published"]) for day, r in dated if day == newest_day}
    with TestClient(create_app(settings)) as client:
        answer = client.get("/").json()["currency"]
    assert answer["as_of"] == date.today().isoformat()
    assert answer["sources"] == len(sources)
    assert answer["newest_source"]["published"] in newest
    stale = default_catalog().run(seeded, "stale-facts", {"as_of": date.today()}).rows
    assert answer["stale_facts"] == len(stale) == sum(answer["stale_by_where_to_look"].values())
    assert answer["stale_by_where_to_look"] == dict(Counter(r["settled_by"] for r in stale))
