"""Every claim of the source article is in the graph, dated, sourced and quoted verbatim.

The first test runs once per seed record that quotes the article, so each claim is its own
test; the second checks that the article's claims are all covered by such records. Both need
only the seed files and the graph. The last checks every quote against the article's text where
the source archive has it (the project carries no copy of someone else's article), and that
`geoalign ingest` finds the article's main facts in that text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.db.database import Database
from graph.ingest.extract import Extractor, Lexicon
from graph.ingest.linker import Gazetteer
from graph.seed.reading import ALTERNATIVE_META
from graph.seed.seedset import SeedSet
from graph.settings import Settings
from graph.sources.archive import SourceArchive
from graph.values import ALTERNATIVES, is_date_field, parse_date, quote_in

ARTICLE_SOURCE = "euronews-2025-09-sahel-icc"


def article_records() -> list[tuple[str, dict[str, Any]]]:
    """Records that quote the article, and alternatives that do (as the record they belong to,
    with the alternative under `alternative`)."""
    seed_set = SeedSet()
    found = []
    for kind in ("nodes", "relationships"):
        for origin, record in seed_set.records(kind):
            name = f"{Path(origin.path).name}#{origin.number} {origin.record_id}"
            if "quote" in record and ARTICLE_SOURCE in record.get("source_ids", []):
                found.append((name, record))
            for alternative in record.get(ALTERNATIVES) or []:
                if "quote" in alternative and ARTICLE_SOURCE in alternative["source_ids"]:
                    found.append(
                        (
                            f"{name} (alternative)",
                            {**record, "quote": alternative["quote"], "alternative": alternative},
                        )
                    )
    return found


CLAIMS = article_records()


@pytest.mark.parametrize("record", [r for _, r in CLAIMS], ids=[name for name, _ in CLAIMS])
def test_article_claim_is_in_the_graph(seeded: Database, record: dict[str, Any]) -> None:
    if "type" in record:
        _, rows = seeded.read(
            "MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) "
            "WHERE type(r) = $type AND r.key = $key RETURN properties(r) AS props",
            {
                "from": record["from"],
                "to": record["to"],
                "type": record["type"],
                "key": record.get("key", ""),
            },
        )
    else:
        _, rows = seeded.read(
            "MATCH (n:Entity {id: $id}) RETURN properties(n) AS props", {"id": record["id"]}
        )
    assert len(rows) == 1, "the claim's node or relationship is missing"
    stored = rows[0]["props"]
    if "alternative" in record:  # another value of the fact, kept beside the preferred one
        versions = zip(
            stored["alt_field"], stored["alt_value"], stored["alt_quote"], stored["alt_sources"], strict=True
        )
        held = {
            (f, v)
            for f, v, quote, sources in versions
            if quote == record["quote"] and ARTICLE_SOURCE in sources.split()
        }
        alternative = record["alternative"]
        assert held == {(f, str(v)) for f, v in alternative.items() if f not in ALTERNATIVE_META}
        return
    assert stored["quote"] == record["quote"]
    assert ARTICLE_SOURCE in stored["source_ids"]
    for name, value in record.items():
        if is_date_field(name):
            expected, precision = parse_date(value)
            assert stored[name].to_native() == expected, name
            assert stored[f"{name}_precision"] == precision, name


# Each sentence of the article that states a fact, and a fact in the graph that quotes it.
# (A few sentences carry more than one fact; one witness each is enough here.)
ARTICLE_CLAIMS = [
    ("say their countries are withdrawing from the International Criminal Court", "WITHDRAWS_FROM", "icc"),
    ("based in The Hague", None, "icc"),
    ("instrument of neocolonial repression", None, None),
    ("military coups that brought the juntas to power", "CAME_TO_POWER_IN", None),
    ("abandoned long-time partners", "WITHDRAWS_FROM", "ecowas"),
    ("new alliances, mainly with Russia", None, "russia"),
    ("subject to an arrest warrant by the ICC", None, None),
    ("Russia has provided Mali with helicopters", "SUPPLIED_ARMS_TO", "mali"),
    ("partnered with the Wagner mercenary group", "PARTNERS_WITH", "wagner-group"),
    ("at least 32 non-combatants had been killed", None, None),
    ("Wagner also signed an agreement with the junta in Burkina Faso", None, None),
    ("50,000 tons of free grain from Russia in 2023", "DELIVERED_AID_TO", "burkina-faso"),
    ("strengthen economic ties and diversify trade", "COOPERATES_WITH", None),
    ("Russian troops were permitted to move into an airbase in Niamey", "DEPLOYED_TO", None),
    ("visited Russian-occupied Crimea", None, None),
    ("No 68/262 on the territorial integrity of Ukraine", None, None),
    ("Hungary also announced its withdrawal from the court", "WITHDRAWS_FROM", "icc"),
    ("criticised the ICC in April", "CRITICISES", "icc"),
    ("using starvation as a method of warfare", None, None),
    ("The first country to leave the ICC was Burundi in 2017", "WITHDRAWS_FROM", "icc"),
    ("South Africa and the Gambia have both threatened to leave", "WITHDRAWS_FROM", "icc"),
    ("biased against African countries", "CRITICISES", "icc"),
    ("The Philippines left the court in 2019", "WITHDRAWS_FROM", "icc"),
    ("facing prosecution on murder charges", None, None),
]


@pytest.mark.parametrize(("fragment", "rel_type", "end"), ARTICLE_CLAIMS, ids=[c[0] for c in ARTICLE_CLAIMS])
def test_every_article_claim_is_covered(fragment: str, rel_type: str | None, end: str | None) -> None:
    witnesses = [
        record
        for _, record in CLAIMS
        if fragment in record["quote"]
        and (rel_type is None or record.get("type") == rel_type)
        and (end is None or end in (record.get("from"), record.get("to"), record.get("id")))
    ]
    assert witnesses, f"no fact quotes the article's {fragment!r}"


def test_the_quotes_stand_verbatim_in_the_article() -> None:
    settings = Settings()
    source = next(r for _, r in SeedSet().records("sources") if r["id"] == ARTICLE_SOURCE)
    found = SourceArchive.from_settings(settings).text_for(ARTICLE_SOURCE, source.get("text_file"))
    if found is None:
        pytest.skip(
            f"the article's text is not archived: run `geoalign sources add {ARTICLE_SOURCE} FILE`, "
            f"or point GEOALIGN_SOURCE_TEXTS at a folder holding {source.get('text_file')} "
            f"(now {settings.geoalign_source_texts})"
        )
    missing = [record["quote"] for _, record in CLAIMS if not quote_in(record["quote"], found.text)]
    missing += [fragment for fragment, _, _ in ARTICLE_CLAIMS if not quote_in(fragment, found.text)]
    assert not missing, f"not in the article as archived ({found.origin}): {missing}"

    # `geoalign ingest` on the same text proposes the three withdrawals announced on Monday
    # 22 Sept 2025 and the ambassadors' visit to Crimea, each quoted verbatim.
    seeds = SeedSet()
    extractor = Extractor(Gazetteer(seeds), Lexicon.load(seeds.model), seeds.model)
    candidates = extractor.candidates(found.text, date(2025, 9, 23))
    facts = {fact for candidate in candidates for fact in candidate.facts}
    for state in ("mali", "burkina-faso", "niger"):
        assert (state, "WITHDRAWS_FROM", "icc", "2025-09-22") in facts
        assert (state, "VISITED", "crimea", "2025-09") in facts
    assert all(quote_in(r["quote"], found.text) for c in candidates for r in c.records)
