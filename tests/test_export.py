"""Releases on the real test Neo4j: what `geoalign export` writes is the graph, whole (compared as
sets with the graph read directly), in files that pandas and networkx read without the project,
each hashed in the manifest; `geoalign diff` finds exactly the facts that changed between two.

The diff tests load the small fixture folder, changed, and the module's teardown loads the
project's seed data again (as tests/test_loader.py does)."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from cli.main import app
from graph.db.database import Database
from graph.errors import BadParameter
from graph.export import files as export_files
from graph.export.release import ExportError, Release, diff_releases, export_release
from graph.load.online import seed
from graph.seed.seedset import SeedSet
from graph.settings import Settings
from graph.sources.archive import SourceArchive
from graph.values import INTERNAL_PROPERTIES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TIMEOUT = 120.0
Fact = tuple[str, str, tuple[str, ...], frozenset[tuple[str, Any]]]


def _value(value: Any) -> Any:
    """The test's own reading of a stored value, for comparison: dates as ISO text, lists as tuples."""
    if isinstance(value, list):
        return tuple(_value(item) for item in value)
    return value.iso_format() if hasattr(value, "iso_format") else value


def _facts_in_graph(db: Database, drop_empty_text: bool = False) -> set[Fact]:
    def props(stored: dict[str, Any]) -> frozenset[tuple[str, Any]]:
        return frozenset(
            (name, _value(value))
            for name, value in stored.items()
            if name not in INTERNAL_PROPERTIES | {"id"} and not (drop_empty_text and value == "")
        )

    _, nodes = db.read(
        "MATCH (n) WHERE n:Entity OR n:Source OR n:Dispute "
        "RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.id AS id, properties(n) AS p",
        cached=False,
    )
    _, relationships = db.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS p", cached=False
    )
    return {("nodes", n["label"], (n["id"],), props(n["p"])) for n in nodes} | {
        ("relationships", r["type"], (r["a"], r["b"], r["p"].get("key", "")), props(r["p"]))
        for r in relationships
    }


def _facts_in_release(release: Release) -> set[Fact]:
    return {
        (kind, name, identity, frozenset((k, _value(v)) for k, v in props.items()))
        for kind, name in release.tables()
        for identity, props in release.rows(kind, name)
    }


@pytest.fixture(scope="module")
def releases(
    seeded: Database, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("releases")
    return {
        form: export_release(seeded, root / form, form, TIMEOUT) and root / form
        for form in ("csv", "jsonl", "graphml")
    }


def test_the_jsonl_release_is_the_graph(seeded: Database, releases: dict[str, Path]) -> None:
    in_graph = _facts_in_graph(seeded)
    assert len({fact[:3] for fact in in_graph}) == len(in_graph) > 800
    assert _facts_in_release(Release.open(releases["jsonl"])) == in_graph


def test_the_csv_release_is_the_graph_read_back_by_its_column_types(
    seeded: Database, releases: dict[str, Path]
) -> None:
    # In a CSV cell an empty text and a missing value are one (cells.py): compared without either.
    in_release = {
        (kind, name, identity, frozenset((k, v) for k, v in props if v != ""))
        for kind, name, identity, props in _facts_in_release(Release.open(releases["csv"]))
    }
    assert in_release == _facts_in_graph(seeded, drop_empty_text=True)
    same_graph = list(diff_releases(Release.open(releases["csv"]), Release.open(releases["jsonl"])))
    assert same_graph == [], "a CSV and a JSON Lines release of one graph differ in no fact"


def test_every_hash_and_row_count_in_the_manifest_matches_its_file(releases: dict[str, Path]) -> None:
    for folder in releases.values():
        manifest = json.loads((folder / "manifest.json").read_text())
        listed = {entry["path"] for entry in manifest["files"]}
        on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
        assert on_disk == listed | {"manifest.json"}, "no file unlisted, none missing, no scratch left"
        for entry in manifest["files"]:
            data = (folder / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
            assert len(data) == entry["bytes"]
            if manifest["format"] != "graphml":
                lines = data.decode().count("\n") if manifest["format"] == "jsonl" else None
                rows = len(pd.read_csv(folder / entry["path"])) if lines is None else lines
                assert rows == entry["rows"], entry["path"]


def test_the_manifest_names_the_version_licences_and_a_citation(
    seeded: Database, releases: dict[str, Path]
) -> None:
    _, rows = seeded.read("MATCH (d:Dataset {id: 'seed'}) RETURN d.version AS version", cached=False)
    about = yaml.safe_load((FIXTURES.parent.parent / "seed_data" / "dataset.yaml").read_text())
    manifest = json.loads((releases["csv"] / "manifest.json").read_text())
    assert manifest["dataset_version"] == rows[0]["version"]
    assert manifest["licenses"]["code"] == "MIT"
    assert manifest["licenses"]["data"] == [
        {
            "dataset": "seed",
            "title": about["title"],
            "license": about["license"],
            "url": about["license_url"],
            "citation": " ".join(about["citation"].split()),
        }
    ]
    assert rows[0]["version"][:12] in manifest["citation"]
    assert manifest["counts"]["relationships"] == sum(
        entry["rows"] for entry in manifest["files"] if entry["path"].startswith("relationships/")
    )


def test_pandas_reads_types_the_manifest_declares(releases: dict[str, Path]) -> None:
    manifest = json.loads((releases["csv"] / "manifest.json").read_text())
    entry = next(e for e in manifest["files"] if e["path"] == "relationships/MEMBER_OF.csv")
    types = {column["name"]: column["type"] for column in entry["columns"]}
    assert types["since"] == "date" and types["credibility"] == "integer"
    assert types["source_ids"] == "list<string>" and types["lasting"] == "boolean"
    frame = pd.read_csv(releases["csv"] / entry["path"], parse_dates=["since"])
    assert frame["credibility"].dtype.kind == "i" and frame["lasting"].dtype == bool
    assert all(isinstance(json.loads(cell), list) for cell in frame["source_ids"])
    assert frame["since"].notna().all()


def test_the_graphml_opens_in_networkx_with_every_node_and_edge(
    seeded: Database, releases: dict[str, Path]
) -> None:
    graph = nx.read_graphml(releases["graphml"] / "geoalign.graphml")
    in_graph = _facts_in_graph(seeded)
    assert graph.number_of_nodes() == sum(1 for fact in in_graph if fact[0] == "nodes")
    assert graph.number_of_edges() == sum(1 for fact in in_graph if fact[0] == "relationships")
    assert graph.nodes["mali"]["label"] == "Mali" and graph.nodes["mali"]["neo4j_label"] == "State"
    member_of = [data for a, b, data in graph.edges(data=True) if (a, b) == ("mali", "ecowas")]
    assert any(edge["label"] == "MEMBER_OF" and isinstance(edge["credibility"], int) for edge in member_of)
    sources = [node for node, data in graph.nodes(data=True) if data["neo4j_label"] == "Source"]
    assert sources and all(node.startswith("source:") for node in sources)


def test_a_release_goes_into_a_new_folder_and_a_failed_one_leaves_nothing(
    seeded: Database, releases: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(BadParameter, match="not an empty folder"):
        export_release(seeded, releases["csv"], "csv", TIMEOUT)
    with pytest.raises(BadParameter, match="'parquet' is not a format; choose one of csv, jsonl, graphml"):
        export_release(seeded, tmp_path / "p", "parquet", TIMEOUT)
    written = 0

    def failing_write(self: export_files.Table, stored: dict[str, Any]) -> None:
        nonlocal written
        written += 1
        if written == 100:
            raise OSError("disk full")
        original_write(self, stored)

    original_write = export_files.Table.write
    monkeypatch.setattr(export_files.Table, "write", failing_write)
    with pytest.raises(OSError, match="disk full"):
        export_release(seeded, tmp_path / "broken", "csv", TIMEOUT)
    assert list(tmp_path.iterdir()) == [], "neither the release nor its scratch folder is left"


def test_a_changed_file_is_refused_by_name(releases: dict[str, Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(releases["csv"], copy)
    with (copy / "nodes" / "State.csv").open("a") as handle:
        handle.write("atlantis,,,,,,,,,\n")
    with pytest.raises(ExportError, match=r"nodes/State\.csv: not the manifest's SHA-256"):
        Release.open(copy)
    with pytest.raises(BadParameter, match="graphml release; only csv and jsonl ones are compared"):
        Release.open(releases["graphml"])


# ----- comparing two releases of different graphs ----------------------------------------------


@pytest.fixture(scope="module")
def restored(db: Database, settings: Settings) -> Iterator[Database]:
    yield db
    seed(db, SeedSet.from_settings(settings), reset=True)


def _load(db: Database, folder: Path, settings: Settings) -> None:
    seed(db, SeedSet([folder], archive=SourceArchive.from_settings(settings)), reset=True)


def _edit_yaml(path: Path, kind: str, edit: Any) -> None:
    document = yaml.safe_load(path.read_text())
    edit(document[kind])
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def test_diff_lists_exactly_the_facts_added_removed_and_changed(
    restored: Database, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", folder)
    _load(restored, folder, settings)
    export_release(restored, tmp_path / "before", "csv", TIMEOUT)

    relationships = yaml.safe_load((folder / "relationships" / "relationships.yaml").read_text())
    first, second = relationships["relationships"][0], relationships["relationships"][1]
    nodes = yaml.safe_load((folder / "nodes" / "nodes.yaml").read_text())["nodes"]
    renamed = next(node for node in nodes if node["label"] != "State")  # a state's name finds its ISO codes

    def change(records: list[dict[str, Any]]) -> None:
        records[0]["detail"] = "A detail added since the first release."
        del records[1]

    _edit_yaml(folder / "relationships" / "relationships.yaml", "relationships", change)
    _edit_yaml(
        folder / "nodes" / "nodes.yaml",
        "nodes",
        lambda records: next(n for n in records if n["id"] == renamed["id"]).update(
            name=renamed["name"] + " II"
        ),
    )
    _load(restored, folder, settings)
    manifest = export_release(restored, tmp_path / "after", "jsonl", TIMEOUT, since=tmp_path / "before")

    changes = list(diff_releases(Release.open(tmp_path / "before"), Release.open(tmp_path / "after")))
    by_kind = {(c["change"], c["kind"]) for c in changes}
    assert by_kind == {("changed", "relationship"), ("removed", "relationship"), ("changed", "node")}, changes
    removed = next(c for c in changes if c["change"] == "removed")
    assert (removed["type"], removed["from"], removed["to"]) == (second["type"], second["from"], second["to"])
    changed = next(c for c in changes if c["change"] == "changed" and c["kind"] == "relationship")
    assert (changed["from"], changed["to"]) == (first["from"], first["to"])
    assert changed["fields"]["detail"]["new"] == "A detail added since the first release."
    node = next(c for c in changes if c["kind"] == "node")
    assert node["id"] == renamed["id"] and node["fields"]["name"]["new"] == renamed["name"] + " II"
    assert set(node["fields"]) == {"name"}, "the folded search names are not exported, so not compared"

    written = [json.loads(line) for line in (tmp_path / "after" / "changes.jsonl").read_text().splitlines()]
    assert written == changes
    assert sum(manifest["changes"]["summary"].values()) == len(changes)

    result = CliRunner().invoke(
        app, ["diff", str(tmp_path / "before"), str(tmp_path / "after")], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert f"- {second['type']} {second['from']} -> {second['to']}" in result.output
    assert f"    name: {renamed['name']} -> {renamed['name']} II" in result.output
    assert "2 relationships" not in result.output and "1 relationships removed" in result.output
