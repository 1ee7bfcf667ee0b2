"""How well the extractor reads a folder of labelled texts: precision and recall over the facts
(from, type, to, date, claim status), overall, by relationship type and by the category each
fact is labelled with (what makes it hard to read). A labelled text is a YAML file:

    published: 2025-09-23
    text: |
      BAMAKO, Sept 23 (Reuters) - ...
    facts:
      - [mali, WITHDRAWS_FROM, icc, 2025-09-22, reported]
    categories: [coordination]        # optional, one per fact

The project's own sets are in tests/; `geoalign ingest-evaluate FOLDER` measures any other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graph.errors import BadParameter
from graph.ingest.extract import Extractor, _first_date

Fact = tuple[str, str, str, str, str]


@dataclass
class Tally:
    found: int = 0  # proposed and labelled
    wrong: int = 0  # proposed, not labelled
    missed: int = 0  # labelled, not proposed

    @property
    def precision(self) -> float:
        return self.found / max(1, self.found + self.wrong)

    @property
    def recall(self) -> float:
        return self.found / max(1, self.found + self.missed)

    def line(self) -> str:
        return (
            f"precision {self.precision:.2f}, recall {self.recall:.2f} "
            f"({self.found} found, {self.wrong} wrong, {self.missed} missed)"
        )


@dataclass
class Evaluation:
    texts: int = 0
    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    by_category: dict[str, Tally] = field(default_factory=dict)  # recall only: a wrong fact has none
    misses: list[str] = field(default_factory=list)

    def report(self, title: str) -> str:
        lines = [title, f"  {self.texts} texts, {self.overall.line()}"]
        if self.by_type:
            lines.append(f"  {'by type':<28} precision recall found wrong missed")
            lines += [
                f"    {name:<26} {t.precision:9.2f} {t.recall:6.2f} {t.found:5} {t.wrong:5} {t.missed:6}"
                for name, t in sorted(self.by_type.items())
            ]
        if self.by_category:
            lines.append(f"  {'by category':<28} {'':9} recall found {'':5} missed")
            lines += [
                f"    {name:<26} {'':9} {t.recall:6.2f} {t.found:5} {'':5} {t.missed:6}"
                for name, t in sorted(self.by_category.items())
            ]
        return "\n".join(lines)


def labelled_texts(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """The folder's labelled texts, each checked for the fields the evaluation reads."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise BadParameter("folder", f"{folder}: no labelled texts (*.yaml) in it")
    texts = []
    for path in files:
        case = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        facts, categories = case.get("facts") or [], case.get("categories") or []
        if not case.get("text") or not case.get("published"):
            raise BadParameter("folder", f"{path}: a labelled text needs 'text' and 'published'")
        if any(not isinstance(f, list) or len(f) != 5 for f in facts):
            raise BadParameter("folder", f"{path}: each fact is [from, type, to, date, claim status]")
        if categories and len(categories) != len(facts):
            raise BadParameter("folder", f"{path}: {len(categories)} categories for {len(facts)} facts")
        texts.append((path.name, case))
    return texts


def _key(fact: Fact) -> Fact:
    frm, kind, to, when, status = fact
    return frm, kind, to, "" if when in ("", "null", "~", "None") else when, status


def evaluate(extractor: Extractor, texts: list[tuple[str, dict[str, Any]]]) -> Evaluation:
    """Run the extractor on every text and count."""
    result = Evaluation(texts=len(texts))
    for name, case in texts:
        labelled = [_key((f[0], f[1], f[2], f[3], f[4])) for f in case.get("facts") or []]
        categories = case.get("categories") or ["unlabelled"] * len(labelled)
        proposed = {
            (r["from"], r["type"], r["to"], _first_date(r), r["claim_status"])
            for candidate in extractor.candidates(case["text"], date.fromisoformat(case["published"]))
            for r in candidate.records
        }
        expected = set(labelled)
        for fact, category in zip(labelled, categories, strict=True):
            hit = fact in proposed
            for tally in (
                result.by_type.setdefault(fact[1], Tally()),
                result.by_category.setdefault(str(category), Tally()),
            ):
                tally.found += hit
                tally.missed += not hit
        for fact in proposed - expected:
            result.by_type.setdefault(fact[1], Tally()).wrong += 1
        counts = Counter(f in proposed for f in expected)
        result.overall.found += counts[True]
        result.overall.missed += counts[False]
        result.overall.wrong += len(proposed - expected)
        if proposed != expected:
            result.misses.append(
                f"{name}: missing {sorted(expected - proposed)}, extra {sorted(proposed - expected)}"
            )
    return result
