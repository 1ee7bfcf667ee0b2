"""The alignment index on the seed graph: explainable, time-aware, driven by its weight table."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import cypher
from graph.alignment import weights
from graph.alignment.index import AlignmentIndex, steps
from graph.alignment.weights import WEIGHTS_FILE, WeightTable, default_table
from graph.db.database import Database
from graph.errors import BadParameter
from graph.settings import Settings
from tests.plans import write_operators

SAHEL = ("mali", "burkina-faso", "niger")
BEFORE, AFTER = date(2019, 1, 1), date(2025, 10, 1)


@pytest.fixture(scope="module")
def index(seeded: Database) -> AlignmentIndex:
    return AlignmentIndex(seeded)


@pytest.mark.parametrize("subject", SAHEL)
@pytest.mark.parametrize("toward", ["russia", "ecowas", "icc", "western-security-partners"])
def test_score_is_the_sum_of_its_contributions(index: AlignmentIndex, subject: str, toward: str) -> None:
    result = index.score(subject, toward, AFTER)
    assert result.score == pytest.approx(sum(c.value for c in result.contributions))
    for contribution in result.contributions:
        product = math.prod(h.value for h in contribution.path)  # a vote hop counts its agreement
        assert contribution.value == pytest.approx(contribution.discount * product)
        assert all(hop.sources for hop in contribution.path)


@pytest.mark.parametrize("subject", SAHEL)
def test_sahel_states_turn_toward_russia_and_away_from_ecowas(index: AlignmentIndex, subject: str) -> None:
    assert index.score(subject, "russia", AFTER).score > index.score(subject, "russia", BEFORE).score
    assert index.score(subject, "ecowas", AFTER).score < index.score(subject, "ecowas", BEFORE).score


def test_an_edge_outside_its_dates_contributes_nothing(index: AlignmentIndex, seeded: Database) -> None:
    _, rows = seeded.read(
        "MATCH (:State {id: 'mali'})-[r:PARTNERS_WITH]->(:ArmedGroup {id: 'wagner-group'}) "
        "RETURN r.since AS since, r.until AS until"
    )
    since, until = rows[0]["since"].to_native(), rows[0]["until"].to_native()

    def uses_wagner(day: date) -> bool:
        result = index.score("mali", "wagner-group", day, max_hops=1)
        return any(h.type == "PARTNERS_WITH" for c in result.contributions for h in c.path)

    assert uses_wagner(since) and uses_wagner(date.fromordinal(until.toordinal() - 1))
    assert not uses_wagner(until) and not uses_wagner(date.fromordinal(since.toordinal() - 1))


def test_changing_a_weight_changes_the_score_as_expected(seeded: Database, index: AlignmentIndex) -> None:
    base = index.score("mali", "russia", AFTER)
    table = default_table()
    doubled = replace(
        table, weights={**table.weights, "PARTNERS_WITH": 2 * table.weights["PARTNERS_WITH"] / 2}
    )
    doubled = replace(table, weights={**table.weights, "PARTNERS_WITH": table.weights["PARTNERS_WITH"] / 2})
    changed = AlignmentIndex(seeded, doubled).score("mali", "russia", AFTER)
    expected = sum(
        c.value * 0.5 ** sum(h.type == "PARTNERS_WITH" for h in c.path) for c in base.contributions
    )
    assert changed.score == pytest.approx(expected, abs=1e-5)
    assert changed.score != pytest.approx(base.score)


def test_a_disputed_claim_is_discounted_as_documented(index: AlignmentIndex) -> None:
    """Burkina Faso's Wagner 'agreement' (the article's claim) is disputed: it counts at the
    fraction asked for, and not at all at 0."""

    def wagner_contributions(fraction: float) -> list[float]:
        result = index.score("burkina-faso", "wagner-group", AFTER, disputed_fraction=fraction, max_hops=1)
        return [c.value for c in result.contributions if c.path[0].claim_status in ("disputed", "alleged")]

    full = wagner_contributions(1.0)
    assert full, "the seed graph has a disputed Burkina Faso-Wagner tie"
    assert wagner_contributions(0.5) == pytest.approx([v * 0.5 for v in full])
    assert wagner_contributions(0.0) == []


def test_indirect_ties_are_discounted_per_hop(index: AlignmentIndex) -> None:
    result = index.score("mali", "russia", date(2023, 1, 1))
    indirect = [c for c in result.contributions if len(c.path) == 2]
    assert indirect, "Mali's partnership with Wagner reaches Russia through Wagner's backing"
    assert all(c.discount == default_table().hop_discount for c in indirect)


def test_own_weight_table_and_bad_tables(tmp_path: Path) -> None:
    text = WEIGHTS_FILE.read_text()
    mine = tmp_path / "weights.yaml"
    mine.write_text(text.replace("weight: 0.74       # CAMEO 062", "weight: 0.10       # CAMEO 062"))
    assert WeightTable.load(mine).weights["PARTNERS_WITH"] == 0.10
    mine.write_text(text.replace("  VISITED:", "  LIKES:"))
    with pytest.raises(BadParameter, match="unknown relationship type 'LIKES'"):
        WeightTable.load(mine)


def test_a_bad_weight_table_stops_the_api_at_its_start(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "weights.yaml"
    bad.write_text(WEIGHTS_FILE.read_text().replace("  VISITED:", "  LIKES:"))
    monkeypatch.setattr(weights, "WEIGHTS_FILE", bad)
    default_table.cache_clear()
    try:
        with pytest.raises(BadParameter, match="unknown relationship type 'LIKES'"):
            create_app(settings)
    finally:
        default_table.cache_clear()


def test_series_agrees_with_single_dates(index: AlignmentIndex, seeded: Database, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        series = client.get(
            "/alignment/niger/series",
            params={"toward": "russia", "from_date": "2019-01-01", "to_date": "2026-01-01"},
        ).json()
        assert [p["date"] for p in series["points"]] == [f"{y}-01-01" for y in range(2019, 2027)]
        for point in series["points"]:
            single = client.get(
                "/alignment/niger", params={"toward": "russia", "as_of": point["date"]}
            ).json()
            assert single["score"] == pytest.approx(point["score"])
            assert single["score"] == pytest.approx(
                sum(c["value"] for c in single["contributions"]), abs=1e-5
            )


def test_shifts_rank_by_change_with_reasons(settings: Settings, seeded: Database) -> None:
    with TestClient(create_app(settings)) as client:
        shifts = client.get(
            "/alignment-shifts",
            params={"toward": "ecowas", "from_date": "2019-01-01", "to_date": "2025-10-01"},
        ).json()
        changes = [abs(s["change"]) for s in shifts]
        assert changes == sorted(changes, reverse=True)
        sahel = {s["subject"]: s for s in shifts if s["subject"] in SAHEL}
        assert set(sahel) == set(SAHEL)
        for entry in sahel.values():
            assert entry["change"] < 0 and entry["appeared"] and entry["ended"]
        assert client.get("/alignment/mali", params={"toward": "atlantis"}).status_code == 404
        assert client.get("/alignment/mali", params={"toward": "russia", "as_of": "soon"}).status_code == 422


def test_the_alignment_queries_are_read_only(seeded: Database) -> None:
    table = default_table()
    ties = {
        "ids": ["mali", "russia"],
        "days": [AFTER],
        "first": BEFORE,
        "last": AFTER,
        "others": None,
        "states_only": False,
        "with_ids": True,
        "weights": table.weights,
        "one_off": sorted(table.one_off),
        "factors": {"confirmed": 1.0},
        "credibility": {"1": 1.0},
        "ungraded": 6,
        "half_life": table.half_life_years,
    }
    assert write_operators(seeded, cypher.statement("alignment/ties"), ties) == []
    assert write_operators(seeded, cypher.statement("alignment/tie_dates"), ties) == []
    assert write_operators(seeded, cypher.statement("alignment/tie_details"), {"ids": ["5:x:1"]}) == []


# Every path of ties between the subject and a target, one by one: what the bundled score must add up to.
EVERY_PATH = """
MATCH p = (s:Entity {id: $subject})-[*1..3]-(t:Entity)
WHERE t.id IN $targets AND s <> t AND length(p) <= $max_hops
  AND all(r IN relationships(p) WHERE type(r) IN $types)
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
RETURN [r IN relationships(p) | r {
          type: type(r), from: startNode(r).id, to: endNode(r).id, .since, .until, .announced_on,
          .effective_on, .revoked_on, .claim_status, .credibility, .detail, sources: r.source_ids}] AS hops
"""


# The roll calls two states both voted in, in the votes window before a day (weights.yaml, `votes`).
BOTH_VOTED = """
MATCH (a:State {id: $subject})-[va:VOTED]->(d:Document)<-[vb:VOTED]-(b:State {id: $target})
WHERE va.vote <> 'absent' AND vb.vote <> 'absent'
  AND va.since > $day - duration({days: $window_days}) AND va.since <= $day
RETURN CASE va.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS x,
       CASE vb.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS y
"""


def _vote_values(
    seeded: Database, index: AlignmentIndex, subject: str, targets: list[str], day: date
) -> list[float]:
    """The votes component worked out from the VOTED edges: weight x (2A - 1) for each target
    state whose agreement with the subject rests on enough roll calls."""
    rule = index.table.votes
    found = []
    for target in targets:
        params = {"subject": subject, "target": target, "day": day, "window_days": rule.window_days}
        _, rows = seeded.read(BOTH_VOTED, params)
        if len(rows) >= rule.min_votes:
            agreement = sum(1.0 - abs(r["x"] - r["y"]) for r in rows) / len(rows)
            found.append(rule.weight * (2 * agreement - 1))
    return found


@pytest.mark.parametrize("max_hops", [1, 2, 3])
@pytest.mark.parametrize("toward", ["russia", "ecowas", "western-security-partners"])
@pytest.mark.parametrize("subject", ["mali", "niger", "wagner-group"])
def test_the_bundled_score_is_the_sum_over_every_path(
    index: AlignmentIndex, seeded: Database, subject: str, toward: str, max_hops: int
) -> None:
    """The score summed over bundles of ties equals the sum over every path taken one at a time,
    the number of contributions is the number of such paths, and the listed ones are the largest."""
    table = index.table
    targets = index.targets(toward)
    params = {"subject": subject, "targets": targets, "max_hops": max_hops, "types": list(table.weights)}
    _, rows = seeded.read(EVERY_PATH, params)
    for day in (BEFORE, date(2023, 6, 15), AFTER):
        values = []
        for row in rows:
            hops = [index._hop(raw, day, table.disputed_fraction) for raw in row["hops"]]
            if all(hops):
                values.append(table.hop_discount ** (len(hops) - 1) * math.prod(h.value for h in hops))  # type: ignore[union-attr]
        voted = _vote_values(seeded, index, subject, targets, day)
        result = index.score(subject, toward, day, max_hops=max_hops, top=3)
        assert result.count == len(values) + len(voted)
        # an agreement is given to six decimals (graph/alignment/index.py)
        assert result.score == pytest.approx(sum(values) + sum(voted), abs=1e-9 + 2e-6 * len(voted))
        # the largest ties are listed, and every vote contribution beside them
        ties = [c for c in result.contributions if c.path[0].type != "UNGA_VOTES"]
        largest = sorted((abs(v) for v in values), reverse=True)[:3]
        assert [abs(c.value) for c in ties] == pytest.approx(largest)
        listed_votes = [c.value for c in result.contributions if c.path[0].type == "UNGA_VOTES"]
        assert sorted(listed_votes) == pytest.approx(sorted(voted), abs=2e-6)
        listed = result.as_dict()
        assert listed["not_listed"]["count"] == len(values) - len(ties)
        assert listed["score"] == pytest.approx(
            sum(c["value"] for c in listed["contributions"]) + listed["not_listed"]["value"], abs=1e-5
        )


def test_steps_keep_the_day_of_the_month() -> None:
    assert steps(date(2024, 1, 31), date(2024, 4, 30), "month") == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]


def test_ranges_read_either_way(settings: Settings, seeded: Database) -> None:
    """Any two days are a valid range: a series from a later to an earlier day is empty, and a
    shift read backwards is the same shift with its sign turned."""
    with TestClient(create_app(settings)) as client:
        far = client.get(
            "/alignment/mali/series",
            params={"toward": "russia", "from_date": "9999-06-01", "to_date": "9999-12-31"},
        )
        assert far.status_code == 200 and len(far.json()["points"]) == 1
        backwards = client.get(
            "/alignment/mali/series",
            params={"toward": "russia", "from_date": "2025-01-01", "to_date": "2019-01-01"},
        )
        assert backwards.status_code == 200 and backwards.json()["points"] == []

        def shifts(start: str, end: str) -> dict[str, float]:
            params = {"toward": "russia", "from_date": start, "to_date": end, "limit": 100}
            rows = client.get("/alignment-shifts", params=params).json()
            return {row["subject"]: row["score_after"] - row["score_before"] for row in rows}

        forward, reverse = shifts("2019-01-01", "2025-01-01"), shifts("2025-01-01", "2019-01-01")
        assert forward and {k: round(-v, 6) for k, v in forward.items()} == {
            k: round(v, 6) for k, v in reverse.items()
        }


def test_a_series_is_bounded(settings: Settings, seeded: Database) -> None:
    with TestClient(create_app(settings)) as client:
        response = client.get(
            "/alignment/mali/series",
            params={"toward": "russia", "from_date": "1000-01-01", "to_date": "2026-01-01", "step": "month"},
        )
    assert response.status_code == 422
    assert "at most 1,200 points" in response.json()["detail"] and response.json()["parameter"] == "step"


def test_the_series_toward_the_eu_members_moves_with_the_votes(
    index: AlignmentIndex, seeded: Database
) -> None:
    """Toward the EU's members a state gains one vote contribution per member, each worked out
    from the VOTED edges; the series shows them on its days, and Mali, which voted with Russia on
    the Ukraine resolutions, agrees less with the EU's members than Niger did before its coup."""
    members = index.targets("eu-members")
    assert len(members) == 27
    day = date(2023, 6, 1)
    mean = {}
    for subject in ("mali", "niger"):
        expected = _vote_values(seeded, index, subject, members, day)
        assert len(expected) == 27
        result = index.score(subject, "eu-members", day, max_hops=1, top=0)
        listed = [c.value for c in result.contributions if c.path[0].type == "UNGA_VOTES"]
        assert sorted(listed) == pytest.approx(sorted(expected), abs=2e-6)
        points = index.series(subject, "eu-members", date(2021, 6, 1), day, step="year", max_hops=1)
        assert points[-1].as_of == day and points[-1].score == pytest.approx(result.score, abs=1e-9)
        assert points[0].count < points[-1].count, "no roll call in the window of 2021"
        mean[subject] = sum(expected) / len(expected)
    assert mean["mali"] < mean["niger"]
