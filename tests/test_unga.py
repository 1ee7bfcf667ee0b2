"""The UN General Assembly's votes: the historical import (checked files, mapped states, counts
equal to the files'), the curated roll calls (tallies equal to the official ones recorded beside
them) and the agreement measure, against figures computed by hand on a small case.

The real unvotes files are not part of the repository (they are fetched data; see the README's
"UN General Assembly votes"): the import is tested on small files in the same format, written here
with the same R data writer the importer reads with.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import rdata
import yaml

from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.errors import SeedDataError
from graph.load.online import seed
from graph.local_neo4j.server import LocalServer
from graph.seed.seedset import SeedSet
from graph.settings import SEED_DIR, Settings
from graph.sources.archive import SourceArchive
from graph.unga.historical import (
    FOLDER_NAME,
    VotesImportError,
    description,
    prepare,
    seed_context,
    symbol,
)

# A small record in the unvotes format: four roll calls, the third with no symbol, the last one a
# roll call the curated seed data records itself (it is left out, with its votes).
DAYS = {
    1: 8000,
    2: 8400,
    3: 18000,
    4: 16156,
}  # days since 1970-01-01: 1991-11-27, 1992-12-31, 2019-04-14, 2014-03-27
ROLL_CALLS = {
    "rcid": [1, 2, 3, 4],
    "session": [46.0, 47.0, 73.0, 68.0],
    "importantvote": [0, 1, 0, 1],
    "date": [float(DAYS[r]) for r in (1, 2, 3, 4)],
    "unres": ["R/46/1", "ESS/10/2", "", "R/68/262"],
    "amend": [0, 0, 1, 0],
    "para": [0, 1, 0, 0],
    "short": ["ONE", "TWO", "THREE", "UKRAINE"],
    "descr": ["First : resolution / adopted", "Second", "Third", "Territorial integrity of Ukraine"],
}
VOTES = [  # (rcid, country, code, vote)
    (1, "Mali", "ML", "yes"), (1, "Russia", "RU", "yes"), (1, "United States", "US", "no"),
    (1, "Yugoslavia", "YU", "abstain"), (1, "Federal Republic of Germany", None, "no"),
    (2, "Mali", "ML", "abstain"), (2, "Russia", "RU", "no"), (2, "United States", "US", "no"),
    (3, "Mali", "ML", "no"), (3, "Russia", "RU", "abstain"), (3, "Yugoslavia", "YU", "yes"),
    (4, "Mali", "ML", "abstain"), (4, "Russia", "RU", "no"), (4, "Ukraine", "UA", "yes"),
]  # fmt: skip
CURATED = ("A/RES/68/262", "2014-03-27")
ISSUES = {
    "rcid": [1, 1, 3],
    "short_name": ["hr", "co", "hr"],
    "issue": ["Human rights", "Colonialism", "Human rights"],
}


def write_unvotes(folder: Path) -> dict[str, str]:
    """The three files, and their SHA-256 digests as a description names them."""
    folder.mkdir(parents=True, exist_ok=True)
    votes = pd.DataFrame(VOTES, columns=["rcid", "country", "country_code", "vote"])
    votes["rcid"] = votes["rcid"].astype(float)
    votes["country_code"] = votes["country_code"].astype("string")
    votes["vote"] = pd.Categorical(votes["vote"], categories=["yes", "abstain", "no"])
    roll_calls = pd.DataFrame(ROLL_CALLS)
    for column in ("rcid", "importantvote", "amend", "para"):
        roll_calls[column] = roll_calls[column].astype("Int32")
    issues = pd.DataFrame(ISSUES)
    issues["rcid"] = issues["rcid"].astype("Int32")
    issues["issue"] = pd.Categorical(issues["issue"])
    for name, frame in (("un_votes", votes), ("un_roll_calls", roll_calls), ("un_roll_call_issues", issues)):
        rdata.write_rda(folder / f"{name}.rda", {name: frame})
    return {f"{n}.rda": hashlib.sha256((folder / f"{n}.rda").read_bytes()).hexdigest() for n in
            ("un_votes", "un_roll_calls", "un_roll_call_issues")}  # fmt: skip


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("unvotes")
    described = {**description(), "files": write_unvotes(folder)}
    return folder, described


@pytest.fixture(scope="module")
def prepared(small: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder, described = small
    state_ids, curated = seed_context(SeedSet().records)
    # Roll call 4 stands for one the curated data records itself, whether or not it does yet.
    curated = curated | {CURATED}
    return prepare(folder, tmp_path_factory.mktemp("imported"), state_ids, curated, described)


def test_the_shipped_description_pins_every_file_and_maps_to_known_states() -> None:
    described = description()
    assert set(described["files"]) == {"un_votes.rda", "un_roll_calls.rda", "un_roll_call_issues.rda"}
    assert all(len(digest) == 64 for digest in described["files"].values())
    ids = {str(r["id"]) for _, r in SeedSet().records("nodes") if r.get("label") == "State"}
    targets = [t if isinstance(t, str) else p["state"] for t in described["names"].values() for p in
               ([t] if isinstance(t, str) else t)]  # fmt: skip
    assert set(targets) <= ids, set(targets) - ids
    assert {"title", "license", "license_url", "citation", "publisher"} <= set(described["about"])


def test_a_file_that_differs_from_its_digest_is_refused_and_nothing_is_written(
    small: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, described = small
    altered = tmp_path / "altered"
    shutil.copytree(folder, altered)
    with (altered / "un_votes.rda").open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(VotesImportError) as raised:
        prepare(altered, tmp_path / "imported", {}, set(), described)
    assert "un_votes.rda" in str(raised.value) and described["files"]["un_votes.rda"] in str(raised.value)
    assert not (tmp_path / "imported" / FOLDER_NAME).exists()
    (altered / "un_roll_calls.rda").unlink()
    with pytest.raises(VotesImportError, match=r"un_roll_calls.rda: missing"):
        prepare(altered, tmp_path / "imported", {}, set(), described)


def test_the_import_writes_every_vote_of_the_files_less_the_curated_roll_call(prepared: Any) -> None:
    curated = [v for v in VOTES if v[0] == 4]
    assert (prepared.roll_calls, prepared.votes) == (len(ROLL_CALLS["rcid"]), len(VOTES))
    assert prepared.curated == ["A/RES/68/262"]
    assert (prepared.written_roll_calls, prepared.written_votes) == (3, len(VOTES) - len(curated))
    # Yugoslavia's vote of 1991 is the SFRY's; its vote of 2019 is Serbia's. The FRG is Germany.
    assert prepared.by_state["yugoslavia"] == 1 and prepared.by_state["serbia"] == 1
    assert prepared.by_state["germany"] == 1
    SeedSet([SEED_DIR, prepared.folder]).validate()


def test_symbols_follow_the_un_document_series() -> None:
    assert symbol("R/68/262") == "A/RES/68/262"
    assert symbol("ESS/10/14") == "A/RES/ES-10/14"
    assert symbol("SS/7/2") == "A/RES/S-7/2"
    assert symbol("A/RES/73/1") == "A/RES/73/1"
    assert symbol(" ") is None


def test_a_country_the_graph_does_not_know_is_named(
    small: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, described = small
    with pytest.raises(VotesImportError, match=r"country 'Mali' \(code 'ML'\) has no state"):
        prepare(folder, tmp_path, {"RU": "russia"}, set(), described)
    assert not (tmp_path / FOLDER_NAME).exists()


def test_every_curated_roll_call_tallies_as_the_official_record(seeded: Database) -> None:
    """Each curated resolution's votes, counted, equal the official tally recorded beside them."""
    roll_calls = [r for _, r in SeedSet().records("nodes") if r.get("kind") == "unga-resolution"]
    _, rows = seeded.read("MATCH (:State)-[:VOTED]->(d) RETURN DISTINCT d.id AS id")
    assert {row["id"] for row in rows} <= {r["id"] for r in roll_calls}, "no vote without its roll call"
    for record in roll_calls:
        rows = default_catalog().run(seeded, "unga-votes", {"resolution": record["id"]}).rows
        counted = Counter(r["vote"] for r in rows)
        official = (record["official_yes"], record["official_no"], record["official_abstain"])
        assert (counted["yes"], counted["no"], counted["abstain"]) == official, record["symbol"]
        assert len({r["state_id"] for r in rows}) == len(rows)


@pytest.fixture(scope="module")
def with_votes(db: Database, settings: Settings, prepared: Any) -> Iterator[Database]:
    archive = SourceArchive.from_settings(settings)
    seed(db, SeedSet([SEED_DIR, prepared.folder], archive=archive), reset=True)
    yield db
    seed(db, SeedSet.from_settings(settings), reset=True)


def _agreement(rows: list[dict[str, Any]]) -> dict[str, tuple[float, int]]:
    return {row["state_id"]: (row["agreement"], row["votes"]) for row in rows}


def test_agreement_equals_the_figures_computed_by_hand(with_votes: Database) -> None:
    window = {"from_date": "1990-01-01", "to_date": "2020-12-31"}
    ranked = default_catalog().run(with_votes, "voting-agreement", {"state": "mali", **window}).rows
    # Mali and Russia: yes/yes 1, abstain/no 0.5, no/abstain 0.5 -> 2.0 / 3
    # Mali and the United States: yes/no 0, abstain/no 0.5 -> 0.5 / 2
    # Mali and Yugoslavia (1991): yes/abstain 0.5; Serbia (2019): no/yes 0; Germany: yes/no 0
    # (roll call 4, A/RES/68/262, is the curated one: Mali abstained there, Russia voted no,
    # Ukraine yes; its curated votes count too, so they are computed from the graph below.)
    found = _agreement(ranked)
    curated = default_catalog().run(with_votes, "unga-votes", {"resolution": "A/RES/68/262"}).rows
    mali_curated = next((r["vote"] for r in curated if r["state_id"] == "mali"), None)
    score = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    extra = {r["state_id"]: 1 - abs(score[mali_curated] - score[r["vote"]]) for r in curated
             if mali_curated and r["state_id"] != "mali" and r["vote"] != "absent"}  # fmt: skip
    by_hand = {"russia": (2.0, 3), "united-states": (0.5, 2), "yugoslavia": (0.5, 1), "serbia": (0.0, 1),
               "germany": (0.0, 1)}  # fmt: skip
    for state, (total, votes) in by_hand.items():
        total, votes = total + extra.get(state, 0.0), votes + (state in extra)
        assert found[state] == (round(total / votes, 4), votes), state
    assert [r["agreement"] for r in ranked] == sorted((r["agreement"] for r in ranked), reverse=True)
    pair = (
        default_catalog()
        .run(with_votes, "voting-agreement", {"state": "mali", "with_state": "russia", **window})
        .rows
    )
    assert _agreement(pair) == {"russia": found["russia"]}


def test_agreement_keeps_only_the_issue_asked_for(with_votes: Database) -> None:
    window = {"state": "mali", "from_date": "1990-01-01", "to_date": "2020-12-31"}
    by_code, by_name = (
        _agreement(default_catalog().run(with_votes, "voting-agreement", {**window, "issue": issue}).rows)
        for issue in ("hr", "Human rights")
    )
    # Human rights: roll calls 1 and 3 only. Mali/Russia: yes/yes 1, no/abstain 0.5 -> 0.75 over 2.
    assert by_code["russia"] == (0.75, 2)
    assert by_name == by_code


def test_an_imported_roll_call_answers_with_its_votes_and_tally(with_votes: Database) -> None:
    rows = default_catalog().run(with_votes, "unga-votes", {"resolution": "ES-10/2"}).rows
    expected = Counter(v for r, _, _, v in VOTES if r == 2)
    assert {r["state_id"]: r["vote"] for r in rows} == {
        "mali": "abstain",
        "russia": "no",
        "united-states": "no",
    }
    assert all(
        (r["yes"], r["no"], r["abstain"]) == (expected["yes"], expected["no"], expected["abstain"])
        for r in rows
    )
    assert all(r["symbol"] == "A/RES/ES-10/2" and r["sources"] == ["voeten-unvotes"] for r in rows)
    with_votes_dataset = with_votes.read(
        "MATCH (d:Dataset {id: 'part-' + $f}) RETURN d.license AS l", {"f": FOLDER_NAME}
    )
    assert with_votes_dataset[1] == [{"l": "MIT"}]


IMPORTED_VOTES = "MATCH ()-[v:VOTED]->(d) WHERE d.id STARTS WITH 'unga-rc-' RETURN count(v) AS n"
VOTES_ENV = {
    "GEOALIGN_INSTANCE": "votes-import",
    "GEOALIGN_BOLT_PORT": "17689",
    "GEOALIGN_HTTP_PORT": "17476",
}


def test_the_import_command_loads_through_the_bulk_importer(
    small: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """`geoalign votes import`, run as a person runs it, on an instance of its own: the files are
    checked against a description, loaded by the bulk importer, and kept by the next seed."""
    folder, described = small
    description_file = tmp_path / "unvotes.yaml"
    description_file.write_text(yaml.safe_dump(described), encoding="utf-8")
    own = Settings(
        neo4j_uri=None,
        neo4j_password=None,
        geoalign_instance=VOTES_ENV["GEOALIGN_INSTANCE"],
        geoalign_bolt_port=int(VOTES_ENV["GEOALIGN_BOLT_PORT"]),
        geoalign_http_port=int(VOTES_ENV["GEOALIGN_HTTP_PORT"]),
    )
    server = LocalServer(own)
    server.start()
    env = {**os.environ, **VOTES_ENV, "COLUMNS": "80"}

    def geoalign(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "cli.main", *args], env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    _, curated = seed_context(SeedSet().records)
    expected = len(VOTES) - (3 if CURATED in curated else 0)
    try:
        output = geoalign("votes", "import", "--from", str(folder), "--description", str(description_file))
        assert f"Read 4 roll calls and {len(VOTES)} votes" in output and "bulk importer" in output
        with Database(own) as db:
            assert db.read(IMPORTED_VOTES)[1] == [{"n": expected}]
        geoalign("seed", "--force")
        with Database(own) as db:
            assert db.read(IMPORTED_VOTES)[1] == [{"n": expected}]
        assert "Removed" in geoalign("votes", "remove", "--online")
        with Database(own) as db:
            assert db.read(IMPORTED_VOTES)[1] == [{"n": 0}]
    finally:
        server.stop()
        shutil.rmtree(own.instance_dir, ignore_errors=True)


def test_a_vote_outside_the_model_is_refused_by_file_record_and_field(prepared: Any, tmp_path: Path) -> None:
    folder = tmp_path / "votes"
    shutil.copytree(prepared.folder, folder)
    path = folder / "relationships" / "votes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",yes,", ",maybe,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SeedDataError) as raised:
        SeedSet([SEED_DIR, folder]).validate()
    assert any(
        "votes.csv: record 1" in p and "field 'vote': 'maybe' is not one of yes, no, abstain, absent" in p
        for p in raised.value.problems
    ), raised.value.problems


STORY = ["A/RES/68/262", *(f"A/RES/ES-11/{n}" for n in range(1, 8)), "A/RES/ES-10/21", "A/RES/ES-10/22"]


def test_the_story_resolutions_carry_every_members_vote(seeded: Database) -> None:
    """The resolutions the story turns on are all in, a vote for every member that day; and Mali's
    move from abstaining on ES-11/1 to voting with Russia against ES-11/6 shows in them."""
    votes = {}
    for resolution in STORY:
        result = default_catalog().run(seeded, "unga-votes", {"resolution": resolution})
        assert len(result.rows) == 193, resolution
        votes[resolution] = {row["state_id"]: row["vote"] for row in result.rows}
    first, anniversary = votes["A/RES/ES-11/1"], votes["A/RES/ES-11/6"]
    assert (first["mali"], first["russia"]) == ("abstain", "no")
    assert anniversary["mali"] == anniversary["russia"] == "no"
