"""Mentions of graph entities in a sentence: names and aliases from the seed files, and the
demonyms and stand-ins of names.yaml, matched after folding case and accents, longest first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from graph.seed_files import SeedSet, search_text

NAMES_FILE = Path(__file__).with_name("names.yaml")


@dataclass(frozen=True)
class Mention:
    entity: str
    label: str
    start: int  # character offsets in the folded sentence
    end: int
    words: str


class Gazetteer:
    """Every name an entity goes by, folded, with the entity and its label."""

    def __init__(self, seed_set: SeedSet) -> None:
        self.labels: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for _, record in seed_set.records("nodes"):
            self.labels[record["id"]] = record["label"]
            for name in [record["name"], *record.get("aliases", [])]:
                folded = search_text(str(name))
                if len(folded) >= 3:  # "AU", "UA": too short to find safely in running text
                    self.names.setdefault(folded, record["id"])
        extra = yaml.safe_load(NAMES_FILE.read_text(encoding="utf-8"))["names"]
        for name, entity in extra.items():
            if entity in self.labels:
                self.names[search_text(name)] = entity

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        ordered = sorted(self.names, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")

    def mentions(self, folded: str) -> list[Mention]:
        found = []
        for match in self._pattern.finditer(folded):
            if folded[match.end() : match.end() + 1] == "-":
                continue  # "Russian-occupied Crimea", "Russia-friendly juntas": a qualifier, not a party
            entity = self.names[match.group(1)]
            found.append(Mention(entity, self.labels[entity], match.start(), match.end(), match.group(1)))
        return found
