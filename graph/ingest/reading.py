"""The text of an article to ingest: a plain-text file, an HTML page saved to disk (its readable
text, by trafilatura, as the source archive extracts fetched pages), or an http(s) address.
What is not text is refused with the reason: a binary file, a file that is not UTF-8, a text
longer than `GEOALIGN_INGEST_MAX_BYTES` (the extractor's time grows with the text's length)."""

from __future__ import annotations

from pathlib import Path

from graph.errors import BadParameter
from graph.settings import Settings
from graph.sources.fetch import FetchLimits, fetch_text, readable_html

SNIFF_BYTES = 8192  # how much of a file is looked at for binary content
CONTROL_SHARE = 0.01  # more control characters than this in the sniffed part: not text
_TEXT_CONTROLS = {9, 10, 12, 13}  # tab, line feed, form feed, carriage return


def read_article(where: str, settings: Settings) -> tuple[str, str]:
    """The article's text and how it was read (for the source archive's record)."""
    limit = settings.geoalign_ingest_max_bytes
    if where.startswith(("http://", "https://")):
        limits = FetchLimits(settings.geoalign_fetch_timeout, settings.geoalign_fetch_max_bytes)
        text = fetch_text(where, limits).text
        _check_length(where, len(text.encode("utf-8")), limit)
        return text, f"fetched from {where}"
    path = Path(where)
    if not path.is_file():
        raise BadParameter("path", f"{where}: no such file (give a text or HTML file, or an http(s) address)")
    _check_length(where, path.stat().st_size, limit)
    raw = decoded(where, path.read_bytes())
    if path.suffix.lower() in (".html", ".htm") or raw.lstrip().lower().startswith(
        ("<!doctype html", "<html")
    ):
        readable = readable_html(raw)
        if not readable:
            raise BadParameter("path", f"{where}: no readable text found in the page")
        return readable, f"read from the HTML file {path.name}"
    if not raw.strip():
        raise BadParameter("path", f"{where}: the file holds no text")
    return raw, f"read from the file {path.name}"


def _check_length(where: str, size: int, limit: int) -> None:
    if size > limit:
        raise BadParameter(
            "path",
            f"{where}: {size:,} bytes, more than GEOALIGN_INGEST_MAX_BYTES allows ({limit:,}); "
            "an article is rarely over 100 kB: give the article alone, or raise the setting",
        )


def decoded(where: str, data: bytes) -> str:
    """The bytes as UTF-8 text (a byte-order mark is dropped), or an error naming what is wrong
    and where: binary content, or the first byte that is not UTF-8."""
    head = data[:SNIFF_BYTES]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise BadParameter(
            "path", f"{where}: not a text file (a NUL byte at offset {nul:,}): give a plain-text or HTML file"
        )
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    if head and controls / len(head) > CONTROL_SHARE:
        raise BadParameter(
            "path",
            f"{where}: not a text file ({controls} control bytes in its first {len(head):,}): "
            "give a plain-text or HTML file",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise BadParameter(
            "path",
            f"{where}: not UTF-8 (byte 0x{bad:02x} at offset {error.start:,} is not valid UTF-8); "
            "convert it first, e.g. `iconv -f windows-1252 -t utf-8`",
        ) from None
