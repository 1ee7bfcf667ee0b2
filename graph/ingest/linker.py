"""Mentions of graph entities in a sentence: names and aliases from the seed files, and the
demonyms and stand-ins of names.yaml, matched after folding case and accents, longest first;
then, in the words left, names of two words or more spelt a little differently ("Assimi Goyta",
"Burkina Fasso"), found with rapidfuzz."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from graph.seed.seedset import SeedSet
from graph.values import search_text

NAMES_FILE = Path(__file__).with_name("names.yaml")
FUZZY_CUTOFF = 90  # rapidfuzz ratio, 0-100: one or two letters off in a name of ten or more
_WORD = re.compile(r"[a-z][a-z'-]*")


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

    @cached_property
    def _long_names(self) -> list[str]:
        return [name for name in self.names if " " in name and len(name) >= 10]

    def mentions(self, folded: str) -> list[Mention]:
        found = self._exact(folded)
        taken = [(m.start, m.end) for m in found]
        words = list(_WORD.finditer(folded))
        for size in (3, 2):
            for first in range(len(words) - size + 1):
                start, end = words[first].start(), words[first + size - 1].end()
                if any(s < end and start < e for s, e in taken):
                    continue
                hit = process.extractOne(
                    folded[start:end], self._long_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
                if hit:
                    entity = self.names[hit[0]]
                    found.append(Mention(entity, self.labels[entity], start, end, folded[start:end]))
                    taken.append((start, end))
        return sorted(found, key=lambda m: m.start)

    def _exact(self, folded: str) -> list[Mention]:
        found = []
        for match in self._pattern.finditer(folded):
            if folded[match.end() : match.end() + 1] == "-":
                continue  # "Russian-occupied Crimea", "Russia-friendly juntas": a qualifier, not a party
            entity = self.names[match.group(1)]
            found.append(Mention(entity, self.labels[entity], match.start(), match.end(), match.group(1)))
        return found
