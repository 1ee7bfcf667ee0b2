"""The graph model (graph/model.yaml): the allow-list of labels, relationship types and statuses.

Labels and relationship types are the only parts of any Cypher text that vary; they may only
come from here. The model refuses to load when it contradicts itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MODEL_FILE = Path(__file__).with_name("model.yaml")

# The time fields a relationship may carry; `requires` in the model names some of them.
PERIOD_FIELDS = ("since", "until")
STAGE_FIELDS = ("announced_on", "notified_on", "effective_on", "revoked_on")
TIME_FIELDS = PERIOD_FIELDS + STAGE_FIELDS

_LABEL = re.compile(r"^[A-Z][A-Za-z]*$")
_REL_TYPE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")


class ModelError(Exception):
    """graph/model.yaml is inconsistent."""


@dataclass(frozen=True)
class RelationshipType:
    name: str
    doc: str
    from_labels: frozenset[str]
    to_labels: frozenset[str]
    requires: tuple[str, ...]
    lasting: bool  # a state of affairs that holds until its `until`, not an act
    choices: dict[str, tuple[str, ...]]  # fields every such edge carries, each with its allowed values
    max_age_days: int | None = None  # how old a check of an open fact of this type may grow
    max_age_reason: str = ""
    settled_by: str = ""  # where a new check of such a fact would look


@dataclass(frozen=True)
class Model:
    labels: dict[str, tuple[str, ...]]  # label -> required properties
    fact_labels: frozenset[str]  # labels whose nodes must cite a source
    relationships: dict[str, RelationshipType]
    claim_statuses: tuple[str, ...]
    reliabilities: tuple[str, ...]  # Admiralty source grades, best first: A .. F
    credibilities: tuple[int, ...]  # Admiralty claim grades, best first: 1 .. 6
    credibility_by_claim_status: dict[str, frozenset[int]]
    settled_by: dict[str, str] = field(default_factory=dict)  # fact label -> where a new check would look

    @property
    def default_claim_status(self) -> str:
        return self.claim_statuses[0]


SETTLED_BY_LENGTH = 60  # a heading of `geoalign stale`, with its count, on one line of 80 columns


def _settled_by(owner: str, value: Any) -> str:
    text = str(value)
    if len(text) > SETTLED_BY_LENGTH:
        raise ModelError(
            f"{owner}.settled_by is {len(text)} characters; say it in {SETTLED_BY_LENGTH} at most"
        )
    return text


def _parse(raw: dict[str, Any]) -> Model:
    labels: dict[str, tuple[str, ...]] = {}
    fact_labels = set()
    settled: dict[str, str] = {}
    for label, spec in raw["labels"].items():
        if not _LABEL.match(label):
            raise ModelError(f"label {label!r} is not CamelCase")
        labels[label] = tuple(spec.get("required", []))
        if spec.get("fact"):
            fact_labels.add(label)
            if not spec.get("settled_by"):
                raise ModelError(f"fact label {label} must say where a new check would look (settled_by)")
            settled[label] = _settled_by(label, spec["settled_by"])
    relationships: dict[str, RelationshipType] = {}
    for name, spec in raw["relationships"].items():
        if not _REL_TYPE.match(name):
            raise ModelError(f"relationship type {name!r} is not UPPER_SNAKE_CASE")
        ends = {end: frozenset(spec[end]) for end in ("from", "to")}
        for end, allowed in ends.items():
            unknown = allowed - labels.keys()
            if not allowed or unknown:
                raise ModelError(f"{name}.{end} names unknown labels {sorted(unknown)} or none")
        requires = tuple(spec.get("requires", []))
        if not set(requires) <= set(TIME_FIELDS):
            raise ModelError(f"{name}.requires may only name time fields {TIME_FIELDS}")
        choices = {
            str(field): tuple(map(str, allowed)) for field, allowed in (spec.get("choices") or {}).items()
        }
        if any(not allowed for allowed in choices.values()):
            raise ModelError(f"{name}.choices must list the values each field allows")
        lasting = bool(spec.get("lasting"))
        age = spec.get("max_age_days")
        if lasting and (not isinstance(age, int) or age < 1 or not spec.get("max_age_reason")):
            raise ModelError(
                f"lasting type {name} must give max_age_days (a positive integer) and its reason"
            )
        if (lasting or "announced_on" in requires) and not spec.get("settled_by"):
            raise ModelError(
                f"{name} can stay open, so it must say where a new check would look (settled_by)"
            )
        relationships[name] = RelationshipType(
            name,
            spec.get("doc", ""),
            ends["from"],
            ends["to"],
            requires,
            lasting,
            choices,
            age if lasting else None,
            str(spec.get("max_age_reason", "")),
            _settled_by(name, spec.get("settled_by", "")),
        )
    statuses = tuple(raw["claim_statuses"])
    if "confirmed" not in statuses:
        raise ModelError("claim_statuses must include 'confirmed', the default")
    statuses = ("confirmed",) + tuple(s for s in statuses if s != "confirmed")
    reliabilities = tuple(str(grade) for grade in raw["source_reliability"])
    credibilities = tuple(int(grade) for grade in raw["information_credibility"])
    admitted = {
        str(s): frozenset(map(int, grades)) for s, grades in raw["credibility_by_claim_status"].items()
    }
    if set(admitted) != set(statuses) or any(not g or not g <= set(credibilities) for g in admitted.values()):
        raise ModelError(
            "credibility_by_claim_status must give each claim status some known credibility grades"
        )
    return Model(
        labels,
        frozenset(fact_labels),
        relationships,
        statuses,
        reliabilities,
        credibilities,
        admitted,
        settled,
    )


@cache
def load_model(path: Path = MODEL_FILE) -> Model:
    return _parse(yaml.safe_load(path.read_text()))
