"""Reading seed folders: YAML and CSV files of records, each record with its origin (file,
position, id) so that every problem can name where it is, and a folder's `dataset.yaml`.

A seed folder holds `sources/`, `disputes/`, `nodes/` and `relationships/`, each with YAML or
CSV files (see seed_data/README.md). Files are read as streams, so memory stays flat however many
records there are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from graph.errors import SeedDataError
from graph.settings import DATA_ROOT
from graph.values import ALTERNATIVES, is_date_field

KINDS = ("sources", "disputes", "nodes", "relationships")
ABOUT_FILE = "dataset.yaml"  # a folder's title, licence and citation (seed_data/README.md, "Licence")
ABOUT_FIELDS = ("title", "publisher", "license", "license_url", "citation")
LIST_COLUMNS = {"source_ids", "aliases", "charges", "members_source_ids", "issue_codes", "issues"}
BOOLEAN_COLUMNS = {"amendment", "paragraph", "important_vote", "members_complete"}  # true / false
TEXT_COLUMNS = {"id", "key", "type", "from", "to", "label", "name", "quote", "detail", "dispute"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SOURCE_REQUIRED = ("id", "title", "publisher", "kind", "reliability")  # `published` where known
# Every fact (relationship or fact node) says how credible it is and when it was last checked
# against its sources; every other version of a fact grades its own credibility.
FACT_REQUIRED = ("credibility", "checked_on")
RELATIONSHIP_FIELDS = {"type", "from", "to"}  # structure, not properties
# What an alternative says about itself; everything else in it is a value of the fact.
# A version's fields that are not disputed values: its grading, and the dates it marks as not read
# in a cited source (background knowledge, or derived by a rule such as the Rome Statute's Art. 126).
UNREAD_DATE_FIELDS = ("background_dates", "derived_dates")
ALTERNATIVE_META = ("source_ids", "claim_status", "credibility", "detail", "quote", *UNREAD_DATE_FIELDS)
# Fields that say which fact a record is, so no alternative can give them another value.
IDENTITY_FIELDS = RELATIONSHIP_FIELDS | {"id", "label", "key", "dispute", ALTERNATIVES, "status"}

Scalar = str | int | float | bool | date
Row = dict[str, Any]
Record = tuple["Origin", dict[str, Any]]
Records = Callable[[str], Iterator[Record]]  # a seed set's records of one kind


class _NoDatesLoader(yaml.SafeLoader):
    """Leaves dates as text, so that a bad date is reported with its record, not as a crash."""


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def read_file(path: Path, kind: str) -> Iterator[tuple[Origin, dict[str, Any]]]:
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
    if column in BOOLEAN_COLUMNS:
        return _boolean
    if column in TEXT_COLUMNS or is_date_field(column):
        return str
    return _number_or_text


def _split_list(cell: str) -> list[str]:
    return cell.split(";")


def _boolean(cell: str) -> Any:
    """'true' and 'false' as YAML reads them; any other text is left for validation to refuse."""
    return {"true": True, "false": False}.get(cell, cell)


def _number_or_text(cell: str) -> Any:
    if NUMBER.match(cell):
        return float(cell) if "." in cell else int(cell)
    return cell


def _label_of(record: dict[str, Any]) -> str:
    if "id" in record:
        return str(record["id"])
    return f"{record.get('from')} {record.get('type')} {record.get('to')}"


def read_about(path: Path) -> dict[str, str]:
    """A folder's dataset.yaml: every field of ABOUT_FIELDS, as text on one line, and no other."""
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
