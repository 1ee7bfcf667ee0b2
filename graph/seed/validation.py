"""Validation of a seed set, before anything is written: every problem in every file, each
naming its file, record and field (graph.errors.SeedDataError lists them all)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from graph.errors import SeedDataError
from graph.model import SETTLED_BY_LENGTH, STAGE_FIELDS, Model
from graph.seed.preferred import SOURCE_KIND_RANK, original_publisher
from graph.seed.reading import (
    ALTERNATIVE_META,
    FACT_REQUIRED,
    IDENTITY_FIELDS,
    RELATIONSHIP_FIELDS,
    SOURCE_REQUIRED,
    UNREAD_DATE_FIELDS,
    Origin,
    Records,
)
from graph.seed.rows import country, iso_name
from graph.sources.archive import SourceArchive
from graph.values import ALTERNATIVES, ID_PATTERN, is_date_field, normalised, parse_date, period, stands_in

MAX_PROBLEMS = 200
# How an organisation declares that the graph holds its whole membership (the coverage queries
# say so in their answers): whether, as of which day, on which sources.
COVERAGE_FIELDS = ("members_complete", "members_complete_on", "members_source_ids")
WEAK_RELIABILITY = ("E", "F")  # sources no confirmed fact may rest on alone
COPY_BEST = "C"  # the best grade a copy of another publisher's text may have
WRONG = "E"  # the grade of a source the graph shows wrong on this story
UNREAD_BEST = 3  # the best credibility of a version with a date not read in a cited source
PUBLISHERS_FILE = Path(__file__).with_name("publishers.yaml")


def own_sites(path: Path = PUBLISHERS_FILE) -> dict[str, list[str]]:
    """Publisher -> the sites that are its own (graph/seed/publishers.yaml)."""
    listed = yaml.safe_load(path.read_text())["publishers"]
    return {str(publisher): [str(site) for site in sites] for publisher, sites in listed.items()}


def copy_reason(record: dict[str, Any], sites: dict[str, list[str]]) -> str | None:
    """Why a source is a copy of another publisher's text, or None: its record says so (`copy:
    true`, or a publisher written "X (via Y)"), or its URL is not on a site of its publisher's own."""
    publisher = str(record.get("publisher", ""))
    if record.get("copy") is True:
        return "its record says it is a copy"
    if "(via " in publisher:
        return f"its publisher is {publisher!r}"
    own = sites.get(publisher)
    host = (urlsplit(str(record.get("url", ""))).hostname or "").lower()
    if own and host and not any(host == site or host.endswith("." + site) for site in own):
        return f"its URL is on {host}, not on {publisher}'s own site ({', '.join(own)})"
    return None


def reliability_problem(model: Model, grade: object) -> str | None:
    """What is wrong with a source's reliability grade, if anything: used by validation and by
    `geoalign ingest`, which refuses a bad grade before it writes a file."""
    if grade in model.reliabilities:
        return None
    grades = ", ".join(model.reliabilities)
    return f"{grade!r} is not an Admiralty source grade ({grades}; see seed_data/README.md)"


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
    published: dict[str, date] = field(default_factory=dict)  # source id -> last day it may date from
    where: dict[str, Origin] = field(default_factory=dict)  # source id -> its record
    kept: set[str] = field(default_factory=set)  # sources whose record says why a denial leaves its grade
    denied: dict[str, Origin] = field(default_factory=dict)  # source id -> a denied version citing it
    copies: set[str] = field(default_factory=set)  # sources that copy another publisher's text

    def add(self, origin: Origin | Path, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{origin}: {message}")


class Validator:
    """One validation pass over a seed set's records; `run` raises SeedDataError listing every
    problem, or returns the record counts. Quotes are checked against `archive` (None: counted as
    unverified)."""

    def __init__(self, records: Records, model: Model, archive: SourceArchive | None) -> None:
        self.records = records
        self.model = model
        self.archive = archive
        self.quotes = QuoteTally()
        self._labels: dict[str, str] = {}  # node id -> label

    def run(self) -> Counter[str]:
        check = Check()
        self._validate_sources(check)
        self._validate_disputes(check)
        self._validate_nodes(check)
        self._validate_relationships(check)
        self._check_shown_wrong(check)
        for dispute_id, origin in check.disputes.items():
            found = check.versions[dispute_id]
            if found < 2:
                check.add(origin, f"field 'id': dispute has {found} version(s), needs 2+")
        if check.problems:
            raise SeedDataError(check.problems)
        return check.counts

    def _validate_sources(self, check: Check) -> None:
        texts = check.sources
        sites = own_sites()
        for origin, record in self.records("sources"):
            check.counts["sources"] += 1
            for name in SOURCE_REQUIRED:
                if name not in record:
                    check.add(origin, f"field '{name}': missing")
            self._check_id(check, origin, record, texts)
            source_id = str(record.get("id"))
            if "published" in record and self._check_date(check, origin, "published", record["published"]):
                check.published[source_id] = period(record["published"])[1]
            check.where[source_id] = origin
            if record.get("grade_kept_because"):
                check.kept.add(source_id)
            grade = record.get("reliability")
            problem = None if grade is None else reliability_problem(self.model, grade)
            if problem:
                check.add(origin, f"field 'reliability': {problem}")
            copied = copy_reason(record, sites)
            if copied:
                check.copies.add(source_id)
            grades = self.model.reliabilities
            if copied and grade in grades and grades.index(grade) < grades.index(COPY_BEST):
                check.add(
                    origin,
                    f"field 'reliability': {grade}, but the source is a copy ({copied}); a copy is graded "
                    f'{COPY_BEST} at best (seed_data/README.md, "Grades")',
                )
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
            self._check_coverage(check, origin, record, label)
            self._check_membership_age(check, origin, record, label)
            if label == "State":
                try:
                    country(record)
                except LookupError:
                    if "iso_former" in record:
                        check.add(origin, f"field 'iso_former': no ISO 3166-3 code {record['iso_former']!r}")
                    else:
                        check.add(
                            origin, f"field 'iso_name': pycountry knows no country {iso_name(record)!r}"
                        )

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
            for name, choices in kind.choices.items():
                if record.get(name) not in choices:
                    check.add(
                        origin, f"field '{name}': {record.get(name)!r} is not one of {', '.join(choices)}"
                    )
            self._check_sources(check, origin, record)
            self._check_fact(check, origin, record)
            self._check_common(check, origin, record)
            if kind.lasting and "until" not in record and self._labels.get(str(record.get("to"))) != "Event":
                self._check_backed(check, origin, record)  # a part in an event ends with the event

    def _check_backed(self, check: Check, origin: Origin, record: dict[str, Any]) -> None:
        """An open state of affairs is checked no later than its newest dated source says it held:
        an undated page cannot vouch for a day."""
        if "checked_on" not in record:
            return
        try:
            checked = parse_date(record["checked_on"])[0]
        except ValueError:
            return  # already reported
        cited = [str(s) for s in record.get("source_ids") or []] + [
            str(s)
            for version in record.get(ALTERNATIVES) or []
            if isinstance(version, dict)
            for s in version.get("source_ids") or []
        ]
        dated = {s: check.published[s] for s in cited if s in check.published}
        if not dated:
            check.add(
                origin,
                f"field 'checked_on': {checked}, but no source it cites has a 'published' date, so none "
                "backs a check date; cite a dated source that shows the fact still held",
            )
            return
        newest = max(dated, key=lambda s: (dated[s], s))
        if checked > dated[newest]:
            check.add(
                origin,
                f"field 'checked_on': {checked} is later than its newest source ({newest}, published "
                f"{dated[newest]}); a check is dated by the sources that back it",
            )

    def _check_shown_wrong(self, check: Check) -> None:
        """A source cited by a denied version, shown wrong by the sources the denial rests on, is
        graded E, unless its record says why not (`grade_kept_because`)."""
        for source_id, denied_at in sorted(check.denied.items()):
            grade = check.reliability.get(source_id)
            if source_id in check.kept or grade == WRONG or source_id not in check.where:
                continue
            check.add(
                check.where[source_id],
                f"field 'reliability': {grade}, but a version citing it is denied ({denied_at}); a source "
                f"shown wrong on this story is graded {WRONG}, or its record says why not in "
                "'grade_kept_because'",
            )

    def _check_coverage(self, check: Check, origin: Origin, record: dict[str, Any], label: str) -> None:
        """An organisation that says the graph holds all its members says as of when and on which
        sources; nothing else declares coverage (seed_data/README.md, "Coverage")."""
        declared = [name for name in COVERAGE_FIELDS if name in record]
        if not declared:
            return
        if label != "Organization":
            check.add(
                origin, f"field '{declared[0]}': only an Organization declares its membership's coverage"
            )
            return
        if not isinstance(record.get("members_complete"), bool):
            check.add(
                origin, "field 'members_complete': true or false (whether every member is in the graph)"
            )
        elif record["members_complete"]:
            for name in ("members_complete_on", "members_source_ids"):
                if name not in record:
                    check.add(
                        origin, f"field '{name}': missing (a complete membership says as of when, on what)"
                    )
        cited = record.get("members_source_ids", [])
        if not isinstance(cited, list):
            check.add(origin, "field 'members_source_ids': a list of source ids")
            return
        for source_id in cited:
            if source_id not in check.sources:
                check.add(origin, f"field 'members_source_ids': unknown source {source_id!r}")

    def _check_membership_age(self, check: Check, origin: Origin, record: dict[str, Any], label: str) -> None:
        """An organisation may hold its memberships to its own age on the stale list, with the
        reason, and say where a check of them would look (graph/model.yaml, MEMBER_OF)."""
        age = record.get("membership_max_age_days")
        if age is not None and (label != "Organization" or not isinstance(age, int) or age < 1):
            check.add(
                origin, "field 'membership_max_age_days': a positive number of days, on an Organization"
            )
        elif age is not None and not record.get("membership_max_age_reason"):
            check.add(
                origin, "field 'membership_max_age_reason': missing (why its memberships keep that long)"
            )
        settled = record.get("membership_settled_by")
        if settled is not None and (not isinstance(settled, str) or len(settled) > SETTLED_BY_LENGTH):
            check.add(
                origin,
                f"field 'membership_settled_by': where to look, in {SETTLED_BY_LENGTH} characters at most",
            )

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
        if status == "denied":
            for source_id in ids:
                check.denied.setdefault(source_id, origin)
        self._check_unread(check, origin, version, where, grade)
        self._check_copies_cited(check, origin, ids, where)
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

    def _check_copies_cited(self, check: Check, origin: Origin, ids: list[str], where: str) -> None:
        """A copy cited beside its original (the same publisher's text on its own site) is graded
        at least one step below it: the copy adds a chance of error and no independence."""
        grades = self.model.reliabilities
        for copy in (s for s in ids if s in check.copies and check.reliability.get(s) in grades):
            originals = [
                s
                for s in ids
                if s not in check.copies
                and check.origin.get(s) == check.origin.get(copy)
                and check.reliability.get(s) in grades
            ]
            if not originals:
                continue
            best = min(originals, key=lambda s: grades.index(check.reliability[s]))
            if grades.index(check.reliability[copy]) <= grades.index(check.reliability[best]):
                check.add(
                    origin,
                    f"field '{where}source_ids': {copy} is a copy graded {check.reliability[copy]}, cited "
                    f"beside its original {best} graded {check.reliability[best]}; a copy is graded one "
                    'step below its original (seed_data/README.md, "Grades")',
                )

    def _check_unread(
        self, check: Check, origin: Origin, version: dict[str, Any], where: str, grade: object
    ) -> None:
        """Dates a version marks as not read in a cited source (`background_dates`, `derived_dates`)
        name date fields it gives, and keep its credibility at 3 or below."""
        for name in UNREAD_DATE_FIELDS:
            if name not in version:
                continue
            marked = version[name]
            if not isinstance(marked, list) or not marked:
                check.add(origin, f"field '{where}{name}': a list of the date fields not read in a source")
                continue
            for field_name in marked:
                if not (isinstance(field_name, str) and is_date_field(field_name) and field_name in version):
                    check.add(origin, f"field '{where}{name}': {field_name!r} is not a date field it gives")
            if isinstance(grade, int) and grade < UNREAD_BEST:
                check.add(
                    origin,
                    f"field '{where}credibility': {grade}, but {', '.join(map(str, marked))} "
                    f"{'is' if len(marked) == 1 else 'are'} not read in a cited source ({name}); grade it "
                    f"{UNREAD_BEST} or worse",
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
        if any(stands_in(str(record["quote"]), str(text)) for text in at_hand.values()):
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


def _storable(value: object) -> bool:
    scalar = (str, int, float, bool)
    if isinstance(value, list):
        return all(isinstance(item, scalar) for item in value)
    return isinstance(value, scalar)
