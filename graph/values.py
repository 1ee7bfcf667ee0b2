"""The values every part of geoalign shares: ids, dates with their precision, and text folded
for look-ups and for quote checks."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from typing import Any

# The id of every record (node, source, dispute) and so the name of a source's archive folder:
# lowercase hyphenated ASCII, which can reach outside no folder.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The seed field that holds the other values sources give for a fact's fields.
ALTERNATIVES = "alternatives"

# What the loader stores for its own use: the run that wrote a value and the folded search text.
# No answer and no export shows them.
INTERNAL_PROPERTIES = frozenset({"load_run", "search_text", "max_age_days", "settled_by"})

DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
PRECISIONS = ("year", "month", "day")


@cache
def is_date_field(name: str) -> bool:
    return name in ("since", "until", "date", "published") or name.endswith("_on")


def parse_date(value: object) -> tuple[date, str]:
    """A date and its precision from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`."""
    text = str(value).strip()
    match = DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    precision = PRECISIONS[(month is not None) + (day is not None)]
    try:
        return date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as error:
        raise ValueError(f"impossible date {text!r} ({error})") from None


def period(value: object) -> tuple[date, date]:
    """The first and last day a date of any precision may stand for: '2025-06' -> June 1 to 30."""
    start, precision = parse_date(value)
    if precision == "year":
        return start, date(start.year, 12, 31)
    if precision == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, date.fromordinal(following.toordinal() - 1)
    return start, start


def search_text(*names: str) -> str:
    """Lower case without accents, so that 'goita' finds 'Goïta'."""
    folded = unicodedata.normalize("NFKD", " | ".join(names))
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def id_for(name: str) -> str:
    """The id a name would have: 'Burkina Faso' -> 'burkina-faso', 'Goïta' -> 'goita'."""
    return re.sub(r"[^a-z0-9]+", "-", search_text(name)).strip("-")


# Texts reach the archive from web pages and saved files, so the same words can differ in
# typography: curly or straight quotes, non-breaking spaces, line breaks. Those never make a quote
# false; a changed word does.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def normalised(text: str) -> str:
    """The text with compatibility characters folded, quotes straightened, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).split())


def stands_in(quote: str, normalised_text: str) -> bool:
    """Whether a quote stands verbatim, as a reader would judge it, in a text already normalised
    (archived texts are normalised once, then searched for many quotes)."""
    return normalised(quote) in normalised_text


def quote_in(quote: str, text: str) -> bool:
    return stands_in(quote, normalised(text))


def plain(value: Any) -> Any:
    """Neo4j values as JSON-ready Python: dates, times and durations as ISO text, inside lists and
    maps too."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    return value
