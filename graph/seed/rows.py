"""The rows the loader writes, from validated records: stored properties (dates as dates with
their precision, the preferred value of a disputed field), the folded search names and ISO codes
of a node, and a relationship's dates apart, as text the load statements turn into dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pycountry

from graph.model import TIME_FIELDS, Model
from graph.seed.preferred import SourceStanding, alternative_properties, preferred_values, source_standing
from graph.seed.reading import RELATIONSHIP_FIELDS, Records, Row
from graph.values import ALTERNATIVES, is_date_field, parse_date, search_text


class Rows:
    """A seed set's records as the loader's rows."""

    def __init__(self, records: Records, model: Model) -> None:
        self.records = records
        self.model = model
        self._standing: dict[str, SourceStanding] | None = None

    @property
    def source_standing(self) -> dict[str, SourceStanding]:
        """What the preferred-value rule needs to know of each source, read once."""
        if self._standing is None:
            self._standing = source_standing(self.records, self.model)
        return self._standing

    def source_rows(self) -> Iterator[Row]:
        for _, record in self.records("sources"):
            yield {"id": record["id"], "props": stored_properties(record, self.model)}

    def stored(
        self, record: dict[str, Any], drop: set[str] | frozenset[str], dates: dict[str, str] | None = None
    ) -> Row:
        """A record's stored properties: where it has alternatives, each field holds its preferred
        value and the other values go to the `alt_*` lists (see `preferred_values`)."""
        if ALTERNATIVES not in record:
            return stored_properties(record, self.model, drop, dates)
        chosen, alternatives = preferred_values(record, self.model, self.source_standing)
        props = stored_properties(chosen, self.model, drop | {ALTERNATIVES}, dates)
        props.update(alternative_properties(alternatives))
        return props

    def dispute_rows(self) -> Iterator[Row]:
        for _, record in self.records("disputes"):
            yield {"id": record["id"], "props": stored_properties(record, self.model)}

    def node_rows(self) -> Iterator[Row]:
        for _, record in self.records("nodes"):
            props = self.stored(record, drop={"label"})
            # Names other sources give (a misspelling, labelled as such in the entity view) find
            # the entity too: an analyst searches for the name they read.
            other_names = [a["name"] for a in record.get(ALTERNATIVES) or [] if "name" in a]
            names = [record["name"], *record.get("aliases", []), *other_names]
            props["search_text"] = search_text(*map(str, names))
            if record["label"] == "State" and (found := country(record)) is not None:
                props.update(iso2=found.alpha_2, iso3=found.alpha_3, iso_numeric=found.numeric)
                if hasattr(found, "alpha_4"):  # a former state: its ISO 3166-3 code
                    props["iso_former"] = found.alpha_4
            if record["label"] in self.model.settled_by:  # read by the stale-facts query
                props["settled_by"] = self.model.settled_by[record["label"]]
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
            kind = self.model.relationships[record["type"]]
            if kind.lasting:
                props["lasting"] = True  # read by the stale-facts query, with the two below
                props["max_age_days"] = kind.max_age_days
            if kind.settled_by:
                props["settled_by"] = kind.settled_by
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


def iso_name(record: dict[str, Any]) -> str:
    return str(record.get("iso_name") or record.get("name"))


def country(record: dict[str, Any]) -> Any:
    """A State's ISO 3166 entry: a former state by its ISO 3166-3 code (`iso_former`), any other
    by `iso_name`; None for a state ISO never coded, whose record says why (`iso_none`).
    LookupError when the record names a code or country ISO does not know."""
    if "iso_none" in record:
        return None
    if "iso_former" in record:
        found = pycountry.historic_countries.get(alpha_4=str(record["iso_former"]))
        if found is None:
            raise LookupError(record["iso_former"])
        return found
    return pycountry.countries.lookup(iso_name(record))


def stored_properties(
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
