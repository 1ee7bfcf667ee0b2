"""docker-compose.yml cannot run here (no Docker engine); check what it promises instead."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"


def load() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def test_services_and_image() -> None:
    services = load()["services"]
    assert set(services) == {"neo4j", "seed", "api"}
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert "test" in services["neo4j"]["healthcheck"]


def test_ports_published_on_loopback_only() -> None:
    for name, service in load()["services"].items():
        for mapping in service.get("ports", []):
            assert mapping.startswith("127.0.0.1:"), f"{name} publishes {mapping} beyond loopback"


def test_api_and_seed_wait_for_a_healthy_neo4j() -> None:
    services = load()["services"]
    for name in ("seed", "api"):
        assert services[name]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["api"]["depends_on"]["seed"]["condition"] == "service_completed_successfully"
    assert "neo4j-data" in load()["volumes"]


def test_no_password_is_written_down() -> None:
    text = COMPOSE.read_text()
    # Every mention of a password must be an interpolation that fails when the variable is unset.
    for line in text.splitlines():
        if "PASSWORD" in line and ":" in line and not line.lstrip().startswith("#"):
            value = line.split(":", 1)[1]
            if "NEO4J_PASSWORD" in value or "neo4j/" in value:
                assert "${NEO4J_PASSWORD:?" in value, line
    auth = load()["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:\?[^}]*\}", auth)


def test_the_image_installs_the_locked_dependencies_and_the_wheel() -> None:
    """The Dockerfile, read as docker would run it: every file it copies exists, the locked
    versions are installed with their hashes checked, then the wheel, never an editable tree."""
    dockerfile = COMPOSE.with_name("Dockerfile").read_text()
    runs = re.findall(r"^RUN (.+)$", dockerfile, re.MULTILINE)
    for source in re.findall(r"^COPY (?!--from)(.+) \S+$", dockerfile, re.MULTILINE):
        for path in source.split():
            assert (COMPOSE.parent / path).exists(), f"the Dockerfile copies {path}, which is not in the tree"
    assert any("--require-hashes -r /tmp/runtime.txt" in run for run in runs)
    assert any("pip wheel" in run for run in runs)
    assert any("--no-deps /tmp/*.whl" in run for run in runs)
    assert not any(" -e " in f" {run} " for run in runs), "no editable install in the image"
