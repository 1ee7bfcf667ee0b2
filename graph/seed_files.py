"""Read and validate seed folders; turn their records into rows for the loader.

A seed folder holds `sources/`, `disputes/`, `nodes/` and `relationships/`, each with YAML or
CSV files (see seed_data/README.md). Everything is checked before the loader writes anything,
and every problem names its file, record and field. Relationships are read as a stream, twice
(once to check, once to write), so memory stays flat however many there are.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pycountry
import yaml

from graph.errors import SeedDataError
from graph.model import MODEL_FILE, STAGE_FIELDS, TIME_FIELDS, Model, load_model
from graph.settings import CYPHER_DIR, DATA_ROOT, SEED_DIR
from graph.sources.archive import SourceArchive
from graph.sources.quotes import normalised


def format_files() -> list[Path]:
    """The files besides the seed data that decide what a load writes."""
    return [
        MODEL_FILE,
        Path(__file__),
        CYPHER_DIR / "schema.cypher",
        *sorted((CYPHER_DIR / "load").glob("*.cypher")),
    ]


KINDS = ("sources", "disputes", "nodes", "relationships")
ABOUT_FILE = "dataset.yaml"  # a folder's title, licence and citation (seed_data/README.md, "Licence")
ABOUT_FIELDS = ("title", "publisher", "license", "license_url", "citation")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LIST_COLUMNS = {"source_ids", "aliases", "charges"}  # CSV cells split on ';'
TEXT_COLUMNS = {"id", "key", "type", "from", "to", "label", "name", "quote", "detail", "dispute"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SOURCE_REQUIRED = ("id", "title", "publisher", "kind", "reliability")  # `published` where known
# Every fact (relationship or fact node) says how credible it is and when it was last checked
# against its sources; every other version of a fact grades its own credibility.
FACT_REQUIRED = ("credibility", "checked_on")
RELATIONSHIP_FIELDS = {"type", "from", "to"}  # structure, not properties
ALTERNATIVES = "alternatives"
# What an alternative says about itself; everything else in it is a value of the fact.
ALTERNATIVE_META = ("source_ids", "claim_status", "credibility", "detail", "quote")
# Fields that say which fact a record is, so no alternative can give them another value.
IDENTITY_FIELDS = RELATIONSHIP_FIELDS | {"id", "label", "key", "dispute", ALTERNATIVES, "status"}
# How directly a kind of source knows what it states: the court, the depositary or the government
# that acted first, then reports and news, then reference works. A criterion of the
# preferred-value rule (see seed_data/README.md), after the grades.
SOURCE_KIND_RANK = {"court": 0, "official": 0, "treaty": 0, "report": 1, "news": 2, "reference": 3}
MAX_PROBLEMS = 200
WEAK_RELIABILITY = ("E", "F")  # sources no confirmed fact may rest on alone

Scalar = str | int | float | bool | date
Row = dict[str, Any]


class _NoDatesLoader(yaml.SafeLoader):
    """Leaves dates as text, so that a bad date is reported with its record, not as a crash."""


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def is_date_field(name: str) -> bool:
    return name in ("since", "until", "date", "published") or name.endswith("_on")


DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
PRECISIONS = ("year", "month", "day")


def original_publisher(publisher: str) -> str:
    """Whose text a source is: 'Reuters (via TribLIVE)' and 'Reuters' are one publisher."""
    return publisher.split(" (")[0].strip()


def reliability_problem(model: Model, grade: object) -> str | None:
    """What is wrong with a source's reliability grade, if anything: used by validation and by
    `geoalign ingest`, which refuses a bad grade before it writes a file."""
    if grade in model.reliabilities:
        return None
    grades = ", ".join(model.reliabilities)
    return f"{grade!r} is not an Admiralty source grade ({grades}; see seed_data/README.md)"


def parse_date(value: object) -> tuple[date, str]:
    """A date and its precision from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`."""
    text = str(value).strip()
    match = DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    precision = PRECISIONS[(month is not None) + (day is not None)]
    try:
        return date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as error:
        raise ValueError(f"impossible date {text!r} ({error})") from None


def search_text(*names: str) -> str:
    """Lower case without accents, so that 'goita' finds 'Goïta'."""
    folded = unicodedata.normalize("NFKD", " | ".join(names))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


class Origin(NamedTuple):
    """Where a record comes from: its file, its position there, and the record itself, whose
    id (or from-type-to) names it in messages. A tuple, because every record gets one."""

    path: Path
    number: int  # 1-based position in the file
    record: dict[str, Any]

    @property
    def record_id(self) -> str:
        return _label_of(self.record)

    def __str__(self) -> str:
        where = self.path.relative_to(DATA_ROOT) if self.path.is_relative_to(DATA_ROOT) else self.path
        return f"{where}: record {self.number} ({self.record_id})"


def _read_file(path: Path, kind: str) -> Iterator[tuple[Origin, dict[str, Any]]]:
    """The records of one file; a file that cannot be read at all is reported by name."""
    try:
        if path.suffix == ".csv":
            yield from _read_csv(path)
            return
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDatesLoader)  # noqa: S506
    except UnicodeDecodeError as error:
        raise SeedDataError([f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    except yaml.YAMLError as error:
        raise SeedDataError([f"{path}: unreadable YAML: {error}"]) from None
    except RecursionError:
        raise SeedDataError([f"{path}: nested too deeply to be a seed record"]) from None
    if document is None:
        return
    if not isinstance(document, dict) or not isinstance(document.get(kind), list):
        raise SeedDataError([f"{path}: expected a list under '{kind}:'"])
    for index, record in enumerate(document[kind], start=1):
        if not isinstance(record, dict):
            raise SeedDataError([f"{path}: record {index} is not a mapping"])
        yield Origin(path, index, record), record


def _read_csv(path: Path) -> Iterator[tuple[Origin, dict[str, Any]]]:
    """Records of a CSV file with a header row. Empty cells are left out; a row with more filled
    cells than the header names is refused. Each column's conversion is chosen once, by name."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                return
            columns = [(column, _csv_converter(column)) for column in header]
            yield from _csv_records(path, reader, columns)
        except csv.Error as error:
            raise SeedDataError([f"{path}: line {reader.line_num}: {error}"]) from None


def _csv_records(
    path: Path, reader: Iterator[list[str]], columns: list[tuple[str, Callable[[str], Any]]]
) -> Iterator[tuple[Origin, dict[str, Any]]]:
    for index, cells in enumerate(reader, start=1):
        if len(cells) > len(columns) and any(cells[len(columns) :]):
            found, named = len(cells), len(columns)
            raise SeedDataError([f"{path}: record {index} has {found} cells; the header names {named}"])
        record = {
            column: convert(cell) for (column, convert), cell in zip(columns, cells, strict=False) if cell
        }
        yield Origin(path, index, record), record


def _csv_converter(column: str) -> Callable[[str], Any]:
    """How cells of a column are read: CSV cells are text; lists and numbers are read back as
    YAML would give them."""
    if column in LIST_COLUMNS:
        return _split_list
    if column in TEXT_COLUMNS or is_date_field(column):
        return str
    return _number_or_text


def _split_list(cell: str) -> list[str]:
    return cell.split(";")


def _number_or_text(cell: str) -> Any:
    if NUMBER.match(cell):
        return float(cell) if "." in cell else int(cell)
    return cell


def _label_of(record: dict[str, Any]) -> str:
    if "id" in record:
        return str(record["id"])
    return f"{record.get('from')} {record.get('type')} {record.get('to')}"


@dataclass
class QuoteTally:
    """What validation could check of the quotes: how many stand verbatim in an archived text,
    and, for those with no text at hand, the sources whose text would verify them."""

    verified: int = 0
    unverified: Counter[str] = field(default_factory=Counter)  # source id -> quotes citing it

    def summary(self) -> str:
        if not self.unverified:
            return f"Quotes: all {self.verified} verified against archived source texts."
        waiting = sorted(self.unverified)
        shown = ", ".join(waiting[:3]) + (f" and {len(waiting) - 3} more" if len(waiting) > 3 else "")
        return (
            f"Quotes: {self.verified} verified; {self.unverified.total()} unverified, because no text is "
            f"archived for {shown}. Run `geoalign sources fetch` (or `geoalign sources add ID FILE`), "
            "then `geoalign sources status`."
        )


@dataclass
class Check:
    """One validation pass: the problems found so far (up to MAX_PROBLEMS) and what it has seen."""

    problems: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    sources: dict[str, str | None] = field(default_factory=dict)  # source id -> its text, if at hand
    disputes: dict[str, Origin] = field(default_factory=dict)
    versions: Counter[str] = field(default_factory=Counter)  # dispute id -> versions seen
    reliability: dict[str, str] = field(default_factory=dict)  # source id -> its grade
    origin: dict[str, str] = field(default_factory=dict)  # source id -> its original publisher

    def add(self, origin: Origin | Path, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{origin}: {message}")


class SeedSet:
    """The project's seed folder plus any extra folders, read as one body of facts."""

    def __init__(
        self,
        folders: list[Path] | None = None,
        archive: SourceArchive | None = None,
        model: Model | None = None,
    ) -> None:
        self.folders = folders if folders is not None else [SEED_DIR]
        self.archive = archive  # where quotes are checked; None: not checked
        self.model = model or load_model()
        self._labels: dict[str, str] = {}  # node id -> label, filled by validate()
        self._standing: dict[str, SourceStanding] | None = None
        self.quotes = QuoteTally()

    # ----- reading ------------------------------------------------------------------------

    def files(self, kind: str) -> list[Path]:
        found: list[Path] = []
        for folder in self.folders:
            sub = folder / kind
            if sub.is_dir():
                found += sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml", ".csv"))
        return found

    def records(self, kind: str) -> Iterator[tuple[Origin, dict[str, Any]]]:
        for path in self.files(kind):
            yield from _read_file(path, kind)

    def content_hash(self) -> str:
        """The version of what a load would write: the seed files, and the files that decide how
        they are stored (the model, the load statements, this reader), so that a change of either
        is a new version."""
        digest = hashlib.sha256()
        for path in format_files():
            digest.update(path.read_bytes())
        for folder in self.folders:
            if (folder / ABOUT_FILE).is_file():
                digest.update((folder / ABOUT_FILE).read_bytes())
        for kind in KINDS:
            for path in self.files(kind):
                digest.update(path.name.encode())
                with path.open("rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
        return digest.hexdigest()

    def about(self) -> dict[str, str]:
        """What the data is and how to cite it: the `dataset.yaml` of the first folder that has
        one (the project's own, before any extra folder); empty when none has."""
        for folder in self.folders:
            path = folder / ABOUT_FILE
            if path.is_file():
                return self._read_about(path)
        return {}

    @staticmethod
    def _read_about(path: Path) -> dict[str, str]:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as error:
            raise SeedDataError([f"{path}: unreadable: {error}"]) from None
        if not isinstance(document, dict):
            raise SeedDataError([f"{path}: expected a mapping of {', '.join(ABOUT_FIELDS)}"])
        problems = [
            f"{path}: field '{name}': missing or not text"
            for name in ABOUT_FIELDS
            if not isinstance(document.get(name), str) or not document[name].strip()
        ]
        problems += [f"{path}: field '{name}': unknown" for name in document if name not in ABOUT_FIELDS]
        if problems:
            raise SeedDataError(problems)
        return {name: " ".join(document[name].split()) for name in ABOUT_FIELDS}

    # ----- validation ---------------------------------------------------------------------

    def validate(self) -> Counter[str]:
        """Check every file; raise SeedDataError listing all problems. Returns record counts."""
        for folder in self.folders:
            if not folder.is_dir():
                raise SeedDataError([f"{folder}: no such seed folder"])
        for folder in self.folders:
            if (folder / ABOUT_FILE).is_file():
                self._read_about(folder / ABOUT_FILE)
        check = Check()
        self.quotes = QuoteTally()
        try:
            self._validate_sources(check)
            self._validate_disputes(check)
            self._validate_nodes(check)
            self._validate_relationships(check)
        except yaml.YAMLError as error:
            raise SeedDataError([f"unreadable YAML: {error}"]) from None
        for dispute_id, origin in check.disputes.items():
            found = check.versions[dispute_id]
            if found < 2:
                check.add(origin, f"field 'id': dispute has {found} version(s), needs 2+")
        if check.problems:
            raise SeedDataError(check.problems)
        return check.counts

    def _validate_sources(self, check: Check) -> None:
        texts = check.sources
        for origin, record in self.records("sources"):
            check.counts["sources"] += 1
            for name in SOURCE_REQUIRED:
                if name not in record:
                    check.add(origin, f"field '{name}': missing")
            self._check_id(check, origin, record, texts)
            if "published" in record:
                self._check_date(check, origin, "published", record["published"])
            grade = record.get("reliability")
            problem = None if grade is None else reliability_problem(self.model, grade)
            if problem:
                check.add(origin, f"field 'reliability': {problem}")
            kind = record.get("kind")
            if kind is not None and kind not in SOURCE_KIND_RANK:
                check.add(
                    origin,
                    f"field 'kind': {kind!r} is not a source kind "
                    f"({', '.join(SOURCE_KIND_RANK)}; see seed_data/README.md)",
                )
            check.reliability[str(record.get("id"))] = str(grade)
            check.origin[str(record.get("id"))] = original_publisher(str(record.get("publisher")))
            texts[str(record.get("id"))] = self._archived_text(check, origin, record)

    def _archived_text(self, check: Check, origin: Origin, record: dict[str, Any]) -> str | None:
        """The source's text from the archive, normalised for quote checks; None when none is at hand."""
        text_file = record.get("text_file")
        if text_file is not None and not isinstance(text_file, str):
            check.add(origin, "field 'text_file': must be a file name")
            return None
        if self.archive is None or not ID_PATTERN.match(str(record.get("id"))):
            return None
        found = self.archive.text_for(str(record["id"]), text_file)
        return None if found is None else normalised(found.text)

    def _validate_disputes(self, check: Check) -> None:
        for origin, record in self.records("disputes"):
            check.counts["disputes"] += 1
            if "summary" not in record:
                check.add(origin, "field 'summary': missing")
            self._check_sources(check, origin, record)
            if self._check_id(check, origin, record, check.disputes):
                check.disputes[record["id"]] = origin

    def _validate_nodes(self, check: Check) -> None:
        self._labels = {}
        for origin, record in self.records("nodes"):
            label = record.get("label")
            if not isinstance(label, str) or label not in self.model.labels:
                check.add(origin, f"field 'label': unknown label {label!r}")
                continue
            check.counts[label] += 1
            if not self._check_id(check, origin, record, self._labels):
                continue
            self._labels[record["id"]] = label
            for name in self.model.labels[label]:
                if name not in record:
                    check.add(origin, f"field '{name}': missing (required on {label})")
            if label in self.model.fact_labels or "source_ids" in record:
                self._check_sources(check, origin, record)
            if label in self.model.fact_labels:
                self._check_fact(check, origin, record)
            self._check_common(check, origin, record)
            if label == "State":
                try:
                    _country(record)
                except LookupError:
                    check.add(origin, f"field 'iso_name': pycountry knows no country {_iso_name(record)!r}")

    def _validate_relationships(self, check: Check) -> None:
        seen: set[bytes] = set()  # 8-byte digests of (from, type, to, key): small per relationship
        for origin, record in self.records("relationships"):
            kind = self.model.relationships.get(str(record.get("type")))
            if kind is None:
                check.add(origin, f"field 'type': unknown relationship type {record.get('type')!r}")
                continue
            check.counts[kind.name] += 1
            for end, allowed in (("from", kind.from_labels), ("to", kind.to_labels)):
                node_id = record.get(end)
                label = self._labels.get(str(node_id))
                if node_id is None:
                    check.add(origin, f"field '{end}': missing")
                elif not isinstance(node_id, str):
                    check.add(origin, f"field '{end}': {node_id!r} is not an id (write it as text)")
                elif label is None:
                    check.add(origin, f"field '{end}': no node has id {node_id!r}")
                elif label not in allowed:
                    check.add(
                        origin,
                        f"field '{end}': {kind.name} cannot {'start at' if end == 'from' else 'end at'} "
                        f"a {label} ({node_id}); allowed: {', '.join(sorted(allowed))}",
                    )
            identity = "\x1f".join(
                (str(record.get("from")), kind.name, str(record.get("to")), str(record.get("key", "")))
            )
            identity_digest = hashlib.blake2b(identity.encode(), digest_size=8).digest()
            if identity_digest in seen:
                check.add(origin, "field 'key': the same relationship appears twice; give one a distinct key")
            seen.add(identity_digest)
            for name in kind.requires:
                if name not in record:
                    check.add(origin, f"field '{name}': missing (required on {kind.name})")
            self._check_sources(check, origin, record)
            self._check_fact(check, origin, record)
            self._check_common(check, origin, record)

    # ----- field checks shared by nodes and relationships ---------------------------------

    def _check_id(self, check: Check, origin: Origin, record: dict[str, Any], taken: dict[str, Any]) -> bool:
        record_id = record.get("id")
        if not isinstance(record_id, str) or not ID_PATTERN.match(record_id):
            check.add(origin, f"field 'id': {record_id!r} is not lowercase hyphenated ASCII")
            return False
        if record_id in taken:
            check.add(origin, f"field 'id': duplicate id {record_id!r}")
            return False
        return True

    def _check_sources(self, check: Check, origin: Origin, record: dict[str, Any]) -> None:
        cited = record.get("source_ids")
        if not isinstance(cited, list) or not cited:
            check.add(origin, "field 'source_ids': a fact must cite at least one source")
            return
        for source_id in cited:
            if not isinstance(source_id, str):
                check.add(origin, f"field 'source_ids': {source_id!r} is not a source id (write it as text)")
            elif source_id not in check.sources:
                check.add(origin, f"field 'source_ids': unknown source {source_id!r}")

    def _check_fact(self, check: Check, origin: Origin, record: dict[str, Any]) -> None:
        """What every fact states about itself: its credibility, and when it was last checked."""
        for name in FACT_REQUIRED:
            if name not in record:
                check.add(origin, f"field '{name}': missing (every fact states it; see seed_data/README.md)")
        checked = (
            self._check_date(check, origin, "checked_on", record["checked_on"])
            if "checked_on" in record
            else None
        )
        if checked is not None and checked > date.today():
            check.add(origin, f"field 'checked_on': {checked} is in the future")
        self._check_grade(check, origin, record, "")

    def _check_grade(self, check: Check, origin: Origin, version: dict[str, Any], where: str) -> None:
        """A version's credibility is an Admiralty grade its claim status admits, and a confirmed
        version rests on at least one source graded better than E or F."""
        status = str(version.get("claim_status", self.model.default_claim_status))
        admitted = self.model.credibility_by_claim_status.get(status)
        grade = version.get("credibility")
        if grade is None:
            if where:
                check.add(origin, f"field '{where}credibility': missing (an alternative grades its own)")
        elif grade not in self.model.credibilities:
            grades = ", ".join(map(str, self.model.credibilities))
            check.add(origin, f"field '{where}credibility': {grade!r} is not an Admiralty grade ({grades})")
        elif admitted is not None and grade not in admitted:
            check.add(
                origin,
                f"field '{where}credibility': {grade} does not fit claim status {status!r}, "
                f"which admits {', '.join(map(str, sorted(admitted)))}",
            )
        ids = [str(s) for s in version.get("source_ids") or []]
        cited = [check.reliability.get(s) for s in ids]
        independent = {check.origin.get(s) for s in ids if check.reliability.get(s) not in WEAK_RELIABILITY}
        if grade == 1 and "A" not in cited and len(independent) < 2:
            check.add(
                origin,
                f"field '{where}credibility': 1 (confirmed) needs an A source or two independent "
                "publishers graded A-D; grade it 2, or cite another source",
            )
        if status == "confirmed" and cited and all(g in WEAK_RELIABILITY for g in cited):
            check.add(
                origin,
                f"field '{where}source_ids': a confirmed fact cannot rest only on sources graded E or F; "
                "cite a better source or lower its claim status",
            )

    def _check_date(self, check: Check, origin: Origin, name: str, value: object) -> date | None:
        try:
            return parse_date(value)[0]
        except ValueError as error:
            check.add(origin, f"field '{name}': {error}")
            return None

    def _check_common(self, check: Check, origin: Origin, record: dict[str, Any]) -> None:
        dates: dict[str, date] = {}
        for name, value in record.items():
            if not isinstance(name, str):
                check.add(origin, f"field {name!r}: a field name is text")
                continue
            if name in RELATIONSHIP_FIELDS or name == ALTERNATIVES:
                continue
            if is_date_field(name):
                parsed = self._check_date(check, origin, name, value)
                if parsed:
                    dates[name] = parsed
            elif not _storable(value):
                check.add(origin, f"field '{name}': must be a text, number or a list of them")
        for later, earlier in [("until", "since")] + [(s, "announced_on") for s in STAGE_FIELDS[1:]]:
            if later in dates and earlier in dates and dates[later] < dates[earlier]:
                check.add(origin, f"field '{later}': {dates[later]} is before {earlier} {dates[earlier]}")
        if "status" in record:
            check.add(origin, "field 'status': statuses are computed from the dates; store the dates instead")
        status = record.get("claim_status", self.model.default_claim_status)
        if status not in self.model.claim_statuses:
            check.add(
                origin,
                f"field 'claim_status': {status!r} is not one of {', '.join(self.model.claim_statuses)}",
            )
        if "dispute" in record:
            if isinstance(record["dispute"], str) and record["dispute"] in check.disputes:
                check.versions[record["dispute"]] += 1 + len(record.get(ALTERNATIVES) or [])
            else:
                check.add(origin, f"field 'dispute': unknown dispute {record['dispute']!r}")
        self._check_quote(check, origin, record, "quote")
        if ALTERNATIVES in record:
            self._check_alternatives(check, origin, record)

    def _check_quote(self, check: Check, origin: Origin, record: dict[str, Any], name: str) -> None:
        """A quote must stand in the archived text of a source it cites; with no text at hand it
        is counted as unverified, under the sources that would verify it."""
        if "quote" not in record:
            return
        cited = [str(s) for s in record.get("source_ids") or []]
        at_hand = {s: check.sources[s] for s in cited if check.sources.get(s) is not None}
        if not at_hand:
            self.quotes.unverified.update(cited)
            return
        quote = normalised(str(record["quote"]))
        if any(quote in str(text) for text in at_hand.values()):
            self.quotes.verified += 1
        else:
            check.add(
                origin,
                f"field '{name}': not found verbatim in the archived text of {', '.join(sorted(at_hand))}",
            )

    def _check_alternatives(self, check: Check, origin: Origin, record: dict[str, Any]) -> None:
        """Other values sources give for fields of this same fact: each names the fields it
        disputes, its own sources and claim status, and differs from what the record says."""
        alternatives = record[ALTERNATIVES]
        if not isinstance(alternatives, list) or not alternatives:
            check.add(origin, f"field '{ALTERNATIVES}': must be a list of mappings, one per version")
            return
        if "dispute" not in record:
            check.add(origin, f"field '{ALTERNATIVES}': name the dispute they belong to in 'dispute'")
        for number, alternative in enumerate(alternatives, start=1):
            where = f"{ALTERNATIVES}[{number}]"
            if not isinstance(alternative, dict):
                check.add(origin, f"field '{where}': must be a mapping of fields to their other values")
                continue
            values = {k: v for k, v in alternative.items() if k not in ALTERNATIVE_META}
            if not values:
                check.add(origin, f"field '{where}': gives no value; name the field it disputes")
            for name, value in values.items():
                if name in IDENTITY_FIELDS:
                    check.add(origin, f"field '{where}.{name}': identifies the fact and has no alternatives")
                elif value is None or isinstance(value, list | dict):
                    check.add(origin, f"field '{where}.{name}': an alternative value is one text or number")
                elif is_date_field(name):
                    self._check_date(check, origin, f"{where}.{name}", value)
                if name in record and str(record[name]) == str(value):
                    check.add(
                        origin, f"field '{where}.{name}': same value as the record; cite its sources there"
                    )
            cited = alternative.get("source_ids")
            if not isinstance(cited, list) or not cited:
                check.add(origin, f"field '{where}.source_ids': an alternative must cite at least one source")
            else:
                for source_id in cited:
                    if not isinstance(source_id, str) or source_id not in check.sources:
                        check.add(origin, f"field '{where}.source_ids': unknown source {source_id!r}")
            status = alternative.get("claim_status")
            if status not in self.model.claim_statuses:
                check.add(
                    origin,
                    f"field '{where}.claim_status': {status!r} is not one of "
                    f"{', '.join(self.model.claim_statuses)} (an alternative states its own)",
                )
            self._check_grade(check, origin, alternative, f"{where}.")
            self._check_quote(check, origin, alternative, f"{where}.quote")

    # ----- rows for the loader ------------------------------------------------------------

    def source_rows(self) -> Iterator[Row]:
        for _, record in self.records("sources"):
            yield {"id": record["id"], "props": _properties(record, self.model)}

    @property
    def source_standing(self) -> dict[str, SourceStanding]:
        """What the preferred-value rule needs to know of each source, read once."""
        if self._standing is None:
            self._standing = {
                str(record["id"]): SourceStanding(
                    _rank(self.model.reliabilities, record.get("reliability")),
                    SOURCE_KIND_RANK.get(str(record.get("kind")), len(SOURCE_KIND_RANK)),
                    original_publisher(str(record.get("publisher", record["id"]))),
                )
                for _, record in self.records("sources")
            }
        return self._standing

    def stored(
        self, record: dict[str, Any], drop: set[str] | frozenset[str], dates: dict[str, str] | None = None
    ) -> Row:
        """A record's stored properties: where it has alternatives, each field holds its preferred
        value and the other values go to the `alt_*` lists (see `preferred_values`)."""
        if ALTERNATIVES not in record:
            return _properties(record, self.model, drop, dates)
        chosen, alternatives = preferred_values(record, self.model, self.source_standing)
        props = _properties(chosen, self.model, drop | {ALTERNATIVES}, dates)
        props.update(alternative_properties(alternatives))
        return props

    def dispute_rows(self) -> Iterator[Row]:
        for _, record in self.records("disputes"):
            yield {"id": record["id"], "props": _properties(record, self.model)}

    def node_rows(self) -> Iterator[Row]:
        for _, record in self.records("nodes"):
            props = self.stored(record, drop={"label"})
            # Names other sources give (a misspelling, labelled as such in the entity view) find
            # the entity too: an analyst searches for the name they read.
            other_names = [a["name"] for a in record.get(ALTERNATIVES) or [] if "name" in a]
            names = [record["name"], *record.get("aliases", []), *other_names]
            props["search_text"] = search_text(*map(str, names))
            if record["label"] == "State":
                country = _country(record)
                props.update(iso2=country.alpha_2, iso3=country.alpha_3, iso_numeric=country.numeric)
            yield {"id": record["id"], "label": record["label"], "props": props}

    def relationship_rows(self) -> Iterator[Row]:
        """Rows for the relationship statements. The time fields travel apart, as ISO text in
        `dates`, and the statements turn them into Neo4j dates: the driver's Python conversion
        of a date object costs the loader more than the rest of the row."""
        for _, record in self.records("relationships"):
            dates: dict[str, str] = {}
            props = self.stored(record, drop=RELATIONSHIP_FIELDS, dates=dates)
            props.setdefault("key", "")
            props["when"] = _when(dates, props)
            if self.model.relationships[record["type"]].lasting:
                props["lasting"] = True  # read by the stale-facts query
            yield {
                "type": record["type"],
                "from": record["from"],
                "to": record["to"],
                "props": props,
                "dates": dates,
            }


_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}  # characters of an ISO date to keep


def _when(dates: dict[str, str], props: Row) -> str:
    """The fact's dates as text at their precision, for captions: '2021-12', '2021-12 to
    2025-06-06'. Browser shows a Neo4j date in quotes and always to the day."""
    start = "since" if "since" in dates else "announced_on"
    text = [
        dates[name][: _PRECISION_LENGTH[props[f"{name}_precision"]]]
        for name in (start, "until")
        if name in dates
    ]
    return " to ".join(text)


def _rank(grades: tuple[Any, ...], grade: Any) -> int:
    """A grade's place on its scale, best first; no grade ranks below every grade."""
    return grades.index(grade) if grade in grades else len(grades)


class SourceStanding(NamedTuple):
    reliability_rank: int  # Admiralty A .. F: lower is more reliable
    kind_rank: int  # SOURCE_KIND_RANK: lower is closer to the act
    publisher: str  # sources of one publisher are not independent of each other


@dataclass(frozen=True)
class Version:
    """One value of one field of a fact, as some sources state it. `value` None: these sources
    say the fact has no such value (the record leaves the field out)."""

    field: str
    value: Any
    claim_status: str
    credibility: int | None
    source_ids: tuple[str, ...]
    detail: str | None
    quote: str | None
    position: int  # 0 for the record itself, n for its n-th alternative

    def support(self, model: Model, standing: dict[str, SourceStanding]) -> tuple[int, ...]:
        """Sort key, best first: claim status, then credibility, then the most reliable source,
        then the most direct, then the number of independent publishers, then the record before
        its alternatives, in file order."""
        known = [standing[s] for s in self.source_ids if s in standing]
        reliable = min((s.reliability_rank for s in known), default=len(model.reliabilities))
        closest = min((s.kind_rank for s in known), default=len(SOURCE_KIND_RANK))
        publishers = len({s.publisher for s in known})
        return (
            model.claim_statuses.index(self.claim_status),
            _rank(model.credibilities, self.credibility),
            reliable,
            closest,
            -publishers,
            self.position,
        )


def preferred_values(
    record: dict[str, Any], model: Model, standing: dict[str, SourceStanding]
) -> tuple[dict[str, Any], list[Version]]:
    """The record with each disputed field set to its best-supported value, and every other value
    of those fields as a Version. The record's sources gain those of the values it now holds."""
    status = str(record.get("claim_status", model.default_claim_status))
    grade = record.get("credibility")
    own = tuple(record.get("source_ids") or ())
    fields: dict[str, list[Version]] = {}
    for position, alternative in enumerate(record[ALTERNATIVES], start=1):
        for name, value in alternative.items():
            if name in ALTERNATIVE_META:
                continue
            versions = fields.setdefault(
                name, [Version(name, record.get(name), status, grade, own, None, None, 0)]
            )
            versions.append(
                Version(
                    name,
                    value,
                    str(alternative["claim_status"]),
                    alternative.get("credibility"),
                    tuple(alternative["source_ids"]),
                    alternative.get("detail"),
                    alternative.get("quote"),
                    position,
                )
            )
    chosen = {k: v for k, v in record.items() if k != ALTERNATIVES}
    others: list[Version] = []
    cited = list(own)
    for name, versions in fields.items():
        best = min(versions, key=lambda v: v.support(model, standing))
        if best.value is None:
            chosen.pop(name, None)
        else:
            chosen[name] = best.value
        cited += [s for s in best.source_ids if s not in cited]
        others += [v for v in versions if v is not best]
    chosen["source_ids"] = cited
    return chosen, sorted(others, key=lambda v: (v.position, v.field))


def alternative_properties(versions: list[Version]) -> Row:
    """The other values of a fact as parallel lists (Neo4j stores no maps): the i-th entry of each
    list describes one value. Values are text as written (a date keeps its precision: '2026-01');
    an empty value says the version has none; sources are space-separated ids; an empty detail or
    quote, that the version has none."""
    return {
        "alt_field": [v.field for v in versions],
        "alt_value": ["" if v.value is None else str(v.value) for v in versions],
        "alt_claim_status": [v.claim_status for v in versions],
        "alt_credibility": [v.credibility or 0 for v in versions],  # 0: not graded
        "alt_sources": [" ".join(v.source_ids) for v in versions],
        "alt_detail": [" ".join(str(v.detail or "").split()) for v in versions],
        "alt_quote": [str(v.quote or "") for v in versions],
    }


def _iso_name(record: dict[str, Any]) -> str:
    return str(record.get("iso_name") or record.get("name"))


def _country(record: dict[str, Any]) -> Any:
    return pycountry.countries.lookup(_iso_name(record))


def _storable(value: object) -> bool:
    scalar = (str, int, float, bool)
    if isinstance(value, list):
        return all(isinstance(item, scalar) for item in value)
    return isinstance(value, scalar)


def _properties(
    record: dict[str, Any],
    model: Model,
    drop: set[str] | frozenset[str] = frozenset(),
    dates: dict[str, str] | None = None,
) -> Row:
    """Stored properties: dates as dates with a `<field>_precision`, claim status defaulted.
    Given `dates`, the model's time fields go there instead, as ISO text."""
    props: Row = {}
    for name, value in record.items():
        if name in drop:
            continue
        if is_date_field(name):
            day, props[f"{name}_precision"] = parse_date(value)
            if dates is not None and name in TIME_FIELDS:
                dates[name] = day.isoformat()
            else:
                props[name] = day
        else:
            props[name] = value
    if "source_ids" in record or "claim_status" in record:
        props.setdefault("claim_status", model.default_claim_status)
    return props
