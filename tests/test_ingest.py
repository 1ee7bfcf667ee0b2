"""`geoalign ingest` and `geoalign review` (graph/ingest/): dates resolved against the day of
publication, mentions linked through names, aliases and demonyms, the gold set's precision and
recall, and the folder round trip that `geoalign seed --data` loads. No database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cli.main import app
from graph.ingest.dates import find_date
from graph.ingest.evaluate import evaluate, labelled_texts
from graph.ingest.extract import Extractor
from graph.ingest.folder import IngestFolder, held_dates
from graph.seed.seedset import SeedSet
from graph.settings import SEED_DIR
from graph.sources.archive import SourceArchive
from graph.values import parse_date, search_text

GOLD = Path(__file__).resolve().parent / "ingest_gold"
# Floors set from what the extractor reaches on the gold set (see the closing note's figures):
# a change that loses facts, or proposes wrong ones, fails here.
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.85


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.of(SeedSet())


# Tuesday 23 September 2025, the day the source article was published.
PUBLISHED = date(2025, 9, 23)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They announced it on Monday evening.", "2025-09-22"),
        ("The statement came on Tuesday.", "2025-09-23"),  # the publication day itself
        ("It was signed on 6 July 2024 in Niamey.", "2024-07-06"),
        ("It was signed on July 6, 2024.", "2024-07-06"),
        ("It was signed on 16 September.", "2025-09-16"),
        ("The notice was sent on 29 October.", "2024-10-29"),  # a day to come means last year
        ("The coup came in September 2023.", "2023-09"),
        ("Talks began in late July.", "2025-07"),
        ("Talks began in early December.", "2024-12"),  # the most recent December
        ("The court was told last month.", "2025-08"),
        ("Earlier this year, Hungary announced it.", "2025"),
        ("Human Rights Watch said so last year.", "2024"),
        ("The ambassadors visited Crimea earlier this week.", "2025-09"),
        ("The juntas came to power in 2020.", "2020"),
        ("Nothing here is dated.", None),
    ],
)
def test_dates_resolve_to_the_precision_the_text_supports(sentence: str, expected: str | None) -> None:
    found = find_date(sentence, PUBLISHED)
    assert (found.text if found else None) == expected


def test_a_relative_count_runs_from_the_last_date_given() -> None:
    first = find_date("Mali cut ties on 4 August 2024.", PUBLISHED)
    later = find_date("Two days later, Niger followed.", PUBLISHED, first)
    assert first is not None and later is not None and later.text == "2024-08-06"


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("the malian army", "mali"),
        ("burkinabe officials", "burkina-faso"),
        ("the nigerien junta", "niger"),
        ("the kremlin said", "russia"),
        ("the hague-based court", "icc"),
        ("assimi goita", "assimi-goita"),  # accents folded: Goïta
        ("the west african bloc", "ecowas"),
        ("general abdourahmane tiani", "abdourahamane-tiani"),  # misspelt: rapidfuzz
        ("colonel assimi goyta", "assimi-goita"),
        ("burkina fasso", "burkina-faso"),
    ],
)
def test_mentions_link_through_names_aliases_and_demonyms(
    extractor: Extractor, text: str, entity: str
) -> None:
    assert entity in {m.entity for m in extractor.gazetteer.mentions(search_text(text))}


def test_a_qualifier_is_not_a_party(extractor: Extractor) -> None:
    """'Russian-occupied Crimea' names Crimea, not Russia as a second place visited."""
    [candidate] = extractor.candidates(
        "Mali's ambassador visited Russian-occupied Crimea on Monday.", PUBLISHED
    )
    assert candidate.facts == {("mali", "VISITED", "crimea", "2025-09-22")}


def _gold() -> list[tuple[str, dict[str, Any]]]:
    return [(p.name, yaml.load(p.read_text(), Loader=yaml.BaseLoader)) for p in sorted(GOLD.glob("*.yaml"))]


def test_the_gold_set_is_large_enough_and_well_formed() -> None:
    gold = _gold()
    assert len(gold) >= 15
    model = SeedSet().model
    for name, case in gold:
        assert case["about"] and case["text"], name
        for fact in case["facts"]:
            assert len(fact) == 5 and fact[1] in model.relationships and fact[4] in model.claim_statuses, name


def test_precision_and_recall_on_the_gold_set(
    extractor: Extractor, capsys: pytest.CaptureFixture[str]
) -> None:
    result = evaluate(extractor, labelled_texts(GOLD))
    with capsys.disabled():
        print("\n" + result.report("ingest gold set") + "".join(f"\n  {m}" for m in result.misses))
    overall = result.overall
    assert overall.precision >= PRECISION_FLOOR and overall.recall >= RECALL_FLOOR, result.misses


ARTICLE = """<html><head><title>Sahel juntas leave the court</title></head><body><article>
<p>The ruling juntas of Mali, Burkina Faso and Niger are withdrawing from the Rome Statute's court,
the Hague-based court said to be an instrument of neocolonial repression.</p>
<p>The three governments announced their withdrawal on Monday evening.</p>
<p>Earlier, Niger's ambassador visited Russian-occupied Crimea on Saturday.</p>
<p>Turkey delivered a dozen Bayraktar drones to Chad on Sunday, officials said.</p>
</article></body></html>"""


def _cli(*args: str, **env: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80", **env})
    return result.exit_code, result.output


def test_ingest_then_review_then_seed(tmp_path: Path) -> None:
    """The folder validates as it is; review shows every candidate at 80 columns; an accepted
    candidate lands in a folder `seed --data` loads; a rejected one is not proposed again."""
    page = tmp_path / "article.html"
    page.write_text(ARTICLE)
    out = tmp_path / "out"
    env = {"GEOALIGN_SOURCE_ARCHIVE": str(tmp_path / "archive")}
    args = [
        "ingest",
        str(page),
        "--source-id",
        "test-sahel-article",
        "--published",
        "2025-09-23",
        "--out",
        str(out),
    ]
    code, output = _cli(*args, **env)
    assert code == 0, output
    archive = SourceArchive(tmp_path / "archive")
    SeedSet([SEED_DIR, out], archive=archive).validate()  # the pending candidates load as they are
    pending = yaml.safe_load((out / "relationships" / "test-sahel-article.yaml").read_text())["relationships"]
    by_fact = {(r["from"], r["type"], r["to"]): r for r in pending}
    assert ("niger", "VISITED", "crimea") in by_fact and ("turkey", "SUPPLIED_ARMS_TO", "chad") in by_fact
    for record in pending:
        assert record["claim_status"] == "reported" and record["quote"] in ARTICLE.replace("\n", " ")
        assert record["rule"] and 0 < record["confidence"] <= 1
    known = yaml.safe_load((out / "known.yaml").read_text())["known"]
    assert {(k["from"], k["to"]) for k in known if k["type"] == "WITHDRAWS_FROM"} == {
        ("mali", "icc"),
        ("burkina-faso", "icc"),
        ("niger", "icc"),
    }, "the three withdrawals the graph holds are proposed as known, dated Monday"
    assert {k["announced_on"] for k in known if k["type"] == "WITHDRAWS_FROM"} == {"2025-09-22"}

    code, output = _cli("review", str(out), **env)
    assert code == 0 and all(len(line) <= 80 for line in output.splitlines())
    visit, drones = by_fact[("niger", "VISITED", "crimea")], by_fact[("turkey", "SUPPLIED_ARMS_TO", "chad")]
    assert visit["candidate"] in output and drones["candidate"] in output

    code, output = _cli(
        "review", str(out), "--accept", drones["candidate"], "--reject", visit["candidate"], **env
    )
    assert code == 0 and "1 accepted" in output and "1 rejected" in output, output
    SeedSet([SEED_DIR, out / "accepted"], archive=archive).validate()
    accepted = yaml.safe_load((out / "accepted" / "relationships" / "test-sahel-article.yaml").read_text())
    [fact] = accepted["relationships"]
    assert (fact["from"], fact["to"], fact["since"]) == ("turkey", "chad", "2025-09-21")
    assert "candidate" not in fact and "confidence" not in fact

    code, output = _cli(*args, **env)  # the same article again: the rejected visit stays out
    again = yaml.safe_load((out / "relationships" / "test-sahel-article.yaml").read_text())["relationships"]
    assert ("niger", "VISITED", "crimea") not in {(r["from"], r["type"], r["to"]) for r in again}

    code, output = _cli(*args[:-2], "--out", str(tmp_path / "refused"), "--reliability", "Z", **env)
    assert code == 1 and "'Z' is not an Admiralty source grade" in output
    assert not (tmp_path / "refused").exists(), "bad input writes nothing"

    code, output = _cli("review", str(out), "--accept", "c99", **env)
    assert code == 1 and "no pending candidate c99" in output

    before = len(
        yaml.safe_load((out / "accepted" / "relationships" / "test-sahel-article.yaml").read_text())[
            "relationships"
        ]
    )
    code, output = _cli("review", str(out), "--accept-all-above", "0.85", **env)
    remaining = out / "relationships" / "test-sahel-article.yaml"
    left = yaml.safe_load(remaining.read_text())["relationships"] if remaining.exists() else []
    after = yaml.safe_load((out / "accepted" / "relationships" / "test-sahel-article.yaml").read_text())[
        "relationships"
    ]
    assert code == 0 and all(r["confidence"] <= 0.85 for r in left) and len(after) > before, output


def test_a_name_that_begins_with_the_follows_a_trigger_that_ends_in_it(extractor: Extractor) -> None:
    """'leaving the International Criminal Court': the trigger's "the " is the name's first word."""
    found = {
        (f, t, to)
        for c in extractor.candidates(
            "Hungary's parliament approved leaving the International Criminal Court on Tuesday.",
            date(2025, 5, 21),
        )
        for f, t, to, _ in c.facts
    }
    assert ("hungary", "WITHDRAWS_FROM", "icc") in found


def test_a_known_fact_with_another_date_is_a_disagreement(extractor: Extractor, tmp_path: Path) -> None:
    """A proposal of a fact the graph holds, dated as one of its versions (at either's precision),
    is a citation (known.yaml); dated otherwise, it is a disputed alternative of that fact
    (disagreeing.yaml) with its sentence and the new source."""
    records = [r for _, r in SeedSet().records("relationships")]
    held = held_dates(records)
    mali = next(r for r in records if (r["from"], r["type"], r["to"]) == ("mali", "WITHDRAWS_FROM", "icc"))
    announced = parse_date(mali["announced_on"])[0]
    other = date.fromordinal(announced.toordinal() - 3)
    texts = {
        "agrees": f"Mali announced its withdrawal from the ICC on {announced:%d %B %Y}.",
        "month": f"Mali announced its withdrawal from the ICC in {announced:%B %Y}.",
        "differs": f"Mali announced its withdrawal from the ICC on {other:%d %B %Y}.",
    }
    source = {"id": "test-source", "title": "t", "publisher": "p", "published": "2025-10-01"}
    for name, text in texts.items():
        out = tmp_path / name
        candidates = extractor.candidates(text, date(2025, 10, 1))
        assert candidates, name
        IngestFolder(out).write(source, candidates, date(2025, 10, 1), held)
        known = (
            yaml.safe_load((out / "known.yaml").read_text())["known"] if (out / "known.yaml").exists() else []
        )
        path = out / "disagreeing.yaml"
        differing = yaml.safe_load(path.read_text())["disagreeing"] if path.exists() else []
        if name == "differs":
            assert not known and len(differing) == 1, differing
            [entry] = differing
            assert entry["fact"] == {"type": "WITHDRAWS_FROM", "from": "mali", "to": "icc"}
            assert entry["held"]["announced_on"] == sorted(
                held[("mali", "WITHDRAWS_FROM", "icc")]["announced_on"]
            )
            alternative = entry["alternative"]
            assert (
                alternative["announced_on"] == other.isoformat() and alternative["claim_status"] == "disputed"
            )
            assert alternative["source_ids"] == ["test-source"] and alternative["quote"] == text
        else:
            assert len(known) == 1 and not differing, (name, known, differing)


def _refused(tmp_path: Path, content: bytes, *extra: str, **env: str) -> str:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    out = tmp_path / "out"
    args = ["ingest", str(article), "--source-id", "test-bad", "--published", "2025-09-23", *extra]
    code, output = _cli(*args, "--out", str(out), GEOALIGN_SOURCE_ARCHIVE=str(tmp_path / "archive"), **env)
    assert code == 1, output
    assert not out.exists(), "bad input writes nothing"
    return " ".join(output.split())


def test_what_is_not_an_article_is_refused_with_the_reason(tmp_path: Path) -> None:
    binary = bytes(range(256)) * 64
    assert "not a text file (a NUL byte at offset 0)" in _refused(tmp_path, binary)
    latin = "Le Niger a quitté la CPI le 22 septembre.".encode("latin-1")
    offset = latin.index(b"\xe9")
    assert f"not UTF-8 (byte 0xe9 at offset {offset}" in _refused(tmp_path, latin)
    big = b"Mali left ECOWAS. " * 2_000
    output = _refused(tmp_path, big, GEOALIGN_INGEST_MAX_BYTES="10000")
    assert f"{len(big):,} bytes, more than GEOALIGN_INGEST_MAX_BYTES allows (10,000)" in output
    later = date.fromordinal(date.today().toordinal() + 1).isoformat()
    output = _refused(tmp_path, b"Mali left ECOWAS.", "--published", later)
    assert f"{later} is after today" in output and "'published'" in output
    assert "the file holds no text" in _refused(tmp_path, b"  \n\n ")


def test_anyone_can_measure_the_extractor_on_their_own_texts(tmp_path: Path) -> None:
    """`geoalign ingest-evaluate` gives the figures the gold-set test computes, at 80 columns,
    and names what is wrong with a badly labelled folder."""
    expected = evaluate(Extractor.of(SeedSet()), labelled_texts(GOLD)).overall
    code, output = _cli("ingest-evaluate", str(GOLD))
    assert code == 0, output
    assert f"precision {expected.precision:.2f}, recall {expected.recall:.2f}" in output
    assert all(len(line) <= 80 for line in output.splitlines()), output
    (tmp_path / "one.yaml").write_text(
        "published: 2025-09-23\ntext: Mali left.\nfacts:\n  - [mali, MEMBER_OF]\n"
    )
    code, output = _cli("ingest-evaluate", str(tmp_path))
    assert code == 1 and "one.yaml: each fact is [from, type, to, date, claim status]" in " ".join(
        output.split()
    )
    code, output = _cli("ingest-evaluate", str(tmp_path / "nowhere"))
    assert code == 1 and "no labelled texts" in output
