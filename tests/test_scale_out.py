"""Beyond one process and one address: the API served by several worker processes, and the core
and the API talking to Neo4j through a neo4j:// routing address, the driver's cluster path that
Aura and Neo4j clusters use (a standalone server answers it with a routing table of itself)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.settings import Settings
from tests.conftest import wait_until_answering


def _routing(settings: Settings) -> Settings:
    assert settings.password is not None
    address = f"neo4j://127.0.0.1:{settings.geoalign_bolt_port}"
    return settings.model_copy(update={"neo4j_uri": address, "neo4j_password": SecretStr(settings.password)})


def test_the_core_reads_through_a_routing_address(seeded: Database, settings: Settings) -> None:
    with Database(_routing(settings)) as routed:
        assert routed.driver.__class__.__name__ == "Neo4jDriver"  # the routing driver, not a direct one
        through_routing = default_catalog().run(routed, "withdrawals", {"as_of": "2025-10-01"}).rows
    direct = default_catalog().run(seeded, "withdrawals", {"as_of": "2025-10-01"}).rows
    assert through_routing == direct and direct


def test_the_api_serves_through_a_routing_address(seeded: Database, settings: Settings) -> None:
    with TestClient(create_app(_routing(settings))) as client:
        assert client.get("/ready").status_code == 200
        rows = client.get("/queries/members-as-of/run", params={"date": "2024-06-01"}).json()["rows"]
        assert "mali" in {row["member_id"] for row in rows}


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def test_serve_with_two_workers(seeded: Database, settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "cli.main", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.PIPE, text=True)
    try:
        wait_until_answering(server, f"http://127.0.0.1:{port}/ready")
        answers = [
            httpx.get(f"http://127.0.0.1:{port}/queries/withdrawals/run").status_code for _ in range(20)
        ]
        assert set(answers) == {200}
        assert len(_children(server.pid)) >= 2, "uvicorn runs two worker processes"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.stdout is not None and "each has its own result cache" in server.stdout.read()
