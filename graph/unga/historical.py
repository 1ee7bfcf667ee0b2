"""The historical roll calls of the UN General Assembly (graph/unga/unvotes.yaml says whose, under
which licence, and the SHA-256 of each file): read from the `unvotes` package's three R data files,
checked, and written as a seed folder that the loader takes in like any other.

The folder holds one source (the data set), a `Document` of kind `unga-resolution` per roll call
(`nodes/roll-calls.csv`) and a `VOTED {vote}` edge per country and roll call
(`relationships/votes.csv`), so that validation, the bulk importer and the online loader treat the
record exactly like the curated facts. A roll call that the curated seed data already records
(same symbol, same day) is left out of the folder with its votes: the curated one rests on the
UN's own record, and a vote is never stored twice.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from graph.errors import GeoalignError
from graph.seed.rows import country

DESCRIPTION = Path(__file__).with_name("unvotes.yaml")
FOLDER_NAME = "unga-votes-1946-2019"  # the folder under the instance's imported/ data
EPOCH = date(1970, 1, 1)  # R stores a Date as days since this day
_SYMBOL_PREFIXES = (("ESS/", "A/RES/ES-"), ("SS/", "A/RES/S-"), ("R/", "A/RES/"))
ROLL_CALL_COLUMNS = (
    "id", "label", "kind", "name", "symbol", "record_code", "rcid", "session", "voted_on",
    "amendment", "paragraph", "important_vote", "issue_codes", "issues", "credibility",
    "checked_on", "source_ids",
)  # fmt: skip
VOTE_COLUMNS = ("type", "from", "to", "since", "vote", "credibility", "checked_on", "source_ids")


class VotesImportError(GeoalignError):
    """The files to import are missing, altered or not what the description says."""


@dataclass
class ImportReport:
    """What an import read and wrote, for the person who ran it and for the tests."""

    folder: Path
    roll_calls: int = 0  # roll calls in the files
    votes: int = 0  # votes in the files
    written_roll_calls: int = 0
    written_votes: int = 0
    curated: list[str] = field(default_factory=list)  # symbols left to the curated seed data
    by_state: Counter[str] = field(default_factory=Counter)  # graph id -> votes written


def description(path: Path = DESCRIPTION) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def verify(folder: Path, digests: dict[str, str]) -> None:
    """Every file the description names is in `folder` with its SHA-256, or nothing is imported."""
    problems = []
    for name, expected in digests.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{path}: missing (expected the unvotes file {name})")
            continue
        found = hashlib.sha256(path.read_bytes()).hexdigest()
        if found != expected:
            problems.append(f"{path}: SHA-256 {found}, expected {expected}: not the file described")
    if problems:
        raise VotesImportError("; ".join(problems))


def symbol(record_code: str | None) -> str | None:
    """The UN document symbol of a roll call's resolution: 'R/68/262' is 'A/RES/68/262', an
    emergency special session's 'ESS/10/14' is 'A/RES/ES-10/14'; None when the data has none."""
    code = (record_code or "").strip()
    if not code:
        return None
    for prefix, official in _SYMBOL_PREFIXES:
        if code.startswith(prefix):
            return official + code[len(prefix) :]
    return code


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


class StateNames:
    """Maps the data's countries to the graph's state ids: by ISO 3166 alpha-2 code, except where
    the description names the country (a former state, or a code that names another state)."""

    def __init__(self, by_iso2: dict[str, str], names: dict[str, Any]) -> None:
        self.by_iso2 = by_iso2
        # each name's states in order, each with the day its period ends (None: open), parsed once
        self.periods: dict[str, list[tuple[date | None, str]]] = {
            name: [(None, target)]
            if isinstance(target, str)
            else [
                (date.fromisoformat(str(p["until"])) if "until" in p else None, str(p["state"]))
                for p in target
            ]
            for name, target in names.items()
        }

    def state(self, name: str, code: str | None, day: date) -> str:
        for until, state in self.periods.get(name, []):
            if until is None or day < until:
                return state
        if code and code in self.by_iso2:
            return self.by_iso2[code]
        raise VotesImportError(
            f"country {name!r} (code {code!r}) has no state in the graph: add it to seed_data or to "
            f"the names of {DESCRIPTION.name}"
        )


def read_tables(folder: Path) -> tuple[Any, Any, Any]:
    """The three data frames, as the `rdata` package reads them (imported here: only an import
    needs it; `pip install 'geoalign[votes]'`)."""
    try:
        import rdata
    except ImportError:
        raise VotesImportError(
            "reading R data files needs the rdata package: pip install 'geoalign[votes]'"
        ) from None
    with warnings.catch_warnings():  # tibble and Date classes: read as data.frame and numbers
        warnings.simplefilter("ignore", UserWarning)
        tables = [
            next(iter(rdata.read_rda(folder / f"{name}.rda").values()))
            for name in ("un_votes", "un_roll_calls", "un_roll_call_issues")
        ]
    return tables[0], tables[1], tables[2]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    return "" if text in ("<NA>", "nan") else " ".join(text.split())


def _flag(value: Any) -> str:
    text = _text(value)
    return {"1": "true", "0": "false"}.get(text.split(".")[0], "")


def roll_call_name(short: str, descr: str, rcid: int) -> str:
    """A readable name: the description up to ' : resolution', else the short title."""
    head = re.split(r"\s+:\s+resolution\b", descr, maxsplit=1)[0].strip()
    name = head or short or f"Roll call {rcid}"
    return name if len(name) <= 200 else name[:197].rstrip() + "..."


def prepare(
    source: Path,
    imported_dir: Path,
    state_ids: dict[str, str],
    curated: set[tuple[str, str]],
    described: dict[str, Any] | None = None,
) -> ImportReport:
    """Check the files in `source`, then write the seed folder under `imported_dir` (written
    beside it first and renamed into place, so a failed import leaves the last good one).
    `state_ids` maps ISO alpha-2 codes to graph ids; `curated` holds the (symbol, day) of the
    roll calls the seed data records itself."""
    described = described or description()
    verify(source, described["files"])
    votes, roll_calls, issues = read_tables(source)
    names = StateNames(state_ids, described.get("names") or {})
    target = imported_dir / FOLDER_NAME
    scratch = imported_dir / f".{FOLDER_NAME}.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    for kind in ("sources", "nodes", "relationships"):
        (scratch / kind).mkdir(parents=True)
    report = ImportReport(target, roll_calls=len(roll_calls), votes=len(votes))
    try:
        days = _write_roll_calls(scratch, roll_calls, issues, described, curated, report)
        _write_votes(scratch, votes, days, names, described, report)
        _write_about(scratch, described)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    if target.exists():
        shutil.rmtree(target)
    scratch.rename(target)
    return report


def _write_about(folder: Path, described: dict[str, Any]) -> None:
    (folder / "dataset.yaml").write_text(
        "# Written by `geoalign votes import` from graph/unga/unvotes.yaml; do not edit.\n"
        + yaml.safe_dump(described["about"], sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    (folder / "sources" / "unvotes.yaml").write_text(
        yaml.safe_dump({"sources": [described["source"]]}, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def _write_roll_calls(
    folder: Path,
    roll_calls: Any,
    issues: Any,
    described: dict[str, Any],
    curated: set[tuple[str, str]],
    report: ImportReport,
) -> dict[int, date | None]:
    """The roll calls as Document rows; returns each roll call's day, None for one left to the
    curated seed data (its votes are left out too)."""
    codes: dict[int, list[tuple[str, str]]] = {}
    for rcid, short_name, issue in zip(issues["rcid"], issues["short_name"], issues["issue"], strict=True):
        codes.setdefault(int(rcid), []).append((_text(short_name), _text(issue)))
    source_id = str(described["source"]["id"])
    checked_on = str(described["published"])
    days: dict[int, date | None] = {}
    with (folder / "nodes" / "roll-calls.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(ROLL_CALL_COLUMNS)
        for row in roll_calls.itertuples(index=False):
            rcid = int(row.rcid)
            day = EPOCH + timedelta(days=int(row.date))
            code = _text(row.unres)
            official = symbol(code)
            if official and (official, day.isoformat()) in curated:
                days[rcid] = None
                report.curated.append(official)
                continue
            days[rcid] = day
            topics = sorted(codes.get(rcid, []))
            out.writerow((
                f"unga-rc-{rcid}", "Document", "unga-resolution",
                roll_call_name(_text(row.short), _text(row.descr), rcid), official or "", code, rcid,
                int(row.session), day.isoformat(), _flag(row.amend), _flag(row.para),
                _flag(row.importantvote), ";".join(c for c, _ in topics), ";".join(t for _, t in topics),
                described["credibility"], checked_on, source_id,
            ))  # fmt: skip
            report.written_roll_calls += 1
    return days


def _write_votes(
    folder: Path,
    votes: Any,
    days: dict[int, date | None],
    names: StateNames,
    described: dict[str, Any],
    report: ImportReport,
) -> None:
    source_id = str(described["source"]["id"])
    checked_on = str(described["published"])
    grade = described["credibility"]
    rows: Iterable[tuple[Any, ...]] = zip(
        votes["rcid"], votes["country"], votes["country_code"], votes["vote"], strict=True
    )
    with (folder / "relationships" / "votes.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(VOTE_COLUMNS)
        for rcid, name, code, vote in _known(rows, days):
            day = days[rcid]
            assert day is not None
            state = names.state(_text(name), _text(code) or None, day)
            out.writerow(
                (
                    "VOTED",
                    state,
                    f"unga-rc-{rcid}",
                    day.isoformat(),
                    _text(vote),
                    grade,
                    checked_on,
                    source_id,
                )
            )
            report.written_votes += 1
            report.by_state[state] += 1


def _known(
    rows: Iterable[tuple[Any, ...]], days: dict[int, date | None]
) -> Iterator[tuple[int, Any, Any, Any]]:
    for rcid, name, code, vote in rows:
        number = int(rcid)
        if number not in days:
            raise VotesImportError(
                f"un_votes.rda: a vote in roll call {number}, which un_roll_calls.rda lacks"
            )
        if days[number] is not None:
            yield number, name, code, vote


def seed_context(records: Any) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """From the curated seed records: the graph's state ids by ISO alpha-2 code, and the (symbol,
    day) of every roll call the seed data records itself."""
    by_iso2: dict[str, str] = {}
    curated: set[tuple[str, str]] = set()
    for _, record in records("nodes"):
        if record.get("label") == "State" and (found := country(record)) is not None:
            by_iso2.setdefault(found.alpha_2, str(record["id"]))
        elif record.get("kind") == "unga-resolution" and record.get("symbol") and record.get("voted_on"):
            curated.add((str(record["symbol"]), str(record["voted_on"])))
    return by_iso2, curated
