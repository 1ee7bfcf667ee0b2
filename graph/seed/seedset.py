"""A seed set: the project's seed folder plus any extra folders, read as one body of facts, with
its version (a hash of the files and of what decides how they are stored). Everything is checked
before the loader writes anything (validation.py); relationships are read as a stream, twice (once
to check, once to write), so memory stays flat however many there are.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from graph import values
from graph.errors import SeedDataError
from graph.model import MODEL_FILE, Model, load_model
from graph.seed import preferred, reading, rows, validation
from graph.seed.preferred import SourceStanding
from graph.seed.reading import ABOUT_FILE, KINDS, Origin, Row, read_about, read_file
from graph.seed.rows import Rows
from graph.seed.validation import QuoteTally, Validator
from graph.settings import CYPHER_DIR, SEED_DIR, Settings
from graph.sources.archive import SourceArchive


def format_files() -> list[Path]:
    """The files besides the seed data that decide what a load writes: the model, the readers of
    the seed files and the statements that store them."""
    readers = [Path(module.__file__ or "") for module in (values, reading, validation, rows, preferred)]
    return [
        MODEL_FILE,
        *readers,
        CYPHER_DIR / "schema.cypher",
        *sorted((CYPHER_DIR / "load").glob("*.cypher")),
    ]


class SeedSet:
    """The project's seed folder plus any extra folders, read as one body of facts."""

    def __init__(
        self,
        folders: list[Path] | None = None,
        archive: SourceArchive | None = None,
        model: Model | None = None,
    ) -> None:
        self.folders = folders if folders is not None else [SEED_DIR]
        self.archive = archive  # where quotes are checked; None: not checked
        self.model = model or load_model()
        self.quotes = QuoteTally()
        self._rows = Rows(self.records, self.model)

    @classmethod
    def from_settings(cls, settings: Settings, extra: list[Path] | None = None) -> SeedSet:
        """The project's seed folder, the data sets imported into this instance and `extra` folders,
        quotes checked against the source archive."""
        folders = [SEED_DIR, *settings.imported_folders(), *(extra or [])]
        return cls(folders, archive=SourceArchive.from_settings(settings))

    # ----- reading ------------------------------------------------------------------------

    def files(self, kind: str) -> list[Path]:
        found: list[Path] = []
        for folder in self.folders:
            sub = folder / kind
            if sub.is_dir():
                found += sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml", ".csv"))
        return found

    def records(self, kind: str) -> Iterator[tuple[Origin, dict[str, Any]]]:
        for path in self.files(kind):
            yield from read_file(path, kind)

    def content_hash(self) -> str:
        """The version of what a load would write: the seed files, and the files that decide how
        they are stored (the model, the load statements, the readers), so that a change of either
        is a new version."""
        digest = hashlib.sha256()
        for path in format_files():
            digest.update(path.read_bytes())
        for folder in self.folders:
            if (folder / ABOUT_FILE).is_file():
                digest.update((folder / ABOUT_FILE).read_bytes())
        for kind in KINDS:
            for path in self.files(kind):
                digest.update(path.name.encode())
                with path.open("rb") as handle:
                    while chunk := handle.read(1 << 20):
                        digest.update(chunk)
        return digest.hexdigest()

    def about(self) -> dict[str, str]:
        """What the data is and how to cite it: the `dataset.yaml` of the first folder that has
        one (the project's own, before any extra folder); empty when none has."""
        for folder in self.folders:
            path = folder / ABOUT_FILE
            if path.is_file():
                return read_about(path)
        return {}

    def parts(self) -> list[dict[str, str]]:
        """The folders after the first that say what they are (their own dataset.yaml): each a
        dataset of its own within the graph, with its id `part-<folder name>`."""
        return [
            {"id": f"part-{folder.name}", "folder": folder.name, **read_about(folder / ABOUT_FILE)}
            for folder in self.folders[1:]
            if (folder / ABOUT_FILE).is_file()
        ]

    def validate(self) -> Counter[str]:
        """Check every file; raise SeedDataError listing all problems. Returns record counts."""
        for folder in self.folders:
            if not folder.is_dir():
                raise SeedDataError([f"{folder}: no such seed folder"])
        for folder in self.folders:
            if (folder / ABOUT_FILE).is_file():
                read_about(folder / ABOUT_FILE)
        validator = Validator(self.records, self.model, self.archive)
        try:
            counts = validator.run()
        except yaml.YAMLError as error:
            raise SeedDataError([f"unreadable YAML: {error}"]) from None
        finally:
            self.quotes = validator.quotes
        return counts

    # ----- rows for the loader ------------------------------------------------------------

    @property
    def source_standing(self) -> dict[str, SourceStanding]:
        return self._rows.source_standing

    def source_rows(self) -> Iterator[Row]:
        return self._rows.source_rows()

    def dispute_rows(self) -> Iterator[Row]:
        return self._rows.dispute_rows()

    def node_rows(self) -> Iterator[Row]:
        return self._rows.node_rows()

    def relationship_rows(self) -> Iterator[Row]:
        return self._rows.relationship_rows()
