"""No version of a disputed fact was lost when each fact came to be stored once: every version
the seed files held as a separate edge or node (tests/fixtures/disputes_before_one_fact.yaml)
is still in the present files, as the fact's value or as one of its alternatives, with its claim
status and every source it cited. No database needed."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.seed.reading import ALTERNATIVE_META
from graph.seed.seedset import SeedSet
from graph.values import ALTERNATIVES

BEFORE = Path(__file__).resolve().parent / "fixtures" / "disputes_before_one_fact.yaml"
# Versions re-graded since the snapshot, on better evidence: (dispute, field, value) -> the claim
# status it had then and the one it has now. Anything else must keep its status.
REGRADED = {
    # The Federal Register (90 FR 9369) dates Executive Order 14203 to 6 Feb 2025.
    ("d25-us-icc-executive-order-date", "since", "2025-02-07"): ("disputed", "denied"),
    # Niger's notice "on June 18" (2026) rests on a source that misdates the announcement; the
    # BBC's "nine months after announcing" supports the month only.
    ("d4-sahel-icc-withdrawal-effect", "notified_on", "2026-06-18"): ("confirmed", "disputed"),
    ("d4-sahel-icc-withdrawal-effect", "effective_on", "2027-06-18"): ("confirmed", "disputed"),
    # The fact-check of 3 Dec 2026: the foreign minister wrote on 29 Apr 2025 that parliament had
    # "just voted", so some vote took place that day (the final one was on 20 May): not denied.
    ("d8-hungary-parliament-vote-date", "since", "2025-04-29"): ("denied", "disputed"),
    # Entry into force derived by Art. 126, read in no cited source: the version is reported.
    ("d13-burundi-ratification-date", "since", "2004-09-21"): ("confirmed", "reported"),
    ("d13-burundi-ratification-date", "effective_on", "2004-12-01"): ("confirmed", "reported"),
    ("d14-south-africa-ratification-date", "since", "2000-11-27"): ("confirmed", "reported"),
    ("d14-south-africa-ratification-date", "effective_on", "2002-07-01"): ("confirmed", "reported"),
}


# Aggregators replaced by the primary source that states the same (issue: the graph as of today):
# a version keeps its support when the replacement is cited in its place.
REPLACED = {
    "capetownairport-south-africa-icc-withdrawal": "adomonline-2016-10-un-sg-regrets-south-africa",
    "castle-journal-2025-02-trump-icc-order": "federal-register-2025-02-12-eo-14203",
}


def _kept(sources: set[str] | list[str]) -> set[str]:
    return {REPLACED.get(s, s) for s in sources}


def _before() -> list[dict[str, Any]]:
    return list(yaml.safe_load(BEFORE.read_text())["disputes"])


def _now() -> tuple[dict[str, dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    seeds = SeedSet()
    disputes = {str(r["id"]): r for _, r in seeds.records("disputes")}
    facts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for kind in ("nodes", "relationships"):
        for _, record in seeds.records(kind):
            if "dispute" in record:
                facts[str(record["dispute"])].append(record)
    return disputes, facts


def _versions(record: dict[str, Any]) -> tuple[set[tuple[str, str, str]], set[str]]:
    """(field, value, claim status) of every version a record holds, and all the sources it cites."""
    status = str(record.get("claim_status", "confirmed"))
    values = {(name, str(value), status) for name, value in record.items() if name != ALTERNATIVES}
    sources = set(record.get("source_ids") or [])
    for alternative in record.get(ALTERNATIVES) or []:
        values |= {
            (name, str(value), str(alternative["claim_status"]))
            for name, value in alternative.items()
            if name not in ALTERNATIVE_META
        }
        sources |= set(alternative["source_ids"])
    return values, sources


@pytest.mark.parametrize("before", _before(), ids=lambda d: d["dispute"])
def test_every_version_and_source_survives(before: dict[str, Any]) -> None:
    disputes, facts = _now()
    dispute_id = before["dispute"]
    assert dispute_id in disputes, f"dispute {dispute_id} is gone"
    assert _kept(before["source_ids"]) <= set(disputes[dispute_id]["source_ids"])
    held: set[tuple[str, str, str]] = set()
    cited: set[str] = set()
    for record in facts[dispute_id]:
        values, sources = _versions(record)
        held |= values
        cited |= sources
    for version in before["versions"]:
        missing_sources = _kept(version["source_ids"]) - cited
        assert not missing_sources, f"{dispute_id}: {version['fact']} lost sources {missing_sources}"
        for name, value in (version.get("values") or {}).items():
            then, now = REGRADED.get((dispute_id, name, value), (version["claim_status"],) * 2)
            assert then == version["claim_status"], f"{dispute_id}: REGRADED names the wrong old status"
            assert (name, value, now) in held, (
                f"{dispute_id}: {version['fact']} lost its {now} {name} = {value}"
            )


def test_the_snapshot_holds_every_dispute_of_its_time() -> None:
    assert len(_before()) == 32
    assert sum(len(d["versions"]) for d in _before()) >= 64
