"""Seed validation, without a database: each kind of bad input gives an error naming file,
record and field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.errors import SeedDataError
from graph.seed.seedset import SeedSet
from graph.sources.archive import SourceArchive
from graph.values import parse_date

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RELATIONSHIPS = "relationships/relationships.yaml"
NODES = "nodes/nodes.yaml"
SOURCES = "sources/sources.yaml"
GRAIN = 2  # index of the grain delivery, the fact with an alternative, in RELATIONSHIPS


# The fixture's source `article`, as this test archives it: a text holding the quotes that the
# fixture's records take from it, with line breaks where a page could put them.
ARTICLE_TEXT = """A text written for these tests.
In December 2021 the junta partnered with the Wagner mercenary group, this text says. Burkina
Faso was also one of a group of African countries to receive 50,000 tons of free grain from
Russia in 2023."""


@pytest.fixture
def archive(tmp_path: Path) -> SourceArchive:
    archive = SourceArchive(tmp_path / "archive")
    archive.store("article", ARTICLE_TEXT, "added")
    return archive


@pytest.fixture
def folder(tmp_path: Path, archive: SourceArchive) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(FIXTURES / "small", target)
    return target


def edit(folder: Path, name: str, change: Callable[[list[dict[str, Any]]], None]) -> None:
    path = folder / name
    kind = name.split("/")[0]
    document = yaml.safe_load(path.read_text())
    change(document[kind])
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def archive_of(folder: Path) -> SourceArchive:
    return SourceArchive(folder.parent / "archive")


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(SeedDataError) as failure:
        SeedSet([folder], archive=archive_of(folder)).validate()
    return failure.value.problems


def test_the_fixture_itself_is_valid(folder: Path) -> None:
    seed_set = SeedSet([folder], archive=archive_of(folder))
    counts = seed_set.validate()
    assert counts["DELIVERED_AID_TO"] == 2 and counts["State"] == 3
    assert (seed_set.quotes.verified, seed_set.quotes.unverified.total()) == (2, 0)


def test_quotes_without_an_archived_text_load_and_say_so(folder: Path, tmp_path: Path) -> None:
    seed_set = SeedSet([folder], archive=SourceArchive(tmp_path / "empty-archive"))
    seed_set.validate()
    assert seed_set.quotes.verified == 0 and seed_set.quotes.unverified == {"article": 2}
    assert "2 unverified, because no text is archived for article" in seed_set.quotes.summary()


def set_field(index: int, field: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    def change(records: list[dict[str, Any]]) -> None:
        records[index][field] = value

    return change


def drop_field(index: int, field: str) -> Callable[[list[dict[str, Any]]], None]:
    def change(records: list[dict[str, Any]]) -> None:
        del records[index][field]

    return change


def set_alternative(field: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    """Set a field of the grain delivery's first alternative (None removes it)."""

    def change(records: list[dict[str, Any]]) -> None:
        alternative = records[GRAIN]["alternatives"][0]
        if value is None:
            alternative.pop(field, None)
        else:
            alternative[field] = value

    return change


BAD_INPUTS = {
    "dangling id": (
        RELATIONSHIPS,
        set_field(0, "to", "atlantis"),
        "record 1",
        "'to'",
        "no node has id 'atlantis'",
    ),
    "unknown label": (
        NODES,
        set_field(0, "label", "Country"),
        "record 1",
        "'label'",
        "unknown label 'Country'",
    ),
    "unknown type": (
        RELATIONSHIPS,
        set_field(2, "type", "LIKES"),
        "record 3",
        "'type'",
        "unknown relationship",
    ),
    "wrong end label": (
        RELATIONSHIPS,
        set_field(0, "to", "russia"),
        "record 1",
        "'to'",
        "MEMBER_OF cannot end at",
    ),
    "bad date": (RELATIONSHIPS, set_field(0, "since", "soon"), "record 1", "'since'", "is not a date"),
    "impossible date": (
        RELATIONSHIPS,
        set_field(0, "since", "2025-02-30"),
        "record 1",
        "'since'",
        "impossible",
    ),
    "until before since": (
        RELATIONSHIPS,
        set_field(0, "until", "1970-01-01"),
        "record 1",
        "'until'",
        "is before since",
    ),
    "effective before announced": (
        RELATIONSHIPS,
        set_field(1, "effective_on", "2023-12-31"),
        "record 2",
        "'effective_on'",
        "before announced_on",
    ),
    "no source": (
        RELATIONSHIPS,
        drop_field(0, "source_ids"),
        "record 1",
        "'source_ids'",
        "at least one source",
    ),
    "unknown source": (
        RELATIONSHIPS,
        set_field(0, "source_ids", ["rumour"]),
        "record 1",
        "'source_ids'",
        "unknown",
    ),
    "duplicate id": (NODES, set_field(1, "id", "mali"), "record 2", "'id'", "duplicate id 'mali'"),
    "quote not in source": (
        RELATIONSHIPS,
        set_field(3, "quote", "Mali joined NATO."),
        "record 4",
        "'quote'",
        "not found verbatim in the archived text of article",
    ),
    "unknown claim status": (
        RELATIONSHIPS,
        set_field(0, "claim_status", "rumoured"),
        "record 1",
        "'claim_status'",
        "is not one of",
    ),
    "unknown country": (NODES, set_field(0, "name", "Atlantis"), "record 1", "'iso_name'", "no country"),
    "id that is not text": (RELATIONSHIPS, set_field(0, "to", 123), "record 1", "'to'", "is not an id"),
    "stored status": (
        NODES,
        set_field(0, "status", "current"),
        "record 1",
        "'status'",
        "computed from the dates",
    ),
    "nested value": (NODES, set_field(0, "extra", {"a": 1}), "record 1", "'extra'", "text, number or a list"),
    "label that is a list": (NODES, set_field(0, "label", ["State"]), "record 1", "'label'", "unknown label"),
    "source id that is a list": (
        RELATIONSHIPS,
        set_field(0, "source_ids", [["wire"]]),
        "record 1",
        "'source_ids'",
        "is not a source id",
    ),
    "dispute that is a list": (
        RELATIONSHIPS,
        set_field(0, "dispute", ["grain-quantity"]),
        "record 1",
        "'dispute'",
        "unknown dispute",
    ),
    "field name that is a number": (
        NODES,
        set_field(0, 7, "x"),
        "record 1",
        "field 7",
        "a field name is text",
    ),
    "alternatives without a dispute": (
        RELATIONSHIPS,
        drop_field(GRAIN, "dispute"),
        "record 3",
        "'alternatives'",
        "name the dispute",
    ),
    "alternative of an identifying field": (
        RELATIONSHIPS,
        set_alternative("to", "mali"),
        "record 3",
        "'alternatives[1].to'",
        "identifies the fact",
    ),
    "alternative that repeats the record": (
        RELATIONSHIPS,
        set_alternative("quantity", 25000),
        "record 3",
        "'alternatives[1].quantity'",
        "same value as the record",
    ),
    "alternative without a claim status": (
        RELATIONSHIPS,
        set_alternative("claim_status", None),
        "record 3",
        "'alternatives[1].claim_status'",
        "states its own",
    ),
    "alternative without sources": (
        RELATIONSHIPS,
        set_alternative("source_ids", []),
        "record 3",
        "'alternatives[1].source_ids'",
        "at least one source",
    ),
    "alternative citing an unknown source": (
        RELATIONSHIPS,
        set_alternative("source_ids", ["rumour"]),
        "record 3",
        "'alternatives[1].source_ids'",
        "unknown source 'rumour'",
    ),
    "alternative with a bad date": (
        RELATIONSHIPS,
        set_alternative("since", "last year"),
        "record 3",
        "'alternatives[1].since'",
        "is not a date",
    ),
    "alternative quote not in its source": (
        RELATIONSHIPS,
        set_alternative("quote", "Burkina Faso received a million tons."),
        "record 3",
        "'alternatives[1].quote'",
        "not found verbatim",
    ),
    "alternative with no value": (
        RELATIONSHIPS,
        lambda records: records[GRAIN]["alternatives"].__setitem__(
            0, {"claim_status": "denied", "source_ids": ["article"]}
        ),
        "record 3",
        "'alternatives[1]'",
        "gives no value",
    ),
    "alternatives that are not a list": (
        RELATIONSHIPS,
        set_field(GRAIN, "alternatives", "50000"),
        "record 3",
        "'alternatives'",
        "must be a list",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_names_file_record_and_field(folder: Path, case: str) -> None:
    name, change, record, field, message = BAD_INPUTS[case]
    edit(folder, name, change)
    problems = problems_of(folder)
    assert any(name in p and record in p and field in p and message in p for p in problems), problems


def test_a_dispute_needs_two_versions(folder: Path) -> None:
    edit(folder, RELATIONSHIPS, drop_field(GRAIN, "alternatives"))
    assert any("grain-quantity" in p and "1 version" in p for p in problems_of(folder))


def test_unreadable_yaml_is_reported(folder: Path) -> None:
    (folder / NODES).write_text("nodes: [unclosed\n")
    assert any("YAML" in p for p in problems_of(folder))


def test_a_csv_row_with_more_cells_than_its_header_is_refused(folder: Path) -> None:
    aid = folder / "relationships" / "aid.csv"
    lines = aid.read_text().splitlines()
    aid.write_text("\n".join([*lines, lines[1] + ",stray"]) + "\n")
    problems = problems_of(folder)
    assert any("aid.csv: record 2 has 14 cells; the header names 13" in p for p in problems), problems


def test_an_empty_trailing_cell_is_no_problem(folder: Path) -> None:
    aid = folder / "relationships" / "aid.csv"
    text = aid.read_text()
    assert text.endswith(",wire;article,\n")
    aid.write_text(text.replace(",wire;article,\n", ",wire;article,,\n"))
    assert SeedSet([folder], archive=archive_of(folder)).validate()["DELIVERED_AID_TO"] == 2


def test_csv_values_read_back_as_numbers_and_lists(folder: Path) -> None:
    rows = [r for r in SeedSet([folder]).relationship_rows() if r["type"] == "DELIVERED_AID_TO"]
    from_csv = [r for r in rows if r["to"] == "mali"]
    assert [(r["props"]["quantity"], r["props"]["source_ids"]) for r in from_csv] == [
        (25000, ["wire", "article"])
    ]


@pytest.mark.parametrize(
    ("text", "precision"), [("2025-09-22", "day"), ("2025-09", "month"), ("2025", "year"), (2025, "year")]
)
def test_dates_keep_their_precision(text: object, precision: str) -> None:
    value, found = parse_date(text)
    assert found == precision and value.year == 2025


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nodes/deep.yaml", "nodes:\n  - " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("nodes/latin1.yaml", "nodes:\n  - {id: caf\xe9}\n".encode("latin-1"), "not UTF-8 text"),
        ("nodes/broken.yaml", "nodes: [unclosed\n", "unreadable YAML"),
        (
            "relationships/huge.csv",
            "type,from,to,since,detail,source_ids\nPARTNERS_WITH,mali,wagner-group,2021,"
            + "x" * 200_000
            + ",wire\n",
            "field larger than field limit",
        ),
    ],
    ids=["nesting 5,000 deep", "not UTF-8", "broken YAML", "CSV cell over the csv module's limit"],
)
def test_unreadable_files_are_named(folder: Path, name: str, content: str | bytes, message: str) -> None:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    problems = problems_of(folder)
    assert any(name in p and message in p for p in problems), problems


# ----- Admiralty grades and checks (seed_data/README.md, "Grades" and "Checks") ----------------


def test_a_source_without_a_reliability_grade_is_refused(folder: Path) -> None:
    edit(folder, SOURCES, lambda sources: sources[1].pop("reliability"))
    problems = problems_of(folder)
    assert any("record 2 (wire): field 'reliability': missing" in p for p in problems), problems


def test_a_grade_off_the_scale_is_refused(folder: Path) -> None:
    edit(folder, SOURCES, lambda sources: sources[1].update(reliability="B+"))
    edit(folder, RELATIONSHIPS, lambda rels: rels[0].update(credibility=7))
    problems = problems_of(folder)
    assert any("field 'reliability': 'B+' is not an Admiralty source grade" in p for p in problems), problems
    assert any(
        "(mali MEMBER_OF ecowas): field 'credibility': 7 is not an Admiralty grade" in p for p in problems
    )


def test_a_source_kind_off_the_list_is_refused(folder: Path) -> None:
    # The kind ranks a source in the preferred-value rule, so an unknown one must not pass silently.
    edit(folder, SOURCES, lambda sources: sources[1].update(kind="government"))
    problems = problems_of(folder)
    message = "record 2 (wire): field 'kind': 'government' is not a source kind"
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("field", ["credibility", "checked_on"])
def test_a_fact_without_its_grade_or_its_check_is_refused(folder: Path, field: str) -> None:
    edit(folder, RELATIONSHIPS, lambda rels: rels[0].pop(field))
    problems = problems_of(folder)
    assert any(f"(mali MEMBER_OF ecowas): field '{field}': missing" in p for p in problems), problems


def test_an_alternative_grades_its_own_credibility(folder: Path) -> None:
    edit(folder, RELATIONSHIPS, lambda rels: rels[GRAIN]["alternatives"][0].pop("credibility"))
    problems = problems_of(folder)
    assert any("field 'alternatives[1].credibility': missing" in p for p in problems), problems


def test_a_credibility_its_claim_status_does_not_admit_is_refused(folder: Path) -> None:
    edit(folder, RELATIONSHIPS, lambda rels: rels[0].update(claim_status="denied", credibility=2))
    problems = problems_of(folder)
    assert any(
        "field 'credibility': 2 does not fit claim status 'denied', which admits 4, 5" in p for p in problems
    )


def test_a_confirmed_fact_resting_only_on_weak_sources_is_refused(folder: Path) -> None:
    edit(folder, SOURCES, lambda sources: sources[1].update(reliability="F"))
    problems = problems_of(folder)
    # The membership cites only the wire; the withdrawal too. The reported aid also cites the
    # article, and a reported claim may rest on anything.
    weak = [p for p in problems if "cannot rest only on sources graded E or F" in p]
    assert {p.split("(")[1].split(")")[0] for p in weak} >= {
        "mali MEMBER_OF ecowas",
        "mali WITHDRAWS_FROM ecowas",
    }
    assert not any("DELIVERED_AID_TO mali" in p for p in weak)


def test_confirmed_by_independent_sources_needs_two_publishers(folder: Path) -> None:
    edit(folder, RELATIONSHIPS, lambda rels: rels[0].update(credibility=1))
    problems = problems_of(folder)
    assert any(
        "field 'credibility': 1 (confirmed) needs an A source or two independent" in p for p in problems
    )


def test_a_check_in_the_future_is_refused(folder: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    edit(folder, RELATIONSHIPS, lambda rels: rels[0].update(checked_on=tomorrow))
    problems = problems_of(folder)
    assert any(f"field 'checked_on': {tomorrow} is in the future" in p for p in problems), problems


def test_a_fact_node_is_graded_and_checked_like_a_relationship(folder: Path) -> None:
    def add_event(nodes: list[dict[str, Any]]) -> None:
        nodes.append(
            {"id": "a-summit", "label": "Event", "name": "A summit", "kind": "summit", "source_ids": ["wire"]}
        )

    edit(folder, NODES, add_event)
    problems = problems_of(folder)
    assert any("(a-summit): field 'credibility': missing" in p for p in problems), problems
    assert any("(a-summit): field 'checked_on': missing" in p for p in problems), problems


def test_the_project_says_what_its_data_is_and_how_to_cite_it() -> None:
    about = SeedSet().about()
    assert about["license"] == "CC-BY-4.0" and about["license_url"].startswith("https://creativecommons.org/")
    assert "\n" not in about["citation"], "folded to one line, as the manifest prints it"


def test_a_dataset_file_missing_a_field_or_with_an_unknown_one_is_refused_by_name(folder: Path) -> None:
    about = folder / "dataset.yaml"
    about.write_text(
        "title: mine\npublisher: me\nlicense: CC0-1.0\nlicense_url: https://x.org\nlicence: CC0\n"
    )
    with pytest.raises(SeedDataError) as raised:
        SeedSet([folder]).validate()
    assert f"{about}: field 'citation': missing or not text" in raised.value.problems
    assert f"{about}: field 'licence': unknown" in raised.value.problems
    about.write_text("- not a mapping\n")
    with pytest.raises(SeedDataError, match="expected a mapping of title, publisher, license"):
        SeedSet([folder]).validate()


def test_the_dataset_file_is_part_of_the_version(folder: Path) -> None:
    before = SeedSet([folder]).content_hash()
    (folder / "dataset.yaml").write_text(
        "title: t\npublisher: p\nlicense: CC0-1.0\nlicense_url: https://x.org\ncitation: c\n"
    )
    assert SeedSet([folder]).content_hash() != before
    assert SeedSet([folder]).about()["license"] == "CC0-1.0"


# ----- the rules that keep a fact from claiming more than its sources show (issue 26) -----------

PARTNERSHIP = 3  # index of the open partnership, citing only the article (published 2025-09)


def found(folder: Path) -> list[str]:
    """The problems validation finds, none when the folder is valid."""
    try:
        SeedSet([folder], archive=archive_of(folder)).validate()
    except SeedDataError as error:
        return list(error.problems)
    return []


def refused(folder: Path, *parts: str) -> list[str]:
    """The problems validation finds, one of which names every part (file, record, field, why)."""
    problems = problems_of(folder)
    assert any(all(part in p for part in parts) for p in problems), problems
    return problems


def test_an_open_fact_checked_after_its_newest_source_is_refused(folder: Path) -> None:
    edit(folder, RELATIONSHIPS, lambda rels: rels[PARTNERSHIP].update(checked_on="2025-10-01"))
    problems = refused(
        folder,
        RELATIONSHIPS,
        "mali PARTNERS_WITH wagner-group",
        "field 'checked_on': 2025-10-01 is later than its newest source (article, published 2025-09-30)",
    )
    # A fact with an end is not open: the membership ended in 2025 and was checked since.
    assert not any("mali MEMBER_OF ecowas" in p and "checked_on" in p for p in problems), problems


def test_an_undated_source_cannot_back_a_check(folder: Path) -> None:
    edit(folder, SOURCES, lambda sources: sources[0].pop("published"))
    refused(
        folder,
        "mali PARTNERS_WITH wagner-group",
        "field 'checked_on'",
        "no source it cites has a 'published' date",
    )


@pytest.mark.parametrize(
    ("publisher", "url", "reason"),
    [
        ("Reuters", "https://example.org/wire", "its URL is on example.org, not on Reuters's own site"),
        ("Reuters (via Example Daily)", "https://example.org/wire", "its publisher is 'Reuters (via Example"),
        ("Example Wire", "https://example.org/wire", "its record says it is a copy"),
    ],
)
def test_a_copy_is_graded_c_at_best(folder: Path, publisher: str, url: str, reason: str) -> None:
    def copied(sources: list[dict[str, Any]]) -> None:
        sources[1].update(publisher=publisher, url=url, reliability="B")
        if reason.endswith("is a copy"):
            sources[1]["copy"] = True

    edit(folder, SOURCES, copied)
    refused(folder, SOURCES, "(wire)", "field 'reliability': B, but the source is a copy", reason)
    edit(folder, SOURCES, lambda sources: sources[1].update(reliability="C"))
    assert not any("is a copy" in p for p in found(folder))


def test_a_source_on_its_publishers_own_site_is_no_copy(folder: Path) -> None:
    edit(
        folder,
        SOURCES,
        lambda sources: sources[1].update(publisher="Reuters", url="https://www.reuters.com/x"),
    )
    assert not any("is a copy" in p for p in found(folder))


def test_a_copy_cited_beside_its_original_is_graded_below_it(folder: Path) -> None:
    copy = {
        "id": "wire-copy",
        "title": "The wire report, reprinted",
        "publisher": "Example Wire (via Example Daily)",
        "published": "2024-01-29",
        "kind": "news",
        "reliability": "C",
    }
    edit(folder, SOURCES, lambda sources: (sources[1].update(reliability="C"), sources.append(copy)))
    edit(folder, RELATIONSHIPS, lambda rels: rels[PARTNERSHIP]["source_ids"].extend(["wire", "wire-copy"]))
    refused(
        folder,
        RELATIONSHIPS,
        "mali PARTNERS_WITH wagner-group",
        "field 'source_ids': wire-copy is a copy graded C, cited beside its original wire graded C",
    )
    edit(folder, SOURCES, lambda sources: sources[-1].update(reliability="D"))
    assert not any("cited beside its original" in p for p in found(folder))


def _deny_the_article(rels: list[dict[str, Any]]) -> None:
    rels[GRAIN][ALTERNATIVES_KEY][0].update(claim_status="denied", credibility=5)


ALTERNATIVES_KEY = "alternatives"


def test_a_source_shown_wrong_is_graded_e(folder: Path) -> None:
    edit(folder, RELATIONSHIPS, _deny_the_article)
    refused(
        folder,
        SOURCES,
        "(article)",
        "field 'reliability': B, but a version citing it is denied",
        "russia DELIVERED_AID_TO burkina-faso",
    )
    edit(
        folder,
        SOURCES,
        lambda sources: sources[0].update(grade_kept_because="It reports a claim it attributes."),
    )
    assert not any("a version citing it is denied" in p for p in found(folder))
    edit(folder, SOURCES, lambda sources: sources[0].pop("grade_kept_because") and None)
    edit(folder, SOURCES, lambda sources: sources[0].update(reliability="E"))
    assert not any("a version citing it is denied" in p for p in found(folder))


@pytest.mark.parametrize("marker", ["background_dates", "derived_dates"])
def test_a_date_not_read_in_a_source_keeps_the_grade_at_3(folder: Path, marker: str) -> None:
    edit(folder, RELATIONSHIPS, lambda rels: rels[PARTNERSHIP].update({marker: ["since"]}))
    refused(
        folder,
        RELATIONSHIPS,
        "mali PARTNERS_WITH wagner-group",
        f"field 'credibility': 2, but since is not read in a cited source ({marker})",
    )
    edit(folder, RELATIONSHIPS, lambda rels: rels[PARTNERSHIP].update(credibility=3, claim_status="reported"))
    assert not any("not read in a cited source" in p for p in found(folder))
    edit(folder, RELATIONSHIPS, lambda rels: rels[PARTNERSHIP].update({marker: ["until"]}))
    assert any(f"field '{marker}': 'until' is not a date field it gives" in p for p in found(folder))


def test_the_seed_data_marks_its_unread_dates() -> None:
    """The dates the files mark as background or derived are graded as the rule says: the seed
    data passes validation, and the markers are in use."""
    counts = SeedSet().validate()
    marked = [
        r for _, r in SeedSet().records("relationships") if "background_dates" in r or "derived_dates" in r
    ]
    assert counts and len(marked) >= 10
    assert all(r["credibility"] >= 3 for r in marked)
