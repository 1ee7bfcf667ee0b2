"""The curated graph, as loaded: public ids, provenance, time, disagreement, ECOWAS over time."""

from __future__ import annotations

from datetime import date

from graph.db.database import Database
from graph.model import TIME_FIELDS, load_model
from graph.seed.seedset import SeedSet

PUBLIC_IDS = {
    "mali": "State",
    "burkina-faso": "State",
    "niger": "State",
    "russia": "State",
    "ukraine": "State",
    "hungary": "State",
    "burundi": "State",
    "philippines": "State",
    "south-africa": "State",
    "gambia": "State",
    "israel": "State",
    "united-states": "State",
    "france": "State",
    "wagner-group": "ArmedGroup",
    "africa-corps": "ArmedGroup",
    "ecowas": "Organization",
    "icc": "Organization",
    "alliance-of-sahel-states": "Organization",
    "united-nations": "Organization",
    "human-rights-watch": "Organization",
    "vladimir-putin": "Person",
    "benjamin-netanyahu": "Person",
    "rodrigo-duterte": "Person",
    "assimi-goita": "Person",
    "ibrahim-traore": "Person",
    "abdourahamane-tiani": "Person",
    "viktor-orban": "Person",
    "gergely-gulyas": "Person",
    "crimea": "Place",
    "rome-statute": "Document",
}

ECOWAS_MEMBERS_ON = """
MATCH (s:State)-[m:MEMBER_OF]->(:Organization {id: 'ecowas'})
WHERE m.since <= $day AND (m.until IS NULL OR m.until > $day)
RETURN collect(DISTINCT s.id) AS members
"""


def test_public_ids_have_their_labels(seeded: Database) -> None:
    _, rows = seeded.read(
        "MATCH (n:Entity) WHERE n.id IN $ids "
        "RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels",
        {"ids": list(PUBLIC_IDS)},
    )
    assert {(r["id"], r["labels"][0]) for r in rows} == set(PUBLIC_IDS.items())


def test_states_carry_iso_codes(seeded: Database) -> None:
    _, rows = seeded.read(
        "MATCH (s:State) WHERE (s.iso2 IS NULL OR s.iso3 IS NULL) AND s.iso_none IS NULL RETURN s.id AS id"
    )
    assert rows == []
    _, rows = seeded.read("MATCH (s:State) WHERE s.iso_former IS NOT NULL RETURN count(s) AS n")
    assert rows[0]["n"] >= 4  # Czechoslovakia, the GDR, Yugoslavia, Democratic Yemen
    _, rows = seeded.read("MATCH (s:State {id: 'russia'}) RETURN s.iso3 AS iso3")
    assert rows[0]["iso3"] == "RUS"


def test_every_relationship_is_dated_and_sourced(seeded: Database) -> None:
    _, rows = seeded.read(
        "MATCH (:Entity)-[r]->(:Entity) "
        "WHERE size(r.source_ids) = 0 OR all(f IN $fields WHERE r[f] IS NULL) "
        "RETURN type(r) AS type, r.key AS key",
        {"fields": list(TIME_FIELDS)},
    )
    assert rows == []
    _, rows = seeded.read(
        "MATCH (:Entity)-[r]->(:Entity) UNWIND r.source_ids AS sid "
        "OPTIONAL MATCH (s:Source {id: sid}) WITH sid, s WHERE s IS NULL RETURN DISTINCT sid"
    )
    assert rows == [], "every cited source is a Source node"
    _, rows = seeded.read("MATCH (:Entity)-[r]->(:Entity) RETURN DISTINCT type(r) AS type")
    assert {r["type"] for r in rows} <= set(load_model().relationships)


def test_fact_nodes_cite_sources(seeded: Database) -> None:
    _, rows = seeded.read(
        "MATCH (n:Entity) WHERE any(l IN labels(n) WHERE l IN $facts) "
        "AND size(coalesce(n.source_ids, [])) = 0 "
        "RETURN n.id AS id",
        {"facts": sorted(load_model().fact_labels)},
    )
    assert rows == []


def test_disputes_keep_every_version_with_its_own_sources(seeded: Database) -> None:
    """A version is a fact naming the dispute, or an alternative value of one: each has sources
    and a claim status, and every dispute has two versions or more. Two versions differ in
    status unless no evidence settles between them, and then both are disputed (D33)."""
    _, rows = seeded.read(
        """
        MATCH (d:Dispute)
        OPTIONAL MATCH ()-[r]->() WHERE r.dispute = d.id
        WITH d, collect(r) AS rels
        OPTIONAL MATCH (n:Entity) WHERE n.dispute = d.id
        WITH d, rels, collect(n) AS nodes
        WITH d, rels + nodes AS facts
        RETURN d.id AS id, reduce(acc = [], f IN facts |
          acc + [{claim_status: f.claim_status, source_ids: f.source_ids}]
              + [i IN range(0, size(coalesce(f.alt_field, [])) - 1)
                 | {claim_status: f.alt_claim_status[i], source_ids: split(f.alt_sources[i], ' ')}]
        ) AS versions
        """
    )
    assert len(rows) == len(list(SeedSet().records("disputes")))
    for row in rows:
        versions = row["versions"]
        assert len(versions) >= 2, row["id"]
        assert all(v["source_ids"] and v["claim_status"] for v in versions), row["id"]
        statuses = {v["claim_status"] for v in versions}
        assert len(statuses) >= 2 or len(versions) > 2 or statuses == {"disputed"}, row["id"]


def test_the_grain_delivery_is_one_fact_with_both_quantities(seeded: Database) -> None:
    _, rows = seeded.read(
        "MATCH (:State {id: 'russia'})-[r:DELIVERED_AID_TO]->(:State {id: 'burkina-faso'}) "
        "RETURN r.quantity AS quantity, r.claim_status AS status, "
        "[i IN range(0, size(r.alt_field) - 1) WHERE r.alt_field[i] = 'quantity' "
        " | [r.alt_value[i], r.alt_claim_status[i]]] AS others"
    )
    assert [(r["quantity"], r["status"], r["others"]) for r in rows] == [
        (25000, "confirmed", [["50000", "disputed"]])
    ]


def members_on(db: Database, day: date) -> set[str]:
    _, rows = db.read(ECOWAS_MEMBERS_ON, {"day": day})
    return set(rows[0]["members"])


def test_ecowas_membership_before_and_after_the_sahel_exit(seeded: Database) -> None:
    before, after = date(2024, 6, 1), date(2025, 6, 1)
    _, rows = seeded.read(
        "MATCH (s:State)-[w:WITHDRAWS_FROM]->(:Organization {id: 'ecowas'}) "
        "WHERE w.effective_on > $before AND w.effective_on <= $after AND w.revoked_on IS NULL "
        "RETURN collect(s.id) AS leavers",
        {"before": before, "after": after},
    )
    leavers = set(rows[0]["leavers"])
    assert leavers == {"mali", "burkina-faso", "niger"}
    assert leavers <= members_on(seeded, before)
    assert members_on(seeded, after) == members_on(seeded, before) - leavers
    assert len(members_on(seeded, before)) == 15


def test_mauritania_left_ecowas(seeded: Database) -> None:
    assert "mauritania" in members_on(seeded, date(1990, 1, 1))
    assert "mauritania" not in members_on(seeded, date(2010, 1, 1))


def test_a_name_other_sources_give_finds_the_entity(seeded: Database) -> None:
    """Seydou Kamissoko is "Seydou Camara" in one report (a denied alternative of his name)."""
    _, rows = seeded.read(
        "MATCH (n:Entity) WHERE n.search_text CONTAINS 'seydou camara' "
        "RETURN n.id AS id, n.name AS name, n.alt_value AS others, n.alt_claim_status AS claims"
    )
    assert [(r["id"], r["name"], r["others"], r["claims"]) for r in rows] == [
        ("seydou-kamissoko", "Seydou Kamissoko", ["Seydou Camara"], ["denied"])
    ]
