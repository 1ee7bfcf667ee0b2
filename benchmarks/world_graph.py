"""A world-shaped synthetic graph in the project's own seed format and model, deterministic from
a seed: every state (pycountry), ~60 organisations with membership histories (joins,
withdrawals by stages, revocations), governments with juntas, coups and leaders over time,
~50,000 persons, warrants, disputed facts with alternative values, and ~1,000,000 dated, sourced
interactions. `--factor` scales the counts (0.05 is the benchmark's --quick).

Its states reuse the curated graph's ids where the seed data has the country (so questions
about ECOWAS or the ICC meet both), and it is loaded beside seed_data/ with `--data`.

    .venv/bin/python benchmarks/world_graph.py OUT_DIR [--factor 1.0]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pycountry
import yaml

from graph.seed.rows import country
from graph.seed.seedset import SeedSet

FULL = {"persons": 50_000, "interactions": 1_000_000, "warrants": 2_000, "disputed": 1_000, "sources": 400}
ORGANISATIONS = 60
FIRST, LAST = date(1960, 1, 1), date(2026, 11, 30)
NODE_COLUMNS = [
    "id", "label", "name", "kind", "iso_name", "issued_on", "date", "source_ids", "credibility", "checked_on",
]  # fmt: skip
REL_COLUMNS = [
    "type", "from", "to", "key", "since", "until", "announced_on", "notified_on", "effective_on",
    "revoked_on", "claim_status", "credibility", "checked_on", "source_ids",
]  # fmt: skip
# A credibility grade each claim status admits (graph/model.yaml), and the day every fact was checked.
SHOWN_WRONG = "world-source-shown-wrong"  # the one source every denied fact cites
CREDIBILITY = {"confirmed": 2, "reported": 2, "alleged": 3, "disputed": 3, "denied": 5}
CHECKED_ON = LAST.isoformat()
# Interactions: (type, start label, end label, share of all interactions).
INTERACTIONS = [
    ("COOPERATES_WITH", "State", "State", 0.30),
    ("PARTNERS_WITH", "State", "State", 0.10),
    ("SUPPLIED_ARMS_TO", "State", "State", 0.10),
    ("DELIVERED_AID_TO", "State", "State", 0.10),
    ("ACCUSES", "State", "State", 0.10),
    ("VISITED", "Person", "State", 0.20),
    ("CRITICISES", "Person", "Organization", 0.10),
]


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


class World:
    def __init__(self, factor: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counts = {name: max(1, round(n * factor)) for name, n in FULL.items()}
        self.sources = [f"world-source-{i}" for i in range(self.counts["sources"])]
        self.key = 0

    def day(self, after: date = FIRST, before: date = LAST) -> date:
        span = max((before - after).days, 1)
        return after + timedelta(days=self.rng.randrange(span))

    def cited(self) -> str:
        return ";".join(self.rng.sample(self.sources, min(self.rng.choice((1, 1, 2, 3)), len(self.sources))))

    def next_key(self) -> str:
        self.key += 1
        return f"w{self.key}"


def _states(seed_ids: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(id, alpha-3, written here) for every country: the curated graph's id where it has one."""
    states = []
    for entry in pycountry.countries:
        if entry.alpha_3 in seed_ids:
            states.append((seed_ids[entry.alpha_3], entry.alpha_3, False))
        else:
            name = getattr(entry, "common_name", None) or entry.name
            states.append((f"{_slug(name)}-state", entry.alpha_3, True))
    return states


def write(out: Path, factor: float = 1.0, seed: int = 2026) -> dict[str, int]:
    """Write the world into `out` (sources, disputes, nodes, relationships); returns counts."""
    world = World(factor, seed)
    rng = world.rng
    curated = SeedSet()
    seed_states = {
        found.alpha_3: str(r["id"])
        for _, r in curated.records("nodes")
        if r.get("label") == "State" and (found := country(r)) is not None
    }
    states = _states(seed_states)
    state_ids = [s for s, _, _ in states]
    for sub in ("sources", "disputes", "nodes", "relationships"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    kinds = ("news", "news", "official", "report", "court")
    (out / "sources" / "world.yaml").write_text(
        yaml.safe_dump(
            {
                "sources": [
                    {
                        "id": s,
                        "title": f"World source {i}",
                        "publisher": f"Publisher {i % 97}",
                        "published": CHECKED_ON,  # a check date is backed by a source of that day
                        "kind": kinds[i % 5],
                        "reliability": "ABCD"[i % 4],  # never E or F: confirmed facts cite any of them
                    }
                    for i, s in enumerate(world.sources)
                ]
                + [
                    {
                        "id": SHOWN_WRONG,
                        "title": "World source the graph shows wrong",
                        "publisher": "Publisher of denied claims",
                        "published": CHECKED_ON,
                        "kind": "news",
                        "reliability": "E",  # a denied version's source (seed_data/README.md, "Grades")
                    }
                ]
            },
            sort_keys=False,
        )
    )
    organisations = [f"world-org-{i}" for i in range(ORGANISATIONS)]
    courts = organisations[:5]
    persons = [f"world-person-{i}" for i in range(world.counts["persons"])]
    counts = {"State": 0, "Organization": 0, "Person": 0, "Government": 0, "Event": 0, "Warrant": 0}
    relationships = 0

    with (
        (out / "nodes" / "world.csv").open("w", newline="") as nodes_file,
        (out / "relationships" / "world.csv").open("w", newline="") as rels_file,
    ):
        nodes = csv.DictWriter(nodes_file, NODE_COLUMNS)
        rels = csv.DictWriter(rels_file, REL_COLUMNS)
        nodes.writeheader()
        rels.writeheader()

        def node(**row: object) -> None:
            if "source_ids" in row:
                row.update(credibility=CREDIBILITY["confirmed"], checked_on=CHECKED_ON)
            nodes.writerow(row)
            counts[str(row["label"])] += 1

        def rel(**row: object) -> None:
            nonlocal relationships
            row.setdefault("key", world.next_key())
            row.setdefault(
                "source_ids", SHOWN_WRONG if row.get("claim_status") == "denied" else world.cited()
            )
            row["credibility"] = CREDIBILITY[str(row.get("claim_status", "confirmed"))]
            row["checked_on"] = CHECKED_ON
            rels.writerow({k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()})
            relationships += 1

        for state_id, alpha_3, new in states:
            if new:
                node(
                    id=state_id,
                    label="State",
                    name=pycountry.countries.get(alpha_3=alpha_3).name,
                    iso_name=alpha_3,
                )
        for i, org in enumerate(organisations):
            node(
                id=org,
                label="Organization",
                name=f"World organisation {i}",
                kind="court" if org in courts else "intergovernmental",
            )
        for i, person in enumerate(persons):
            node(id=person, label="Person", name=f"World person {i}")

        # Memberships, some ended by a withdrawal in stages, some withdrawals revoked.
        for org in organisations:
            for state in rng.sample(state_ids, rng.randrange(20, 120)):
                since = world.day(FIRST, date(2015, 1, 1))
                fate = rng.random()
                if fate < 0.10:
                    announced = world.day(since + timedelta(days=365))
                    notified = announced + timedelta(days=rng.randrange(10, 200))
                    effective = notified + timedelta(days=365)
                    rel(type="MEMBER_OF", **{"from": state, "to": org}, since=since, until=effective, key="")
                    rel(
                        type="WITHDRAWS_FROM",
                        **{"from": state, "to": org},
                        announced_on=announced,
                        notified_on=notified,
                        effective_on=effective,
                        key="",
                    )
                elif fate < 0.13:
                    announced = world.day(since + timedelta(days=365))
                    rel(type="MEMBER_OF", **{"from": state, "to": org}, since=since, key="")
                    rel(
                        type="WITHDRAWS_FROM",
                        **{"from": state, "to": org},
                        announced_on=announced,
                        revoked_on=announced + timedelta(days=rng.randrange(30, 300)),
                        key="",
                    )
                else:
                    rel(type="MEMBER_OF", **{"from": state, "to": org}, since=since, key="")

        # Governments, coups and leaders over time.
        for state in state_ids:
            government = f"{state}-government-world"
            junta = rng.random() < 0.12
            node(
                id=government,
                label="Government",
                name=f"Government of {state}",
                kind="military-junta" if junta else "civilian",
                source_ids=world.cited(),
            )
            since = world.day(date(1990, 1, 1))
            rel(type="RULES", **{"from": government, "to": state}, since=since)
            leader_since = since
            for _ in range(rng.randrange(1, 4)):
                until = min(leader_since + timedelta(days=rng.randrange(400, 3000)), LAST)
                rel(
                    type="LEADS",
                    **{"from": rng.choice(persons), "to": government},
                    since=leader_since,
                    until=until if until < LAST else "",
                )
                leader_since = until
                if until >= LAST:
                    break
            if junta:
                coup = f"{state}-coup-world"
                node(
                    id=coup,
                    label="Event",
                    name=f"Coup in {state}",
                    kind="coup",
                    date=since.isoformat(),
                    source_ids=world.cited(),
                )
                rel(type="TOOK_PLACE_IN", **{"from": coup, "to": state}, since=since)
                rel(type="CAME_TO_POWER_IN", **{"from": government, "to": coup}, since=since)

        # Warrants: a tenth by the ICC of the curated graph, the rest by the world's courts.
        for i in range(world.counts["warrants"]):
            warrant = f"world-warrant-{i}"
            issued = world.day(date(2002, 7, 1))
            node(
                id=warrant,
                label="Warrant",
                name=f"Warrant {i}",
                issued_on=issued.isoformat(),
                source_ids=world.cited(),
            )
            rel(
                type="ISSUED",
                **{"from": "icc" if i % 10 == 0 else rng.choice(courts), "to": warrant},
                since=issued,
            )
            rel(type="TARGETS", **{"from": warrant, "to": rng.choice(persons)}, since=issued)

        # Interactions, by their shares.
        total = world.counts["interactions"]
        for kind, start, end, share in INTERACTIONS:
            for _ in range(round(total * share)):
                source = rng.choice(persons if start == "Person" else state_ids)
                target = rng.choice(organisations if end == "Organization" else state_ids)
                if source == target:
                    continue
                status = rng.choices(("confirmed", "reported", "alleged", "denied"), (80, 12, 6, 2))[0]
                rel(type=kind, **{"from": source, "to": target}, since=world.day(), claim_status=status)

    # Disputed facts: one record each, with an alternative value of its date (YAML).
    disputes, facts = [], []
    for i in range(world.counts["disputed"]):
        dispute = f"world-dispute-{i}"
        since = world.day(date(2000, 1, 1))
        disputes.append(
            {
                "id": dispute,
                "summary": f"Sources give two dates for cooperation {i}.",
                "source_ids": [world.sources[0]],
            }
        )
        alternative = {
            "since": (since + timedelta(days=rng.randrange(1, 90))).isoformat(),
            "claim_status": "disputed",
            "credibility": CREDIBILITY["disputed"],
            "source_ids": [rng.choice(world.sources)],
        }
        one, other = rng.sample(state_ids, 2)  # two different states, or the dispute has no fact
        facts.append(
            {
                "type": "COOPERATES_WITH",
                "from": one,
                "to": other,
                "key": f"disputed-{i}",
                "since": since.isoformat(),
                "dispute": dispute,
                "credibility": CREDIBILITY["confirmed"],
                "checked_on": CHECKED_ON,
                "source_ids": [rng.choice(world.sources)],
                "alternatives": [alternative],
            }
        )
    (out / "disputes" / "world.yaml").write_text(yaml.safe_dump({"disputes": disputes}, sort_keys=False))
    (out / "relationships" / "world-disputed.yaml").write_text(
        yaml.safe_dump({"relationships": facts}, sort_keys=False)
    )
    return {**counts, "relationships": relationships + len(facts), "disputes": len(disputes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--factor", type=float, default=1.0, help="scale of the counts (0.05: quick)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(write(args.out, args.factor, args.seed))


if __name__ == "__main__":
    main()
