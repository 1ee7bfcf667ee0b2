"""The source archive: one folder per source under GEOALIGN_SOURCE_ARCHIVE (default: the state
folder's `sources/`), holding `text.txt` and `record.json` (where the text came from, when, its
hash). A text gets there by `geoalign sources fetch` (downloaded from the source's URL), by
`geoalign sources add` (a file the user has), or is read from the import folder
(GEOALIGN_SOURCE_TEXTS) when the source names a `text_file` there and the archive has no copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.errors import BadParameter
from graph.settings import Settings
from graph.values import ID_PATTERN

TEXT_NAME = "text.txt"
RECORD_NAME = "record.json"


@dataclass(frozen=True)
class ArchivedText:
    source_id: str
    text: str
    origin: str  # fetched, added or imported
    record: dict[str, Any]


def _checked_id(source_id: str) -> str:
    """Source ids name folders: only the seed files' id form is accepted, so no id can reach
    outside the archive."""
    if not ID_PATTERN.match(source_id):
        raise BadParameter("source_id", f"{source_id!r} is not a source id (lowercase, hyphenated ASCII)")
    return source_id


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SourceArchive:
    def __init__(self, folder: Path, import_folder: Path | None = None) -> None:
        self.folder = folder
        self.import_folder = import_folder

    @classmethod
    def from_settings(cls, settings: Settings) -> SourceArchive:
        return cls(settings.source_archive_dir, settings.geoalign_source_texts)

    def text_for(self, source_id: str, text_file: str | None = None) -> ArchivedText | None:
        """The source's archived text; else the import folder's `text_file`; else None."""
        where = self.folder / _checked_id(source_id)
        if (where / TEXT_NAME).is_file():
            record = json.loads((where / RECORD_NAME).read_text(encoding="utf-8"))
            text = (where / TEXT_NAME).read_text(encoding="utf-8")
            return ArchivedText(source_id, text, str(record.get("origin", "added")), record)
        imported = self._importable(text_file)
        if imported is None:
            return None
        text = imported.read_text(encoding="utf-8")
        record = {"origin": "imported", "file": str(imported), "sha256": _sha256(text.encode())}
        return ArchivedText(source_id, text, "imported", record)

    def _importable(self, text_file: str | None) -> Path | None:
        if not text_file or self.import_folder is None or not self.import_folder.is_dir():
            return None
        root = self.import_folder.resolve()
        path = (root / text_file).resolve()
        # A seed file names the text; it may not name anything outside the import folder.
        return path if path.is_relative_to(root) and path.is_file() else None

    def store(self, source_id: str, text: str, origin: str, **details: Any) -> ArchivedText:
        """Write the text and its record, each replaced whole (never half-written)."""
        target = self.folder / _checked_id(source_id)
        target.mkdir(parents=True, exist_ok=True)
        record = {
            "source_id": source_id,
            "origin": origin,
            "archived_at": _now(),
            "sha256": _sha256(text.encode()),
            "characters": len(text),
            **details,
        }
        for name, content in ((TEXT_NAME, text), (RECORD_NAME, json.dumps(record, indent=2) + "\n")):
            handle, temporary = tempfile.mkstemp(dir=target, prefix=f".{name}.")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(content)
            os.replace(temporary, target / name)
        return ArchivedText(source_id, text, origin, record)

    def add(self, source_id: str, path: Path) -> ArchivedText:
        """Archive a text the user already has (a PDF's text, a page saved by hand)."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BadParameter("file", f"cannot read {path}: {error.strerror}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadParameter(
                "file", f"{path} is not UTF-8 text; save the document's text as a .txt file first"
            ) from None
        if not text.strip():
            raise BadParameter("file", f"{path} holds no text")
        return self.store(source_id, text, "added", file=str(path.resolve()), sha256_of_file=_sha256(data))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
