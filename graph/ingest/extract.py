"""Candidate facts from the sentences of a text: an event verb of the lexicon, the entities on
either side of it that the model allows there, the date the sentence (or the text before it)
gives, and the claim status its wording supports. Negations and conditionals give nothing;
denials give a denied candidate; everything else is `reported` until a person accepts it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pysbd
import yaml

from graph.ingest.dates import TextDate, find_date
from graph.ingest.linker import Gazetteer, Mention
from graph.model import Model
from graph.values import search_text

if TYPE_CHECKING:
    from graph.seed.seedset import SeedSet

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
CUE_WINDOW = 60  # characters before the event verb where a negation or a condition counts
_TRAILING_ARTICLE = re.compile(r"(?:(?<![\w-])(?:the|a|an)\s*)+$")
_SEPARATOR = re.compile(r"^(?:\s|,|and|&|as well as|the)*$")  # a possessive is a modifier, not a list


@dataclass(frozen=True)
class Event:
    type: str
    patterns: tuple[re.Pattern[str], ...]
    stage: str
    stages: dict[str, tuple[re.Pattern[str], ...]]
    subject: frozenset[str]
    object: frozenset[str]
    warrant: bool
    mentions: tuple[re.Pattern[str], ...]  # nouns a later sentence names the same event by


@dataclass
class Lexicon:
    events: list[Event]
    negation: re.Pattern[str]
    conditional: re.Pattern[str]
    denial: re.Pattern[str]

    @classmethod
    def load(cls, model: Model, path: Path = LEXICON_FILE) -> Lexicon:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        events = []
        for entry in raw["events"]:
            kind = model.relationships[entry["type"]]  # an unknown type fails here, by name
            events.append(
                Event(
                    type=kind.name,
                    patterns=tuple(_words(p) for p in entry["patterns"]),
                    stage=entry.get("stage", kind.requires[0]),
                    stages={k: tuple(_words(p) for p in v) for k, v in entry.get("stages", {}).items()},
                    subject=frozenset(entry.get("subject", kind.from_labels)),
                    object=frozenset(entry.get("object", kind.to_labels)),
                    warrant=bool(entry.get("warrant")),
                    mentions=tuple(_words(p) for p in entry.get("mentions", [])),
                )
            )
        return cls(events, _any(raw["negation"]), _any(raw["conditional"]), _any(raw["denial"]))


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})")


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])")


@dataclass
class Candidate:
    """One proposed fact, or a warrant with its two edges, as seed records."""

    records: list[dict[str, Any]]  # relationships
    nodes: list[dict[str, Any]] = field(default_factory=list)
    confidence: float = 0.0
    rule: str = ""

    @property
    def facts(self) -> set[tuple[str, str, str, str]]:
        """(from, type, to, date) of each relationship: what the gold set compares."""
        return {(r["from"], r["type"], r["to"], _first_date(r)) for r in self.records}


def _first_date(record: dict[str, Any]) -> str:
    for name in ("since", "announced_on", "notified_on", "effective_on"):
        if name in record:
            return str(record[name])
    return ""


class Extractor:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, model: Model) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.model = model
        self.segmenter = pysbd.Segmenter(language="en", clean=False)

    @classmethod
    def of(cls, seeds: SeedSet) -> Extractor:
        """The extractor for a seed set: its names, the project's lexicon, its model."""
        return cls(Gazetteer(seeds), Lexicon.load(seeds.model), seeds.model)

    def sentences(self, text: str) -> list[str]:
        return [
            s.strip()
            for paragraph in text.split("\n")
            for s in self.segmenter.segment(paragraph)
            if s.strip()
        ]

    def candidates(self, text: str, published: date) -> list[Candidate]:
        sentences = self.sentences(text)
        days: list[TextDate | None] = []
        last: TextDate | None = None
        for sentence in sentences:  # "two days later" counts from the last date given
            days.append(find_date(sentence, published, last))
            last = days[-1] or last
        found: list[Candidate] = []
        seen: set[tuple[str, str, str, str]] = set()
        for index, sentence in enumerate(sentences):
            for candidate in self._from_sentence(sentence, days, index, sentences, published):
                if not candidate.facts & seen:
                    found.append(candidate)
                    seen |= candidate.facts
        return found

    def _from_sentence(
        self, sentence: str, days: list[TextDate | None], index: int, sentences: list[str], published: date
    ) -> list[Candidate]:
        folded = search_text(sentence)
        mentions = self.gazetteer.mentions(folded)
        found: list[Candidate] = []
        taken: list[tuple[int, int]] = []  # spans of verbs already read: one event per verb
        for event in self.lexicon.events:
            trigger = next((m for p in event.patterns if (m := p.search(folded))), None)
            if trigger is None or any(s < trigger.end() and trigger.start() < e for s, e in taken):
                continue
            before = folded[max(0, trigger.start() - CUE_WINDOW) : trigger.start()]
            if self.lexicon.negation.search(before) or self.lexicon.conditional.search(before):
                continue  # "did not leave", "would leave", "threatened to leave": no fact
            subjects = _group(
                [m for m in mentions if m.end <= trigger.start() and m.label in event.subject],
                folded,
                last_first=True,
            )
            # a trigger may end in "the ": a name that begins with it ("the International
            # Criminal Court") starts where the article does
            end = trigger.start() + len(_TRAILING_ARTICLE.sub("", trigger.group(0)))
            objects = _group(
                [m for m in mentions if m.start >= end and m.label in event.object],
                folded,
                last_first=False,
            )
            if not subjects or not objects:
                continue
            status = "denied" if self.lexicon.denial.search(folded[: trigger.start()]) else "reported"
            when, how, confidence = self._dating(event, days, index, sentences, published)
            stage = next(
                (s for s, cues in event.stages.items() if any(c.search(folded) for c in cues)), event.stage
            )
            rule = f"{event.type} on '{trigger.group(0).strip()}'; date: {how}"
            base = {"claim_status": status, "credibility": 5 if status == "denied" else 3, "quote": sentence}
            taken.append((trigger.start(), trigger.end()))
            if event.warrant:
                found += [self._warrant(s, objects[0], when, base, confidence, rule) for s in subjects]
                continue
            found += [
                Candidate(
                    [self._record(event, s, objects[0], stage, when, base)], confidence=confidence, rule=rule
                )
                for s in subjects
                if s.entity != objects[0].entity
            ]
        return found

    def _dating(
        self, event: Event, days: list[TextDate | None], index: int, sentences: list[str], published: date
    ) -> tuple[TextDate, str, float]:
        """The sentence's own date; else the date of the next sentence or two that tells of the
        same event (a lede dated in the paragraph after it); else the day of publication."""
        day = days[index]
        if day is not None:
            return day, f"'{day.words}'", 0.9
        for later in range(index + 1, min(index + 3, len(sentences))):
            folded = search_text(sentences[later])
            told = days[later]
            if told is not None and any(p.search(folded) for p in event.patterns + event.mentions):
                return told, f"'{told.words}', in a later sentence on the same event", 0.8
        return TextDate(published, "day", "publication"), "none in the text: the day of publication", 0.5

    def _record(
        self, event: Event, subject: Mention, obj: Mention, stage: str, when: TextDate, base: dict[str, Any]
    ) -> dict[str, Any]:
        record: dict[str, Any] = {"type": event.type, "from": subject.entity, "to": obj.entity}
        required = self.model.relationships[event.type].requires[0]
        record[required] = when.text  # a notice or an effect is announced no later than that day
        record[stage] = when.text
        return record | base

    def _warrant(
        self,
        issuer: Mention,
        person: Mention,
        when: TextDate,
        base: dict[str, Any],
        confidence: float,
        rule: str,
    ) -> Candidate:
        warrant = f"{issuer.entity}-warrant-{person.entity}"
        node = {
            "id": warrant,
            "label": "Warrant",
            "name": f"Arrest warrant for {person.words.title()}",
            "issued_on": when.text,
        }
        records = [
            {"type": "ISSUED", "from": issuer.entity, "to": warrant, "since": when.text} | base,
            {"type": "TARGETS", "from": warrant, "to": person.entity, "since": when.text} | base,
        ]
        existing = warrant in self.gazetteer.labels
        return Candidate(records, [] if existing else [node | base], confidence=confidence, rule=rule)


def _group(mentions: list[Mention], folded: str, last_first: bool) -> list[Mention]:
    """The mentions that stand together next to the verb: "Mali, Burkina Faso and Niger"."""
    if not mentions:
        return []
    ordered = list(reversed(mentions)) if last_first else list(mentions)
    group = [ordered[0]]
    for mention in ordered[1:]:
        near = group[-1]
        gap = folded[mention.end : near.start] if last_first else folded[near.end : mention.start]
        if not _SEPARATOR.match(gap):
            break
        group.append(mention)
    return sorted(group, key=lambda m: m.start)
