"""The preferred value of a disputed field: of the values sources give for one field of one
fact, the best supported is stored in the field and the others in the `alt_*` lists (the rule is
written out in seed_data/README.md, "One fact, one record").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from graph.model import Model
from graph.seed.reading import ALTERNATIVE_META, Records, Row
from graph.values import ALTERNATIVES

# How directly a kind of source knows what it states: the court, the depositary or the government
# that acted first, then reports and news, then reference works. A criterion of the
# preferred-value rule (see seed_data/README.md), after the grades.
SOURCE_KIND_RANK = {"court": 0, "official": 0, "treaty": 0, "report": 1, "news": 2, "reference": 3}


def original_publisher(publisher: str) -> str:
    """Whose text a source is: 'Reuters (via TribLIVE)' and 'Reuters' are one publisher."""
    return publisher.split(" (")[0].strip()


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


def source_standing(records: Records, model: Model) -> dict[str, SourceStanding]:
    """What the preferred-value rule needs to know of each source."""
    return {
        str(record["id"]): SourceStanding(
            _rank(model.reliabilities, record.get("reliability")),
            SOURCE_KIND_RANK.get(str(record.get("kind")), len(SOURCE_KIND_RANK)),
            original_publisher(str(record.get("publisher", record["id"]))),
        )
        for _, record in records("sources")
    }
