"""The folder `geoalign ingest` writes and `geoalign review` works on, in the seed layout:

    DIR/sources/<source>.yaml          the new source
    DIR/relationships/<source>.yaml    pending candidates, each with `candidate`, `rule`, `confidence`
    DIR/nodes/<source>.yaml            pending new nodes (warrants), tied to their candidate
    DIR/accepted/                      the accepted facts, for `geoalign seed --data DIR/accepted`
    DIR/rejected.yaml                  what was rejected, so that ingesting again does not propose it
    DIR/known.yaml                     proposals the graph already holds, dated alike: cite the source there
    DIR/disagreeing.yaml               proposals of a fact the graph holds with other dates: each an
                                       alternative value of that fact, ready for its `alternatives`

`geoalign seed --data DIR` accepts the pending candidates as they are (claim status reported).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from graph.errors import BadParameter
from graph.values import period

if TYPE_CHECKING:  # the extractor and its libraries load only where `geoalign ingest` runs
    from graph.ingest.extract import Candidate

REVIEW_FIELDS = ("candidate", "rule", "confidence")  # dropped when a candidate is accepted
DATED = ("since", "until", "announced_on", "notified_on", "effective_on", "revoked_on")

Identity = tuple[str, str, str]  # from, type, to
# What the graph holds of a fact: for each date field, every value its versions give.
Held = dict[Identity, dict[str, set[str]]]


def held_dates(records: list[dict[str, Any]]) -> Held:
    """For each (from, type, to) in the seed records, the values each date field takes in the
    fact and in its alternatives: what a new proposal is compared with."""
    held: Held = {}
    for record in records:
        fields = held.setdefault((record["from"], record["type"], record["to"]), {})
        for version in [record, *(record.get("alternatives") or [])]:
            for name in DATED:
                if name in version:
                    fields.setdefault(name, set()).add(str(version[name]))
    return held


def _overlaps(one: str, other: str) -> bool:
    (a, b), (c, d) = period(one), period(other)
    return a <= d and c <= b


def disagreements(record: dict[str, Any], held: dict[str, set[str]]) -> list[tuple[str, str, list[str]]]:
    """The proposal's dates that no version the graph holds bears out, at either's precision:
    (field, proposed value, values held). A field the graph gives no value for is new, not a
    disagreement."""
    found = []
    for name in DATED:
        if name in record and held.get(name) and not any(_overlaps(str(record[name]), v) for v in held[name]):
            found.append((name, str(record[name]), sorted(held[name])))
    return found


def fingerprint(record: dict[str, Any]) -> str:
    """The same proposal from the same sentence, however often the article is ingested."""
    text = "\x1f".join(str(record.get(k, "")) for k in ("from", "type", "to", "quote"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _tag(record: dict[str, Any]) -> str:
    return str(record["candidate"])


def _dump(path: Path, kind: str, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if records:
        path.write_text(yaml.safe_dump({kind: records}, allow_unicode=True, sort_keys=False, width=100))
    elif path.exists():
        path.unlink()


def _load(path: Path, kind: str) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(document.get(kind) or [])


@dataclass
class IngestFolder:
    root: Path

    @property
    def rejected_file(self) -> Path:
        return self.root / "rejected.yaml"

    def rejected(self) -> set[str]:
        return {str(r["fingerprint"]) for r in _load(self.rejected_file, "rejected")}

    def write(
        self,
        source: dict[str, Any],
        candidates: list[Candidate],
        checked_on: date,
        existing: Held | None = None,
    ) -> int:
        """The source and the candidates not rejected before; returns how many were written. A
        proposal the graph already holds (`existing`, see `held_dates`) is one fact, not a second
        copy: dated as the graph dates it, it goes to known.yaml, for a person to cite the new
        source on the fact; dated otherwise, each date it disagrees on goes to disagreeing.yaml
        as an alternative value of that fact, disputed, with its sentence and the new source."""
        existing = existing or {}
        skip = self.rejected()
        relationships, nodes, known, disagreeing = [], [], [], []
        identities: set[tuple[str, str, str]] = set()
        number = 0
        for candidate in candidates:
            if any(fingerprint(r) in skip for r in candidate.records):
                continue
            if any((r["from"], r["type"], r["to"]) in existing for r in candidate.records):
                for record in candidate.records:
                    identity = (record["from"], record["type"], record["to"])
                    differ = disagreements(record, existing.get(identity, {}))
                    if not differ:
                        known.append(record | {"rule": candidate.rule})
                    for name, value, stored in differ:
                        disagreeing.append(
                            {
                                "fact": {"type": record["type"], "from": record["from"], "to": record["to"]},
                                "held": {name: stored},
                                "alternative": {
                                    name: value,
                                    "claim_status": "disputed",
                                    "credibility": 3,
                                    "source_ids": [source["id"]],
                                    "quote": record.get("quote", ""),
                                },
                                "rule": candidate.rule,
                            }
                        )
                continue
            number += 1
            tag = {
                "candidate": f"c{number}",
                "rule": candidate.rule,
                "confidence": round(candidate.confidence, 2),
            }
            stamp = {"checked_on": checked_on.isoformat(), "source_ids": [source["id"]]}
            for record in candidate.records:
                identity = (record["from"], record["type"], record["to"])
                keyed = {"key": tag["candidate"]} if identity in identities else {}
                identities.add(identity)  # two candidates for one pair: versions a reviewer merges
                relationships.append(record | keyed | stamp | tag)
            nodes += [n | stamp | tag for n in candidate.nodes]
        name = f"{source['id']}.yaml"
        _dump(self.root / "sources" / name, "sources", [source])
        _dump(self.root / "relationships" / name, "relationships", relationships)
        _dump(self.root / "nodes" / name, "nodes", nodes)
        _dump(self.root / "known.yaml", "known", known)
        _dump(self.root / "disagreeing.yaml", "disagreeing", disagreeing)
        return number

    def pending(self) -> list[tuple[Path, dict[str, Any]]]:
        return [
            (p, r)
            for p in sorted((self.root / "relationships").glob("*.yaml"))
            for r in _load(p, "relationships")
        ]

    def decide(self, accept: set[str], reject: set[str], above: float | None = None) -> tuple[int, int]:
        """Move accepted candidates (by id, or all with confidence above `above`) into
        DIR/accepted and remember rejected ones; returns (accepted, rejected) counts."""
        known = {str(r["candidate"]) for _, r in self.pending()}
        unknown = sorted((accept | reject) - known)
        if unknown:
            raise BadParameter("candidate", f"no pending candidate {', '.join(unknown)} in {self.root}")
        if accept & reject:
            raise BadParameter(
                "candidate", f"{', '.join(sorted(accept & reject))} both accepted and rejected"
            )
        moved = rejected = 0
        for path in sorted((self.root / "relationships").glob("*.yaml")):
            records = _load(path, "relationships")
            nodes_path = self.root / "nodes" / path.name
            nodes = _load(nodes_path, "nodes")

            chosen = {
                _tag(r)
                for r in records
                if _tag(r) in accept or (above is not None and float(r["confidence"]) > above)
            }
            chosen -= reject
            dropped = {_tag(r) for r in records if _tag(r) in reject}
            if chosen:
                accepted = self.root / "accepted"
                source = _load(self.root / "sources" / path.name, "sources")
                _dump(accepted / "sources" / path.name, "sources", source)
                for kind, items, target in (
                    ("relationships", records, accepted / "relationships" / path.name),
                    ("nodes", nodes, accepted / "nodes" / path.name),
                ):
                    taken = [
                        {k: v for k, v in r.items() if k not in REVIEW_FIELDS}
                        for r in items
                        if _tag(r) in chosen
                    ]
                    _dump(target, kind, _load(target, kind) + taken)
            if dropped:
                remembered = [
                    {"fingerprint": fingerprint(r), "quote": r.get("quote")}
                    for r in records
                    if _tag(r) in dropped
                ]
                _dump(self.rejected_file, "rejected", _load(self.rejected_file, "rejected") + remembered)
            _dump(path, "relationships", [r for r in records if _tag(r) not in chosen | dropped])
            _dump(nodes_path, "nodes", [n for n in nodes if _tag(n) not in chosen | dropped])
            moved += len(chosen)
            rejected += len(dropped)
        return moved, rejected
