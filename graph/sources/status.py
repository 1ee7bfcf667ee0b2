"""What the archive holds for each source of the seed data, and whether the quotes citing the
source stand in its text: what `geoalign sources status` shows and `sources fetch` works from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.errors import GeoalignError, NotFound
from graph.sources.archive import ArchivedText, SourceArchive
from graph.sources.fetch import FetchLimits, fetch_text
from graph.values import ALTERNATIVES, normalised, stands_in

# A seed set's records of one kind (SeedSet.records): (origin, record) pairs. Taken as a function,
# so that the archive never imports the seed package, which imports the archive.
Records = Callable[[str], Iterable[tuple[Any, dict[str, Any]]]]


@dataclass
class SourceStatus:
    source_id: str
    url: str | None
    text: ArchivedText | None
    quotes: list[str] = field(default_factory=list)  # quotes that cite this source
    found: int = 0  # of them, how many stand in its text
    elsewhere: int = 0  # how many of the others stand in the text of another source they cite

    @classmethod
    def of(
        cls, source: dict[str, Any], archive: SourceArchive, quotes: list[str] | None = None
    ) -> SourceStatus:
        """The status of one source (its seed record or stored properties) and the quotes citing it."""
        text = archive.text_for(str(source["id"]), source.get("text_file"))
        status = cls(str(source["id"]), source.get("url"), text)
        for quote in quotes or []:
            status.count(quote, None if text is None else normalised(text.text))
        return status

    def count(self, quote: str, normalised_text: str | None) -> None:
        self.quotes.append(quote)
        if normalised_text is not None and stands_in(quote, normalised_text):
            self.found += 1

    @property
    def state(self) -> str:
        if not self.quotes:
            return "no text" if self.text is None else "archived"
        if self.text is not None and self.found == len(self.quotes):
            return "verified"
        if self.text is not None:
            return f"{len(self.quotes) - self.found} not found"
        return "verified elsewhere" if self.elsewhere == len(self.quotes) else "unverified"

    def as_dict(self) -> dict[str, Any]:
        return {
            "archived": self.text is not None,
            "origin": None if self.text is None else self.text.origin,
            "retrieved_at": None if self.text is None else self.text.record.get("retrieved_at"),
            "quotes": len(self.quotes),
            "quotes_found": self.found,
            "quotes_found_elsewhere": self.elsewhere,
            "status": self.state,
        }


def _quoting(record: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """(quote, cited source ids) of a record and of each of its alternatives."""
    for version in (record, *(record.get(ALTERNATIVES) or [])):
        if isinstance(version, dict) and "quote" in version:
            yield str(version["quote"]), [str(s) for s in version.get("source_ids") or []]


def source_statuses(records: Records, archive: SourceArchive) -> list[SourceStatus]:
    statuses = {str(r["id"]): SourceStatus.of(r, archive) for _, r in records("sources")}
    texts = {sid: normalised(s.text.text) for sid, s in statuses.items() if s.text is not None}
    for kind in ("nodes", "relationships"):
        for _, record in records(kind):
            for quote, cited in _quoting(record):
                standing_in = {s for s in cited if s in texts and stands_in(quote, texts[s])}
                for source_id in cited:
                    if source_id in statuses:
                        statuses[source_id].count(quote, texts.get(source_id))
                        statuses[source_id].elsewhere += bool(standing_in - {source_id})
    return sorted(statuses.values(), key=lambda s: s.source_id)


def fetch_sources(
    records: Records, archive: SourceArchive, limits: FetchLimits, ids: list[str] | None = None
) -> list[tuple[str, str]]:
    """Download and archive the texts of the named sources (default: every source with a URL
    whose text is not archived yet). Returns (source id, what happened) for each; one failure
    does not stop the others."""
    statuses = {s.source_id: s for s in source_statuses(records, archive)}
    unknown = sorted(set(ids or []) - statuses.keys())
    if unknown:
        raise NotFound(f"no source with id {', '.join(map(repr, unknown))} in the seed data")
    chosen = (
        [statuses[i] for i in ids]
        if ids
        else [s for s in statuses.values() if s.url and (s.text is None or s.text.origin == "imported")]
    )
    outcomes = []
    for status in chosen:
        if not status.url:
            outcomes.append((status.source_id, "no url in the seed data: use `geoalign sources add ID FILE`"))
            continue
        try:
            fetched = fetch_text(status.url, limits)
        except GeoalignError as error:
            outcomes.append((status.source_id, f"failed: {error}"))
            continue
        archive.store(status.source_id, fetched.text, "fetched", **fetched.details)
        outcomes.append((status.source_id, f"archived {len(fetched.text):,} characters"))
    return outcomes
