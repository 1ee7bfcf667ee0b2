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
from graph.model import STAGE_FIELDS, TIME_FIELDS, Model, load_model
from graph.settings import PROJECT_ROOT

SEED_DIR = PROJECT_ROOT / "seed_data"
KINDS = ("sources", "disputes", "nodes", "relationships")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LIST_COLUMNS = {"source_ids", "aliases", "charges"}  # CSV cells split on ';'
TEXT_COLUMNS = {"id", "key", "type", "from", "to", "label", "name", "quote", "detail", "dispute"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SOURCE_REQUIRED = ("id", "title", "publisher", "kind")  # `published` where known
RELATIONSHIP_FIELDS = {"type", "from", "to"}  # structure, not properties
MAX_PROBLEMS = 200

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
        where = self.path.relative_to(PROJECT_ROOT) if self.path.is_relative_to(PROJECT_ROOT) else self.path
        return f"{where}: record {self.number} ({self.record_id})"


def _read_file(path: Path, kind: str) -> Iterator[tuple[Origin, dict[str, Any]]]:
    if path.suffix == ".csv":
        yield from _read_csv(path)
        return
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDatesLoader)  # noqa: S506
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
        header = next(reader, None)
        if header is None:
            return
        columns = [(column, _csv_converter(column)) for column in header]
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
class Check:
    """One validation pass: the problems found so far (up to MAX_PROBLEMS) and what it has seen."""

    problems: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    sources: dict[str, str | None] = field(default_factory=dict)  # source id -> its text, if at hand
    disputes: dict[str, Origin] = field(default_factory=dict)
    versions: Counter[str] = field(default_factory=Counter)  # dispute id -> versions seen

    def add(self, origin: Origin | Path, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{origin}: {message}")


class SeedSet:
    """The project's seed folder plus any extra folders, read as one body of facts."""

    def __init__(
        self, folders: list[Path] | None = None, source_texts: Path | None = None, model: Model | None = None
    ) -> None:
        self.folders = folders if folders is not None else [SEED_DIR]
        self.source_texts = source_texts
        self.model = model or load_model()
        self._labels: dict[str, str] = {}  # node id -> label, filled by validate()
        self.unchecked_quotes: list[str] = []

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
        digest = hashlib.sha256()
        for kind in KINDS:
            for path in self.files(kind):
                digest.update(path.name.encode())
                with path.open("rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
        return digest.hexdigest()

    # ----- validation ---------------------------------------------------------------------

    def validate(self) -> Counter[str]:
        """Check every file; raise SeedDataError listing all problems. Returns record counts."""
        for folder in self.folders:
            if not folder.is_dir():
                raise SeedDataError([f"{folder}: no such seed folder"])
        check = Check()
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
            text = None
            if "text_file" in record and self.source_texts is not None:
                path = self.source_texts / str(record["text_file"])
                if path.is_file():
                    text = path.read_text(encoding="utf-8")
                else:
                    self.unchecked_quotes.append(f"{record.get('id')}: {path} not found")
            texts[str(record.get("id"))] = text

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
            if label not in self.model.labels:
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
            if source_id not in check.sources:
                check.add(origin, f"field 'source_ids': unknown source {source_id!r}")

    def _check_date(self, check: Check, origin: Origin, name: str, value: object) -> date | None:
        try:
            return parse_date(value)[0]
        except ValueError as error:
            check.add(origin, f"field '{name}': {error}")
            return None

    def _check_common(self, check: Check, origin: Origin, record: dict[str, Any]) -> None:
        dates: dict[str, date] = {}
        for name, value in record.items():
            if name in RELATIONSHIP_FIELDS:
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
            if record["dispute"] in check.disputes:
                check.versions[record["dispute"]] += 1
            else:
                check.add(origin, f"field 'dispute': unknown dispute {record['dispute']!r}")
        if "quote" in record:
            texts = [check.sources.get(s) for s in record.get("source_ids") or []]
            at_hand = [t for t in texts if t is not None]
            if at_hand and not any(str(record["quote"]) in t for t in at_hand):
                check.add(origin, "field 'quote': not found verbatim in the text of any source it cites")

    # ----- rows for the loader ------------------------------------------------------------

    def source_rows(self) -> Iterator[Row]:
        for _, record in self.records("sources"):
            yield {"id": record["id"], "props": _properties(record, self.model)}

    def dispute_rows(self) -> Iterator[Row]:
        for _, record in self.records("disputes"):
            yield {"id": record["id"], "props": _properties(record, self.model)}

    def node_rows(self) -> Iterator[Row]:
        for _, record in self.records("nodes"):
            props = _properties(record, self.model, drop={"label"})
            props["search_text"] = search_text(str(record["name"]), *map(str, record.get("aliases", [])))
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
            props = _properties(record, self.model, drop=RELATIONSHIP_FIELDS, dates=dates)
            props.setdefault("key", "")
            yield {
                "type": record["type"],
                "from": record["from"],
                "to": record["to"],
                "props": props,
                "dates": dates,
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
