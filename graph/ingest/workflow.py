"""Ingest as one call, for the command line, notebooks and tests alike: read an article, propose
its candidate facts into a folder in the seed layout, archive its text, and check that the folder
loads beside the project's seed data. `IngestFolder` (folder.py) then lists, accepts and rejects
the candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.errors import BadParameter
from graph.ingest.folder import IngestFolder, held_dates
from graph.seed.seedset import SeedSet
from graph.seed.validation import reliability_problem
from graph.settings import Settings
from graph.sources.archive import SourceArchive
from graph.values import ID_PATTERN


@dataclass(frozen=True)
class Article:
    """Where an article is (a text or HTML file, or an http(s) address) and what its source
    record will say; `title` None: its first sentence."""

    where: str
    source_id: str
    published: date
    title: str | None = None
    publisher: str = "unknown"
    url: str | None = None
    reliability: str = "F"  # not judged yet


def ingest_article(article: Article, out: Path, settings: Settings) -> int:
    """Write the article's source and candidate facts into `out`; return how many facts. A bad
    grade or source id is refused before anything is written."""
    # The extractor's libraries (sentence splitting, date parsing, fuzzy names, the HTML reader)
    # load here, where an article is read, so that nothing else has to start with them.
    from graph.ingest.extract import Extractor
    from graph.ingest.reading import read_article

    if article.published > date.today():
        raise BadParameter(
            "published",
            f"{article.published} is after today ({date.today()}): give the day the article was published",
        )
    seeds = SeedSet()
    problem = reliability_problem(seeds.model, article.reliability)
    if problem:
        raise BadParameter("reliability", problem)
    if not ID_PATTERN.match(article.source_id):
        raise BadParameter(
            "source_id", f"{article.source_id!r} is not a source id (lowercase, hyphenated ASCII)"
        )
    text, how = read_article(article.where, settings)
    extractor = Extractor.of(seeds)
    candidates = extractor.candidates(text, article.published)
    archive = SourceArchive.from_settings(settings)
    archive.store(article.source_id, text, how)
    first = extractor.sentences(text)[0] if text.strip() else article.source_id
    source = {
        "id": article.source_id,
        "title": article.title or first[:150],
        "publisher": article.publisher,
        "published": article.published.isoformat(),
    }
    source |= {"url": article.url} if article.url else {}
    source |= {"kind": "news", "reliability": article.reliability}
    existing = held_dates([r for _, r in seeds.records("relationships")])
    written = IngestFolder(out).write(source, candidates, date.today(), existing)
    SeedSet.from_settings(settings, [out]).validate()
    return written
