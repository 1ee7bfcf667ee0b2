"""Answers that depend on an organisation's whole membership say whether the graph holds all of
it: in JSON (`coverage`), in CSV (a `# coverage:` line) and on the command line. An organisation
that declares nothing is not complete; one that declares its membership complete says as of when
and on which sources, and validation holds the declaration to that.

The last test loads the small fixture folder with a declaration; the module's teardown loads the
project's seed data again (as tests/test_loader.py does)."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app
from graph.catalog.queries import CatalogError, parse_query_file
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.errors import SeedDataError
from graph.load.online import seed
from graph.seed.seedset import SeedSet
from graph.settings import Settings
from graph.sources.archive import SourceArchive

FIXTURES = Path(__file__).resolve().parent / "fixtures"
COVERAGE_QUERIES = sorted(name for name, query in default_catalog().queries.items() if query.coverage)


def _declared_complete() -> dict[str, bool]:
    """Each organisation of the seed files, and whether it declares its membership complete."""
    return {
        str(record["id"]): bool(record.get("members_complete"))
        for _, record in SeedSet().records("nodes")
        if record["label"] == "Organization"
    }


def test_the_queries_that_depend_on_a_whole_membership_declare_it() -> None:
    assert COVERAGE_QUERIES == [
        "left-org-joined-org",
        "left-org-partnered-with",
        "members-as-of",
        "withdrawals",
    ]


def test_a_coverage_line_must_name_an_entity_parameter(tmp_path: Path) -> None:
    text = (FIXTURES.parent.parent / "cypher" / "queries" / "members-as-of.cypher").read_text()
    broken = tmp_path / "members-as-of.cypher"
    broken.write_text(text.replace("// coverage: org", "// coverage: date"))
    with pytest.raises(CatalogError, match=r"coverage names \['date'\], which are not entity parameters"):
        parse_query_file(broken)


@pytest.mark.parametrize("name", COVERAGE_QUERIES)
def test_every_answer_says_whether_its_organisations_are_complete(
    seeded: Database, settings: Settings, name: str
) -> None:
    query = default_catalog().get(name)
    declared = _declared_complete()
    with TestClient(create_app(settings)) as client:
        for org in sorted(declared):
            params = {parameter: org for parameter in query.coverage}
            body = client.get(f"/queries/{name}/run", params=params).json()
            assert [(b["organisation"], b["complete"]) for b in body["coverage"]] == [
                (org, declared[org]) for _ in query.coverage
            ]
            text = client.get(f"/queries/{name}/run", params={**params, "format": "csv"}).text
            lines = text.splitlines()
            said = [line for line in lines if line.startswith("# coverage:")]
            assert len(said) == len(query.coverage) and lines[: len(said)] == said
            assert all(("not complete" in line) != declared[org] for line in said)
            rows = list(csv.DictReader(io.StringIO("\n".join(lines[len(said) :]))))
            assert len(rows) == len(body["rows"])
    result = CliRunner().invoke(app, ["query", name], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())
    defaults = {p.default for p in query.parameters if p.name in query.coverage}
    partial = any(not declared.get(str(org), False) for org in defaults)
    assert "coverage: " in result.output
    assert (" not complete (the graph may lack members" in result.output) == partial


def _with_coverage(folder: Path, declaration: dict[str, object]) -> None:
    path = folder / "nodes" / "nodes.yaml"
    document = yaml.safe_load(path.read_text())
    next(n for n in document["nodes"] if n["id"] == "ecowas").update(declaration)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


@pytest.mark.parametrize(
    ("declaration", "problem"),
    [
        ({"members_complete": True}, "field 'members_complete_on': missing"),
        ({"members_complete": "yes"}, "field 'members_complete': true or false"),
        (
            {"members_complete": True, "members_complete_on": "2026-06-30", "members_source_ids": ["atlas"]},
            "field 'members_source_ids': unknown source 'atlas'",
        ),
    ],
)
def test_a_declaration_without_its_day_or_sources_is_refused(
    tmp_path: Path, declaration: dict[str, object], problem: str
) -> None:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", folder)
    _with_coverage(folder, declaration)
    with pytest.raises(SeedDataError) as raised:
        SeedSet([folder]).validate()
    assert any("nodes.yaml" in p and "(ecowas)" in p and problem in p for p in raised.value.problems)


@pytest.fixture(scope="module")
def restored(db: Database, settings: Settings) -> Iterator[Database]:
    yield db
    seed(db, SeedSet.from_settings(settings), reset=True)


def test_a_declared_complete_membership_is_said_with_its_day_and_sources(
    restored: Database, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", folder)
    declaration = {
        "members_complete": True,
        "members_complete_on": "2026-06-30",
        "members_source_ids": ["wire"],
    }
    _with_coverage(folder, declaration)
    seed(restored, SeedSet([folder], archive=SourceArchive.from_settings(settings)), reset=True)
    result = default_catalog().run(restored, "members-as-of", {"org": "ecowas", "date": "2024-06-01"})
    assert result.coverage == [
        {"organisation": "ecowas", "complete": True, "as_of": "2026-06-30", "sources": ["wire"]}
    ]
    with TestClient(create_app(settings)) as client:
        text = client.get("/queries/members-as-of/run", params={"org": "ecowas", "format": "csv"}).text
    assert text.splitlines()[0] == ("# coverage: ecowas complete as of 2026-06-30 (sources: wire)")
