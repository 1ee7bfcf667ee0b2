"""geoalign as a user installs it: the wheel built from this tree, installed with the pip that
Python 3.11 ships (no upgrade) into a new venv, run from a folder outside the repository against
the tests' Neo4j; the lock files that make every install the same; licences; and the API and the
command line starting without the HTML reader that only ingest and `sources fetch` use."""

from __future__ import annotations

import ensurepip
import json
import os
import re
import socket
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import httpx
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from graph.db.database import Database
from graph.seed.seedset import SeedSet
from graph.settings import Settings
from tests.conftest import wait_until_answering

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"dev": ROOT / "requirements" / "dev.txt", "runtime": ROOT / "requirements" / "runtime.txt"}
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)", re.MULTILINE)
HASHED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[^\n]*\\\n +--hash=sha256:[0-9a-f]{64}", re.MULTILINE)
HTML_STACK = ("trafilatura", "justext", "lxml", "lxml_html_clean", "pysbd", "dateparser", "rapidfuzz")


def _pins(lock: Path) -> dict[str, set[str]]:
    """Package -> its pinned versions (a universal lock may pin one per Python version)."""
    pins: dict[str, set[str]] = {}
    for name, version in PINNED.findall(lock.read_text()):
        pins.setdefault(canonicalize_name(name), set()).add(version)
    return pins


def _declared() -> dict[str, list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    dev = [
        Requirement(r) for name in ("dev", "notebooks") for r in extras[name] if not r.startswith("geoalign")
    ]
    return {"runtime": runtime, "dev": runtime + dev}


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_declared_dependency_is_pinned_with_hashes_in_the_lock(lock: str) -> None:
    pins = _pins(LOCKS[lock])
    for requirement in _declared()[lock]:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in {LOCKS[lock].name}: run `make lock`"
        for pinned in pins[name]:
            assert requirement.specifier.contains(pinned, prereleases=True), (
                f"{LOCKS[lock].name} pins {name}=={pinned}, outside {requirement}: run `make lock`"
            )
    text = LOCKS[lock].read_text()
    assert len(HASHED.findall(text)) == len(PINNED.findall(text)), "every pinned package carries its hashes"
    runtime, dev = _pins(LOCKS["runtime"]), _pins(LOCKS["dev"])
    assert all(dev.get(name) == version for name, version in runtime.items()), "the two locks agree"


def test_the_api_and_the_command_line_start_without_the_html_reader() -> None:
    probe = "import sys, api.app, cli.main; print([m for m in sys.modules if m.split('.')[0] in %r])"
    loaded = subprocess.run(
        [sys.executable, "-c", probe % (HTML_STACK,)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert loaded.stdout.strip() == "[]"


def test_the_code_and_the_data_say_their_licences() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" and "MIT License" in (ROOT / "LICENSE").read_text()
    data_licence = (ROOT / "seed_data" / "LICENSE").read_text()
    assert "CC BY 4.0" in data_licence and "creativecommons.org/licenses/by/4.0" in data_licence


# ----- the wheel, installed as a user would ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            out,
            ROOT,
        ],
        check=True,
        cwd=out,
    )
    (built,) = out.glob("geoalign-*.whl")
    return built


def test_the_wheel_carries_the_cypher_files_the_facts_and_the_licences(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    tree = {
        str(p.relative_to(ROOT))
        for d in ("cypher", "seed_data")
        for p in (ROOT / d).rglob("*")
        if p.is_file()
    }
    assert {f"graph/data/{name}" for name in tree} <= names
    for data_file in (
        "graph/model.yaml",
        "graph/alignment/weights.yaml",
        "graph/alignment/blocs.yaml",
        "graph/ingest/lexicon.yaml",
        "graph/seed/publishers.yaml",
    ):
        assert data_file in names
    assert "graph/local_neo4j/pom.xml" in names
    info = wheel.name.split("-py3")[0] + ".dist-info"
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/seed_data/LICENSE"} <= names
    assert not [name for name in names if "__pycache__" in name or name.startswith("tests/")]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the pip Python ships, the wheel installed into it by plain `pip install`,
    its versions held to the runtime lock's (as constraints: pip still resolves the wheel's own
    requirements, so a dependency the wheel fails to declare is missing here too)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    pip = venv / "bin" / "pip"
    version = subprocess.run([pip, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith(f"pip {ensurepip.version()} "), version
    constraints = venv / "constraints.txt"
    pinned = (line.split(" \\")[0] for line in LOCKS["runtime"].read_text().splitlines())
    constraints.write_text("\n".join(line for line in pinned if PINNED.match(line)) + "\n")
    subprocess.run(
        [pip, "install", "--quiet", "--disable-pip-version-check", "-c", constraints, wheel],
        check=True,
        cwd=venv,
    )
    return venv


def _outside(venv: Path, settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
        "HOME": str(venv),
        "GEOALIGN_STATE_DIR": str(settings.geoalign_state_dir),  # where the tests' Neo4j lives
        "GEOALIGN_INSTANCE": settings.geoalign_instance,
        "GEOALIGN_BOLT_PORT": str(settings.geoalign_bolt_port),
        "GEOALIGN_HTTP_PORT": str(settings.geoalign_http_port),
        "COLUMNS": "80",
    }
    return subprocess.run(
        [venv / "bin" / "geoalign", *args], capture_output=True, text=True, env=env, cwd=venv, timeout=300
    )


def test_the_installed_package_runs_from_outside_the_repository(
    installed: Path, seeded: Database, settings: Settings
) -> None:
    where = subprocess.run(
        [installed / "bin" / "python", "-c", "import graph, api; print(graph.__file__, api.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed,
        env={"PATH": os.environ["PATH"]},
    ).stdout
    assert str(ROOT) not in where and all("site-packages" in p for p in where.split()), where

    run = _outside(installed, settings, "--help")
    assert run.returncode == 0 and "export" in run.stdout, run.stderr
    run = _outside(installed, settings, "query", "--list")
    assert run.returncode == 0 and "members-as-of" in run.stdout, run.stdout + run.stderr
    run = _outside(installed, settings, "neo4j", "start")
    assert run.returncode == 0, run.stdout + run.stderr
    run = _outside(installed, settings, "seed")
    assert run.returncode == 0, run.stdout + run.stderr
    # The wheel's seed files, model and load statements are the checkout's, byte for byte: the
    # version it loads (their hash) is the one the checkout computes.
    assert f"seed data {SeedSet().content_hash()[:12]}" in run.stdout, run.stdout

    port = _free_port()
    env = {**os.environ, "GEOALIGN_STATE_DIR": str(settings.geoalign_state_dir), "HOME": str(installed)}
    server = subprocess.Popen(
        [installed / "bin" / "geoalign", "serve", "--port", str(port)], cwd=installed, env=env
    )
    try:
        wait_until_answering(server, f"http://127.0.0.1:{port}/health")
        answer = httpx.get(
            f"http://127.0.0.1:{port}/queries/members-as-of/run",
            params={"org": "ecowas", "date": "2024-06-01"},
        )
        assert answer.status_code == 200, answer.text
        assert {"mali", "burkina-faso", "niger"} <= {row["member_id"] for row in answer.json()["rows"]}
        currency = httpx.get(f"http://127.0.0.1:{port}/").json()["currency"]  # how current, from the wheel
        assert currency["sources"] == len(list(SeedSet().records("sources"))) and currency["newest_source"]
    finally:
        server.terminate()
        server.wait(timeout=30)

    run = _outside(installed, settings, "export", "--out", str(installed / "release"), "--format", "jsonl")
    assert run.returncode == 0, run.stdout + run.stderr
    manifest = json.loads((installed / "release" / "manifest.json").read_text())
    assert manifest["geoalign_version"] == "0.1.0" and manifest["licenses"]["code"] == "MIT"
