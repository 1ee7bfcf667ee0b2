"""Each required query's answer on the seed graph, as sets with dates, against the seed files
read independently in Python (tests/seed_facts.py)."""

from __future__ import annotations

from collections import deque
from datetime import date
from typing import Any

import pytest

from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.seed.reading import ALTERNATIVE_META
from graph.seed.seedset import SeedSet
from graph.values import ALTERNATIVES, parse_date
from tests import seed_facts as facts

AS_OF = date(2025, 10, 1)


def run(db: Database, name: str, **params: Any) -> list[dict[str, Any]]:
    return default_catalog().run(db, name, params).rows


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@pytest.mark.parametrize("day", [date(2024, 6, 1), date(2025, 6, 1), date(1990, 1, 1)])
def test_members_as_of(seeded: Database, day: date) -> None:
    expected: dict[str, list[dict[str, Any]]] = {}
    for r in facts.of_type("MEMBER_OF"):
        if r["to"] == "ecowas" and facts.holds(r, day) and facts.status(r) != "denied":
            expected.setdefault(r["from"], []).append(r)
    rows = run(seeded, "members-as-of", org="ecowas", date=day.isoformat())
    assert {(row["member_id"], row["since"]) for row in rows} == {
        (member, iso(min(r["since"] for r in versions))) for member, versions in expected.items()
    }
    assert ("mali" in expected) == (day < date(2025, 1, 29))


def withdrawal_status(r: dict[str, Any], day: date) -> str:
    for stage, name in (
        ("revoked_on", "revoked"),
        ("effective_on", "in effect"),
        ("notified_on", "notified"),
    ):
        if facts.before(r.get(stage), day):
            return name
    return "announced"


def shown(day: date | None, as_of: date) -> str | None:
    """A stage as an as-of answer shows it: only once it has happened."""
    return iso(day) if facts.before(day, as_of) else None


@pytest.mark.parametrize("day", [AS_OF, date(2017, 1, 1), date(2026, 1, 1), date(2026, 11, 1)])
def test_withdrawals(seeded: Database, day: date) -> None:
    expected = {
        (
            r["from"],
            iso(r["announced_on"]),
            shown(r.get("notified_on"), day),
            shown(r.get("effective_on"), day),
            shown(r.get("revoked_on"), day),
            withdrawal_status(r, day),
            facts.status(r),
        )
        for r in facts.of_type("WITHDRAWS_FROM")
        if r["to"] == "icc" and r["announced_on"] <= day and facts.counts(r)
    }
    rows = run(seeded, "withdrawals", org="icc", as_of=day.isoformat())
    assert {
        (
            row["state_id"],
            row["announced_on"],
            row["notified_on"],
            row["effective_on"],
            row["revoked_on"],
            row["status"],
            row["claim_status"],
        )
        for row in rows
    } == expected
    assert len(rows) == len({row["state_id"] for row in rows}), "one row per state"
    statuses = {row["state_id"]: row["status"] for row in rows}
    if day >= date(2017, 3, 7):
        assert statuses["south-africa"] == "revoked"
    if day >= date(2019, 3, 17):
        assert statuses["philippines"] == "in effect"
    if day == AS_OF:
        assert {statuses[s] for s in ("mali", "burkina-faso")} == {"announced"}
        assert statuses["burundi"] == "in effect"


def test_a_notification_after_the_day_asked_is_not_shown(seeded: Database) -> None:
    """Niger's notification (as the graph records it) is not known the day before it; its effect
    date appears as expected only once the notification was given."""
    niger = next(r for r in facts.of_type("WITHDRAWS_FROM") if (r["from"], r["to"]) == ("niger", "icc"))
    notified, effective = niger["notified_on"], niger["effective_on"]
    before, after = date.fromordinal(notified.toordinal() - 1), notified

    def row_on(day: date) -> dict[str, Any]:
        rows = run(seeded, "withdrawals", org="icc", as_of=day.isoformat())
        return next(row for row in rows if row["state_id"] == "niger")

    assert before < notified < effective
    early = row_on(before)
    assert (early["notified_on"], early["expected_effective_on"], early["status"]) == (
        None,
        None,
        "announced",
    )
    assert all(a["value"] <= before.isoformat() for a in early["alternatives"] if a["field"].endswith("_on"))
    late = row_on(after)
    assert (late["notified_on"], late["expected_effective_on"], late["status"]) == (
        iso(notified),
        iso(effective),
        "notified",
    )


def test_warrants(seeded: Database) -> None:
    issued = {r["to"] for r in facts.of_type("ISSUED") if r["from"] == "icc" and facts.counts(r)}
    targets = {r["from"]: r["to"] for r in facts.of_type("TARGETS") if facts.counts(r)}
    expected = set()
    for warrant_id in issued & set(targets):
        warrant = facts.nodes()[warrant_id]
        if warrant["issued_on"] > AS_OF:
            continue
        executed = warrant.get("executed_on")
        withdrawn = warrant.get("withdrawn_on")
        status = (
            "executed"
            if facts.before(executed, AS_OF)
            else "withdrawn"
            if facts.before(withdrawn, AS_OF)
            else "outstanding"
        )
        expected.add((targets[warrant_id], iso(warrant["issued_on"]), status))
    rows = run(seeded, "warrants", issuer="icc", as_of=AS_OF.isoformat())
    assert {(row["person_id"], row["issued_on"], row["status"]) for row in rows} == expected
    assert len(rows) == len(expected), "one row per warrant and person"
    assert ("vladimir-putin", "2023-03-17", "outstanding") in expected
    assert ("rodrigo-duterte", "2025-03-07", "executed") in expected


def test_left_org_partnered_with(seeded: Database) -> None:
    leavers = {
        r["from"]
        for r in facts.of_type("WITHDRAWS_FROM")
        if r["to"] == "ecowas"
        and r["announced_on"] <= AS_OF
        and facts.status(r) != "denied"
        and not facts.before(r.get("revoked_on"), AS_OF)
    }
    expected = {
        (r["from"], iso(r["since"]), facts.status(r))
        for r in facts.of_type("PARTNERS_WITH")
        if r["to"] == "wagner-group" and r["from"] in leavers and r["since"] <= AS_OF
    }
    rows = run(seeded, "left-org-partnered-with", as_of=AS_OF.isoformat())
    assert {(row["state_id"], row["partnered_since"], row["claim_status"]) for row in rows} == expected
    assert "mali" in {state for state, _, _ in expected}
    for row in rows:
        assert row["left_on"] and row["sources"]


def test_partners_of(seeded: Database) -> None:
    kinds = {
        "PARTNERS_WITH",
        "COOPERATES_WITH",
        "SUPPLIED_ARMS_TO",
        "DELIVERED_AID_TO",
        "DEPLOYED_TO",
        "BACKED_BY",
        "MEMBER_OF",
    }
    expected = set()
    for r in facts.relationships():
        if r["type"] in kinds and "russia" in (r["from"], r["to"]) and facts.status(r) != "denied":
            start = r.get("since") or r.get("announced_on")
            if facts.before(start, AS_OF) and (r.get("until") is None or r["until"] > AS_OF):
                other = r["to"] if r["from"] == "russia" else r["from"]
                expected.add((other, r["type"], iso(r.get("since"))))
    rows = run(seeded, "partners-of", actor="russia", as_of=AS_OF.isoformat())
    assert {(row["partner_id"], row["relation"], row["since"]) for row in rows} == expected
    assert expected


def test_timeline_is_complete_and_oldest_first(seeded: Database) -> None:
    """Every dated stage of every fact about Mali, and every other date sources give for one,
    labelled as such: the timeline is a view of the record, so denied versions are in it too."""
    stages = ("since", "until", "announced_on", "notified_on", "effective_on", "revoked_on")
    expected = []
    for r in facts.relationships():
        if "mali" not in (r["from"], r["to"]):
            continue
        expected += [(r[s], "stated", facts.status(r)) for s in stages if r.get(s)]
        for alternative in r.get("alternatives") or []:
            expected += [
                (parse_date(alternative[s])[0], "alternative", alternative["claim_status"])
                for s in stages
                if s in alternative
            ]
    rows = run(seeded, "timeline", entity="mali")
    assert sorted((row["date"], row["version"], row["claim_status"]) for row in rows) == sorted(
        (iso(d), version, claim) for d, version, claim in expected
    )
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    assert any(row["version"] == "alternative" for row in rows), "Mali has disputed dates"


def shortest_length(start: str, goal: str) -> int | None:
    neighbours: dict[str, set[str]] = {}
    for r in facts.relationships():
        if not facts.counts(r):
            continue  # a path never runs through a denied fact
        neighbours.setdefault(r["from"], set()).add(r["to"])
        neighbours.setdefault(r["to"], set()).add(r["from"])
    seen, queue = {start: 0}, deque([start])
    while queue:
        node = queue.popleft()
        for nxt in neighbours.get(node, ()):
            if nxt not in seen:
                seen[nxt] = seen[node] + 1
                queue.append(nxt)
    return seen.get(goal)


@pytest.mark.parametrize(("start", "goal"), [("mali", "vladimir-putin"), ("niger", "benjamin-netanyahu")])
def test_connections_are_shortest_paths(seeded: Database, start: str, goal: str) -> None:
    rows = run(seeded, "connections", from_id=start, to_id=goal, max_hops=6)
    assert rows
    expected = shortest_length(start, goal)
    for row in rows:
        assert row["length"] == expected == len(row["hops"])
        at = start
        for hop in row["hops"]:
            assert at in (hop["from_id"], hop["to_id"])
            at = hop["to_id"] if hop["from_id"] == at else hop["from_id"]
            assert hop["sources"] and hop["claim_status"] != "denied"
        assert at == goal
    assert run(seeded, "connections", from_id=start, to_id=goal, max_hops=expected - 1) == []


def test_disputes_list_every_version_of_every_dispute(seeded: Database) -> None:
    """Every fact that names a dispute, and each of its alternative values with its claim status;
    for one entity, only the versions of facts it takes part in."""
    named, alternatives = set(), []
    for _, record in [*SeedSet().records("relationships"), *SeedSet().records("nodes")]:
        if "dispute" not in record:
            continue
        named.add((record["dispute"], record.get("from", record.get("id"))))
        for alternative in record.get(ALTERNATIVES) or []:
            alternatives += [
                (record["dispute"], field, str(value), alternative["claim_status"])
                for field, value in alternative.items()
                if field not in ALTERNATIVE_META
            ]
    rows = run(seeded, "disputes")
    assert {(row["dispute_id"], row["subject_id"]) for row in rows} == named
    shown = [
        (row["dispute_id"], row["field"], row["value"], row["claim_status"])
        for row in rows
        if row["version"] == "alternative"
    ]
    assert sorted(shown) == sorted(alternatives)
    niger = run(seeded, "disputes", entity="niger")
    assert niger and all("niger" in (row["subject_id"], row["object_id"]) for row in niger)


def test_sources_count_the_facts_citing_them(seeded: Database) -> None:
    """Each source with the number of facts that cite it, for the fact or for another value."""
    expected: dict[str, int] = {str(r["id"]): 0 for _, r in SeedSet().records("sources")}
    for _, record in [*SeedSet().records("relationships"), *SeedSet().records("nodes")]:
        cited = set(record.get("source_ids") or [])
        for alternative in record.get(ALTERNATIVES) or []:
            cited |= set(alternative["source_ids"])
        for source_id in cited:
            expected[source_id] += 1
    rows = run(seeded, "sources")
    assert {row["id"]: row["facts"] for row in rows} == expected
    assert max(expected.values()) > 10  # the article


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("JNIM", "jnim"),
        ("Nusrat al-Islam", "jnim"),
        ("Islamic State Sahel", "islamic-state-sahel-province"),
        ("Ag Ghaly", "iyad-ag-ghaly"),
        ("Péter Magyar", "peter-magyar"),
        ("Abdou Sidikou Issa", "issa-abdou-sidikou"),
        ("Azawad Liberation Front", "azawad-liberation-front"),
        ("Sadio Camara", "sadio-camara"),
        ("Karim Khan", "karim-khan"),
        ("Karim A. A. Khan", "karim-khan"),
    ],
)
def test_entity_search_finds_the_widened_graph(seeded: Database, typed: str, expected: str) -> None:
    """What an analyst of the Sahel types finds the group, its leader, the new government."""
    from graph.values import search_text

    rows = run(seeded, "entity-search", q=search_text(typed), label="any", limit=20)
    assert expected in {row["id"] for row in rows}


def test_the_timeline_shows_each_break_of_relations_on_its_day(seeded: Database) -> None:
    """Mali's and Niger's breaks with Ukraine, on the days the seed files give them."""
    for state in ("mali", "niger"):
        [rupture] = [r for r in facts.of_type("SEVERED_RELATIONS_WITH") if r["from"] == state]
        rows = run(seeded, "timeline", entity=state)
        shown = {
            (row["date"], row["object_id"])
            for row in rows
            if row["relation"] == "SEVERED_RELATIONS_WITH (since)"
        }
        assert (rupture["since"].isoformat(), rupture["to"]) in shown


def test_malis_timeline_shows_april_2026(seeded: Database) -> None:
    """The JNIM-FLA offensive of April 2026 and what came of it are in Mali's timeline, on the
    days the seed files give, with every other fact about Mali dated that month."""
    stages = ("since", "until", "announced_on", "notified_on", "effective_on", "revoked_on")
    expected = {
        (iso(r[s]), r["from"], r["to"])
        for r in facts.relationships()
        if "mali" in (r["from"], r["to"])
        for s in stages
        if r.get(s) and (r[s].year, r[s].month) == (2026, 4)
    }
    rows = run(seeded, "timeline", entity="mali")
    found = {
        (row["date"], row["subject_id"], row["object_id"])
        for row in rows
        if row["date"].startswith("2026-04")
    }
    assert expected and expected <= found
    events = {subject for _, subject, obj in expected if facts.nodes()[subject]["label"] == "Event"}
    assert events, "an event of April 2026 took place in Mali"


def test_the_warrants_answer_shows_each_step_of_a_case(seeded: Database) -> None:
    """Each warrant's dated steps by the day asked, oldest first, those after its last check
    marked as not checked since; its stage is the latest step reported (the Duterte case in 2026)."""
    for as_of in (date(2025, 6, 1), date(2026, 12, 3)):
        rows = {
            row["warrant_id"]: row for row in run(seeded, "warrants", issuer="icc", as_of=as_of.isoformat())
        }
        for warrant_id, row in rows.items():
            node = facts.nodes()[warrant_id]
            steps = sorted(
                (value, name.removesuffix("_on"))
                for name, value in node.items()
                if isinstance(value, date) and name != "checked_on" and value <= as_of
            )
            assert [(step["on"], step["step"]) for step in row["proceedings"]] == [
                (iso(d), n) for d, n in steps
            ]
            reported = [f"{n} {iso(d)}" for d, n in steps if d <= node["checked_on"]]
            assert row["stage"] == (reported[-1] if reported else None)
            for step in row["proceedings"]:
                assert step["seen"] == (
                    "reported" if step["on"] <= iso(node["checked_on"]) else "due; not checked since"
                )
    # today the Duterte case stands at a step of 2026
    duterte = {row["warrant_id"]: row for row in run(seeded, "warrants", issuer="icc")}[
        "icc-warrant-rodrigo-duterte"
    ]
    assert duterte["stage"].split()[-1].startswith("2026-")
