"""Invariants of every canned query on the real seeded graph, over a grid of days: one row per
real-world fact (the header's key columns are unique), no status that contradicts the dates shown,
no date after the day asked presented as past, and no denied fact counted as a fact."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from graph.catalog.queries import Query
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from tests import seed_facts as facts

GRID = [
    date(1975, 6, 1),
    date(2000, 1, 1),
    date(2017, 6, 1),
    date(2019, 6, 1),
    date(2024, 6, 1),
    date(2025, 1, 1),
    date(2026, 1, 1),
    date.today(),
]
# More than the defaults, so that each organisation, partner and entity of the story is asked about.
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "withdrawals": [{"org": "icc"}, {"org": "ecowas"}],
    "members-as-of": [{"org": "ecowas"}, {"org": "icc"}, {"org": "alliance-of-sahel-states"}],
    "left-org-partnered-with": [
        {},
        {"still_partnered": True},
        {"partner": "russia"},
        {"partner": "wagner-group", "still_partnered": True},
    ],
    "partners-of": [{}, {"actor": "wagner-group"}, {"actor": "mali"}],
    "timeline": [{"entity": "mali"}, {"entity": "niger"}, {"entity": "icc"}],
    "disputes": [{}, {"entity": "niger"}],
    "coups": [{}],
}
# Views of the record itself: they show denied facts, labelled, on purpose.
RECORD_VIEWS = {"disputes", "timeline", "entity", "source", "sources", "entity-search"}
# For each status a query computes: the column holding the date that made it so, and the later
# stages' columns, which must then be empty.
STATUS_DATES: dict[str, dict[str, tuple[str | None, tuple[str, ...]]]] = {
    "withdrawals": {
        "revoked": ("revoked_on", ()),
        "in effect": ("effective_on", ("revoked_on",)),
        "notified": ("notified_on", ("effective_on", "revoked_on")),
        "announced": ("announced_on", ("notified_on", "effective_on", "revoked_on")),
    },
    "warrants": {
        "executed": ("ended_on", ()),
        "withdrawn": ("ended_on", ()),
        "outstanding": (None, ("ended_on",)),
    },
}
DATE_TEXT = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
DATE_FIELD = re.compile(r"^(since|until|date|.*_on)$")


def _date_params(query: Query) -> list[str]:
    return [p.name for p in query.parameters if p.type == "date"]


def _cases() -> Iterator[tuple[str, dict[str, Any], date]]:
    for name, query in sorted(default_catalog().queries.items()):
        for variant in VARIANTS.get(name, [{}]):
            days = GRID if _date_params(query) else GRID[-1:]
            for day in days:
                yield name, {**query.example_params(), **variant}, day


CASES = list(_cases())


def _run(db: Database, name: str, params: dict[str, Any], day: date) -> list[dict[str, Any]]:
    query = default_catalog().get(name)
    given = {**params, **{p: day.isoformat() for p in _date_params(query)}}
    return default_catalog().run(db, name, given).rows


def _dates_shown_as_past(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, date text) of every date in a row, except in expected_/scheduled_ columns. Other
    values of a fact (alternatives) count where their field is a date field."""
    name = path.rsplit(".", 1)[-1]
    if name.startswith(("expected_", "scheduled_")):
        return
    if isinstance(value, str) and DATE_TEXT.match(value):
        yield path, value
    elif isinstance(value, dict):
        if "field" in value and "value" in value and DATE_FIELD.match(str(value["field"])):
            yield f"{path}.{value['field']}", str(value["value"])
        for key, item in value.items():
            if key != "value":
                yield from _dates_shown_as_past(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _dates_shown_as_past(item, path)


def _claims(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, claim status) of every fact a row counts; alternatives are labelled other values."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "claim_status":
                yield path, str(item)
            elif key != "alternatives":
                yield from _claims(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _claims(item, path)


@pytest.mark.parametrize(
    ("name", "params", "day"), CASES, ids=[f"{n}-{json.dumps(p, sort_keys=True)}-{d}" for n, p, d in CASES]
)
def test_catalog_invariants(seeded: Database, name: str, params: dict[str, Any], day: date) -> None:
    query = default_catalog().get(name)
    rows = _run(seeded, name, params, day)

    keys = Counter(json.dumps([row[c] for c in query.key], sort_keys=True) for row in rows)
    repeated = [key for key, n in keys.items() if n > 1]
    assert not repeated, f"{name}: two rows for the same fact {repeated[:3]}"

    if _date_params(query):
        future = [
            (where, text)
            for row in rows
            for where, text in _dates_shown_as_past(row)
            if text > day.isoformat()
        ]
        assert not future, f"{name} on {day}: dates after the day shown as past: {future[:5]}"

    if name not in RECORD_VIEWS:
        denied = [where for row in rows for where, claim in _claims(row) if claim == "denied"]
        assert not denied, f"{name}: denied facts counted: {denied[:5]}"

    if "status" in query.columns:
        assert name in STATUS_DATES, f"{name} computes a status: say in STATUS_DATES which dates decide it"
        for row in rows:
            made_by, later = STATUS_DATES[name][row["status"]]
            if made_by is not None:
                assert row[made_by] is not None and row[made_by] <= day.isoformat(), row
            assert all(row[column] is None for column in later), row


def test_the_grid_covers_every_query() -> None:
    assert {name for name, _, _ in CASES} == set(default_catalog().queries)


# ----- the cases that led here ------------------------------------------------------------------


def test_one_row_per_warrant_and_person(seeded: Database) -> None:
    rows = default_catalog().run(seeded, "warrants", {"issuer": "icc"}).rows
    targeted = Counter(r["to"] for r in facts.of_type("TARGETS") if facts.counts(r))
    assert Counter(row["person_id"] for row in rows) == targeted
    assert targeted["benjamin-netanyahu"] == 1


def test_an_ended_partnership_shows_its_end(seeded: Database) -> None:
    partnership = next(
        r for r in facts.of_type("PARTNERS_WITH") if (r["from"], r["to"]) == ("mali", "wagner-group")
    )
    ended = partnership["until"]
    rows = default_catalog().run(seeded, "left-org-partnered-with", {"as_of": date.today().isoformat()}).rows
    assert [row["partnered_until"] for row in rows if row["state_id"] == "mali"] == [ended.isoformat()]
    still = default_catalog().run(seeded, "left-org-partnered-with", {"still_partnered": True}).rows
    assert "mali" not in {row["state_id"] for row in still}
    before_end = {"as_of": date(ended.year, 1, 1).isoformat(), "still_partnered": True}
    earlier = default_catalog().run(seeded, "left-org-partnered-with", before_end).rows
    assert [row["partnered_until"] for row in earlier if row["state_id"] == "mali"] == [None]


def test_each_member_once(seeded: Database) -> None:
    for day in GRID:
        rows = default_catalog().run(seeded, "members-as-of", {"org": "ecowas", "date": day.isoformat()}).rows
        expected = {
            r["from"]
            for r in facts.of_type("MEMBER_OF")
            if r["to"] == "ecowas" and facts.holds(r, day) and facts.counts(r)
        }
        assert sorted(row["member_id"] for row in rows) == sorted(expected)


# Denied facts of every kind the answers are built from, written by hand beside the seed data
# (between entities the answers are about, dated inside the grid), then removed again.
DENIED_PROBES = """
MATCH (niger:State {id: 'niger'}), (mali:State {id: 'mali'}), (russia:State {id: 'russia'}),
      (icc:Organization {id: 'icc'}), (ecowas:Organization {id: 'ecowas'}),
      (wagner:ArmedGroup {id: 'wagner-group'}), (putin:Person {id: 'vladimir-putin'}),
      (warrant:Warrant {id: 'icc-warrant-benjamin-netanyahu'}), (coup:Event {id: 'mali-coup-2020'})
WITH *, {claim_status: 'denied', source_ids: ['euronews-2025-09-sahel-icc'], key: 'denied-probe'} AS denied
CREATE (niger)-[a:WITHDRAWS_FROM]->(icc) SET a = denied, a.announced_on = date('2016-01-01')
CREATE (russia)-[b:WITHDRAWS_FROM]->(ecowas) SET b = denied, b.announced_on = date('2016-01-01')
CREATE (russia)-[c:MEMBER_OF]->(ecowas) SET c = denied, c.since = date('1975-05-28')
CREATE (mali)-[d:PARTNERS_WITH]->(wagner) SET d = denied, d.since = date('1999-01-01')
CREATE (russia)-[e:PARTNERS_WITH]->(wagner) SET e = denied, e.since = date('1999-01-01')
CREATE (warrant)-[f:TARGETS]->(putin) SET f = denied, f.since = date('2024-11-21')
CREATE (icc)-[g:ISSUED]->(warrant) SET g = denied, g.since = date('1999-01-01')
CREATE (coup)-[h:OUSTED]->(putin) SET h = denied, h.since = date('2020-08-18')
CREATE (russia)-[i:COOPERATES_WITH]->(mali) SET i = denied, i.since = date('1999-01-01')
CREATE (russia)-[j:WITHDREW_FORCES_FROM]->(niger) SET j = denied, j.announced_on = date('1999-01-01')
"""


def test_denied_facts_change_no_answer(seeded: Database) -> None:
    answers = [(case, _run(seeded, *case)) for case in CASES if case[0] not in RECORD_VIEWS]
    seeded.write(DENIED_PROBES)
    try:
        _, probes = seeded.read("MATCH ()-[r {key: 'denied-probe'}]->() RETURN count(r) AS n")
        assert probes[0]["n"] == 10, "every probe found its nodes"
        changed = [case for case, rows in answers if _run(seeded, *case) != rows]
    finally:
        seeded.write("MATCH ()-[r {key: 'denied-probe'}]->() DELETE r")
    assert not changed, f"answers that counted a denied fact: {changed[:5]}"
