"""The text of an article to ingest: a plain-text file, an HTML page saved to disk (its readable
text, by trafilatura, as the source archive extracts fetched pages), or an http(s) address."""

from __future__ import annotations

from pathlib import Path

from graph.errors import BadParameter
from graph.settings import Settings
from graph.sources.fetch import FetchLimits, fetch_text, readable_html


def read_article(where: str, settings: Settings) -> tuple[str, str]:
    """The article's text and how it was read (for the source archive's record)."""
    if where.startswith(("http://", "https://")):
        limits = FetchLimits(settings.geoalign_fetch_timeout, settings.geoalign_fetch_max_bytes)
        return fetch_text(where, limits).text, f"fetched from {where}"
    path = Path(where)
    if not path.is_file():
        raise BadParameter("path", f"{where}: no such file (give a text or HTML file, or an http(s) address)")
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm") or raw.lstrip().lower().startswith(
        ("<!doctype html", "<html")
    ):
        text = readable_html(raw)
        if not text:
            raise BadParameter("path", f"{where}: no readable text found in the page")
        return text, f"read from the HTML file {path.name}"
    return raw, f"read from the file {path.name}"
