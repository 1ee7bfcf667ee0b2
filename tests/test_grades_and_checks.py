"""Admiralty grades and `checked_on` (seed_data/README.md, "Grades" and "Checks"): validation
refuses what the rules refuse, the seed data keeps them, the API shows every cited source's
grade, and the stale-facts query lists what a second reading of the seed files says it should."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.model import load_model
from graph.seed.preferred import original_publisher
from graph.seed.seedset import SeedSet
from graph.seed.validation import copy_reason, own_sites
from graph.settings import Settings
from graph.values import ALTERNATIVES, is_date_field, parse_date
from tests import seed_facts as facts


def test_the_seed_data_is_graded_throughout() -> None:
    """What validation guarantees, counted again from the files: the closing note's figures."""
    model = load_model()
    sources = {str(r["id"]): r for _, r in SeedSet().records("sources")}
    by_grade = Counter(str(s["reliability"]) for s in sources.values())
    assert set(by_grade) <= set(model.reliabilities) and sum(by_grade.values()) == len(sources)
    weak = {"E", "F"}
    for _, record in [*SeedSet().records("relationships"), *SeedSet().records("nodes")]:
        if "checked_on" not in record:
            continue  # an entity, not a fact
        versions = [record, *(record.get(ALTERNATIVES) or [])]
        for version in versions:
            assert (
                version["credibility"]
                in model.credibility_by_claim_status[version.get("claim_status", "confirmed")]
            )
            if version.get("claim_status", "confirmed") == "confirmed":
                assert {sources[s]["reliability"] for s in version["source_ids"]} - weak, record
            if version["credibility"] == 1:
                grades = [sources[s]["reliability"] for s in version["source_ids"]]
                publishers = {
                    original_publisher(sources[s]["publisher"])
                    for s in version["source_ids"]
                    if sources[s]["reliability"] not in weak
                }
                assert "A" in grades or len(publishers) >= 2, record


def test_a_copy_is_graded_below_its_original() -> None:
    """'Reuters (via TribLIVE)', or a Reuters story on another site, is a copy: C at best, and a
    step below the original wherever the original is in the graph on its own site too
    (seed_data/README.md, "Grades")."""
    scale = "ABCDEF"
    sites = own_sites()
    sources = [r for _, r in SeedSet().records("sources")]
    copies = [s for s in sources if copy_reason(s, sites)]
    direct: dict[str, set[str]] = {}
    for source in sources:
        if not copy_reason(source, sites):
            direct.setdefault(source["publisher"], set()).add(source["reliability"])
    assert len(copies) > 50
    for copy in copies:
        assert scale.index(copy["reliability"]) >= scale.index("C"), copy["id"]
        for grade in direct.get(original_publisher(copy["publisher"]), set()) & set("ABC"):
            assert scale.index(copy["reliability"]) > scale.index(grade), (copy["id"], grade)


# ----- on the seed graph ----------------------------------------------------------------------


def test_every_cited_source_comes_with_its_grade(seeded: Database, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        answer = client.get("/queries/disputes/run").json()
    cited = {s for row in answer["rows"] for s in row["sources"]}
    assert cited and set(answer["source_grades"]) == cited
    graded = {str(r["id"]): r["reliability"] for _, r in SeedSet().records("sources")}
    assert {k: v["reliability"] for k, v in answer["source_grades"].items()} == {s: graded[s] for s in cited}
    rows = default_catalog().run(seeded, "sources").rows
    assert {row["id"]: row["reliability"] for row in rows} == graded


@pytest.mark.parametrize("path", ["/entities/mali", "/alignment/mali?toward=russia&as_of=2025-10-01"])
def test_an_entity_and_a_score_show_the_grades_of_their_sources(
    seeded: Database, settings: Settings, path: str
) -> None:
    with TestClient(create_app(settings)) as client:
        answer = client.get(path).json()
    cited = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "sources" and isinstance(inner, list):
                    cited.update(inner)
                elif key != "source_grades":
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(answer)
    graded = {str(r["id"]): r["reliability"] for _, r in SeedSet().records("sources")}
    assert cited and {k: v["reliability"] for k, v in answer["source_grades"].items()} == {
        s: graded[s] for s in cited
    }


def _expected_stale(as_of: date, max_age_days: int) -> set[tuple[str, str, str | None, str | None]]:
    """The rule of seed_data/README.md "Checks", applied to the seed files in Python."""
    model = load_model()
    found: set[tuple[str, str, str | None, str | None]] = set()

    def stale(record: dict[str, Any], is_open: bool) -> bool:
        checked = record["checked_on"]
        passed = any(
            is_date_field(k) and k != "checked_on" and checked < v <= as_of for k, v in record.items()
        )
        limit = max_age_days
        if "type" in record:  # a lasting type sets its own age (graph/model.yaml)
            limit = model.relationships[record["type"]].max_age_days or max_age_days
        if record.get("type") == "MEMBER_OF":  # an organisation may hold its memberships to its own age
            limit = facts.nodes()[record["to"]].get("membership_max_age_days", limit)
        return passed or (is_open and (as_of - checked).days > limit)

    for record in facts.relationships():
        start = record.get("since", record.get("announced_on"))
        if not facts.counts(record) or start > as_of:
            continue
        lasting = (
            model.relationships[record["type"]].lasting and facts.nodes()[record["to"]]["label"] != "Event"
        )
        is_open = (lasting and not facts.before(record.get("until"), as_of)) or (
            "announced_on" in record
            and "revoked_on" not in record
            and not facts.before(record.get("effective_on"), as_of)
        )
        if stale(record, is_open):
            found.add((record["from"], record["type"], record["to"], record.get("key", "")))
    for node in facts.nodes().values():
        if "checked_on" not in node or not facts.counts(node):
            continue
        if node["label"] == "Warrant":
            is_open = node["issued_on"] <= as_of and not any(
                facts.before(node.get(end), as_of) for end in ("executed_on", "withdrawn_on")
            )
        else:
            is_open = (
                "since" in node and node["since"] <= as_of and not facts.before(node.get("until"), as_of)
            )
        if stale(node, is_open):
            found.add((node["id"], "IS", None, None))
    return found


@pytest.mark.parametrize(
    ("as_of", "max_age_days"), [(date(2026, 12, 1), 180), (date(2025, 10, 1), 90), (date(2024, 1, 1), 3650)]
)
def test_stale_facts_are_the_open_and_the_overdue(seeded: Database, as_of: date, max_age_days: int) -> None:
    rows = default_catalog().run(seeded, "stale-facts", {"as_of": as_of, "max_age_days": max_age_days}).rows
    listed = {(r["subject_id"], r["relation"], r["object_id"], r["key"]) for r in rows}
    assert len(listed) == len(rows), "a fact is listed once"
    assert listed == _expected_stale(as_of, max_age_days)
    checks = [r["checked_on"] for r in rows]
    assert checks == sorted(checks), "oldest checks first"
    assert all(r["reasons"] for r in rows)
    model, nodes = load_model(), facts.nodes()
    for r in rows:  # each says where a new check would look: the organisation's, the type's or the label's
        if r["relation"] == "IS":
            expected = model.settled_by[nodes[r["subject_id"]]["label"]]
        else:
            expected = model.relationships[r["relation"]].settled_by or "a new report of the fact"
            if r["relation"] == "MEMBER_OF":
                expected = nodes[r["object_id"]].get("membership_settled_by", expected)
        assert r["settled_by"] == expected, r


def test_a_fact_checked_again_leaves_the_list(seeded: Database) -> None:
    """The list follows the checks: everything checked on the day asked about is off it."""
    rows = default_catalog().run(seeded, "stale-facts", {"as_of": date(2026, 12, 1)}).rows
    assert all(parse_date(r["checked_on"])[0] < date(2026, 12, 1) for r in rows)
