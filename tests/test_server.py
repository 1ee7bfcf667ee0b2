"""The local Neo4j manager, on real server processes of its own (never the suite's shared one)."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app as cli
from graph.db.database import Database
from graph.errors import ServerError
from graph.local_neo4j.server import LocalServer, downloaded_bytes
from graph.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def instance(settings: Settings, name: str, **overrides: object) -> Settings:
    """Settings for a throw-away instance sharing the suite's jar cache."""
    values = {
        "geoalign_instance": name,
        "geoalign_bolt_port": free_port(),
        "geoalign_http_port": free_port(),
        **overrides,
    }
    return settings.model_copy(update=values)


@pytest.fixture
def lifecycle_server(settings: Settings, neo4j_server: LocalServer) -> Iterator[LocalServer]:
    server = LocalServer(instance(settings, "lifecycle"))
    yield server
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)


def test_start_status_second_start_stop(lifecycle_server: LocalServer) -> None:
    server = lifecycle_server
    assert not server.status().running

    status = server.start()
    assert status.running and status.pid is not None
    assert status.bolt_uri == f"bolt://127.0.0.1:{server.settings.geoalign_bolt_port}"
    assert status.browser_url == f"http://127.0.0.1:{server.settings.geoalign_http_port}/browser/"
    password_file = server.settings.password_file
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert str(password_file) in status.password_hint
    with Database(server.settings) as db:
        db.ping()

    again = server.start()
    assert again.pid == status.pid, "a second start must reuse the running server"

    assert server.stop() is True
    assert not server.status().running
    assert not Path(f"/proc/{status.pid}").exists()
    assert server.stop() is False


def test_ready_follows_neo4j_without_restarting_the_api(lifecycle_server: LocalServer) -> None:
    server = lifecycle_server
    server.start()
    with TestClient(create_app(server.settings)) as client:
        assert client.get("/ready").status_code == 200

        server.stop()
        down = client.get("/ready")
        assert down.status_code == 503
        assert down.headers["Retry-After"]
        assert "not reachable" in down.json()["detail"]
        query = client.get("/queries/members-as-of/run")
        assert query.status_code == 503 and query.headers["Retry-After"]
        assert client.get("/health").status_code == 200

        server.start()
        assert client.get("/ready").status_code == 200


def test_taken_port_is_a_clear_error(settings: Settings) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        server = LocalServer(instance(settings, "port-taken", geoalign_bolt_port=taken))
        with pytest.raises(ServerError, match=f"port {taken} on 127.0.0.1 \\(Bolt\\) is already in use"):
            server.start()
    assert server.pid() is None


def test_missing_java_is_a_clear_error(settings: Settings) -> None:
    server = LocalServer(instance(settings, "no-java", geoalign_java="/nonexistent/bin/java"))
    with pytest.raises(ServerError, match="Java not found"):
        server.start()


def test_bad_config_fails_with_the_log_tail(settings: Settings, neo4j_server: LocalServer) -> None:
    server = LocalServer(instance(settings, "bad-config", geoalign_neo4j_pagecache="lots"))
    with pytest.raises(ServerError) as failure:
        server.start()
    message = str(failure.value)
    assert "exited during start-up" in message
    assert "pagecache" in message, "the log tail should show what Neo4j disliked"
    assert server.pid() is None


def test_neo4j_uri_points_everything_at_an_external_server(
    settings: Settings, neo4j_server: LocalServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With NEO4J_URI set, no local server is started; commands use the given one."""
    assert settings.password is not None
    monkeypatch.setenv("NEO4J_URI", f"neo4j://127.0.0.1:{settings.geoalign_bolt_port}")
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password)
    monkeypatch.setenv("GEOALIGN_STATE_DIR", str(tmp_path))

    result = CliRunner().invoke(cli, ["neo4j", "start"])
    assert result.exit_code == 0, result.output
    assert "no local server is managed" in result.output
    assert not (tmp_path / "instances").exists()

    external = Settings()
    assert not external.manages_local_server
    with pytest.raises(ServerError, match="NEO4J_URI is set"):
        LocalServer(external)
    with Database(external) as db:
        db.ping()
    with TestClient(create_app(external)) as client:
        assert client.get("/ready").json()["neo4j"] == external.neo4j_uri


@pytest.mark.parametrize(
    ("line", "size"),
    [
        ("[INFO] Downloaded from central: https://repo.example/a.pom (3.9 kB at 30 kB/s)", 3_900),
        ("Downloaded from central: https://repo.example/neo4j.jar (12.5 MB at 9 MB/s)", 12_500_000),
        ("[INFO] Downloading from central: https://repo.example/a.pom", None),
        ("[INFO] BUILD SUCCESS", None),
    ],
)
def test_maven_progress_counts_downloaded_files(line: str, size: float | None) -> None:
    assert downloaded_bytes(line) == (None if size is None else pytest.approx(size))
