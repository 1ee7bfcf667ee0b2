"""Whether a quote stands verbatim in a text, as a reader would judge it.

Texts reach the archive from web pages and saved files, so the same words can differ in
typography: curly or straight quotes, non-breaking spaces, line breaks. Those never make a quote
false; a changed word does.
"""

from __future__ import annotations

import unicodedata

_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def normalised(text: str) -> str:
    """The text with compatibility characters folded, quotes straightened, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).split())


def quote_in(quote: str, text: str) -> bool:
    return normalised(quote) in normalised(text)
