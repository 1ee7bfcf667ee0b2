"""Download a source's page and extract its readable text, within limits.

The readable text of an HTML page (the article, without menus, cookie banners and footers) comes
from trafilatura, a library made for exactly that; plain text is kept as it is; anything else is
refused with the way round it (`geoalign sources add`). Every download is bounded in size
(GEOALIGN_FETCH_MAX_BYTES), in time (GEOALIGN_FETCH_TIMEOUT, for the whole download) and in
redirects.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from graph.errors import GeoalignError

MAX_REDIRECTS = 5
USER_AGENT = "geoalign-source-archive/0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(GeoalignError):
    """A source's text could not be downloaded; the message says why and what to do."""


@dataclass(frozen=True)
class FetchLimits:
    timeout: float  # seconds for the whole download
    max_bytes: int


@dataclass(frozen=True)
class Fetched:
    text: str
    details: dict[str, Any]  # what the archive records: URLs, status, type, size, hash, time


def fetch_text(url: str, limits: FetchLimits) -> Fetched:
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"{url!r} is not an http(s) address")
    started = time.monotonic()
    retrieved_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=limits.timeout,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"{url}: the server answered HTTP {response.status_code}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > limits.max_bytes:
                raise _too_large(url, limits)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise _too_large(url, limits)
                if time.monotonic() - started > limits.timeout:
                    raise httpx.ReadTimeout("the whole download took too long")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            details = {
                "url": url,
                "final_url": str(response.url),
                "http_status": response.status_code,
                "content_type": content_type,
                "bytes": len(body),
                "content_sha256": hashlib.sha256(body).hexdigest(),
                "retrieved_at": retrieved_at,
            }
            charset = response.encoding or "utf-8"
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(
            f"{url}: no complete answer within {limits.timeout:g} s (GEOALIGN_FETCH_TIMEOUT)"
        ) from None
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: {error}") from None
    return Fetched(_readable_text(url, bytes(body), content_type, charset), details)


def _too_large(url: str, limits: FetchLimits) -> FetchError:
    return FetchError(
        f"{url}: larger than {limits.max_bytes:,} bytes (GEOALIGN_FETCH_MAX_BYTES); "
        "save its text and run `geoalign sources add ID FILE`"
    )


def readable_html(page: str) -> str | None:
    """The readable text of an HTML page, or None when it has none.

    trafilatura (and lxml's HTML stack under it) is imported here, where a page is read, and not
    when the module is: the API and the rest of the command line never need it, so a broken or
    missing HTML reader cannot stop them from starting."""
    import trafilatura

    text = trafilatura.extract(page, favor_recall=True, include_comments=False)
    return str(text) if text else None


def _readable_text(url: str, body: bytes, content_type: str, charset: str) -> str:
    if content_type in HTML_TYPES:
        text = readable_html(body.decode(charset, errors="replace"))
        if not text:
            raise FetchError(f"{url}: no readable text found in the page")
        return text
    if content_type == "text/plain":
        return body.decode(charset, errors="replace")
    raise FetchError(
        f"{url}: {content_type or 'an untyped body'} is not a web page or plain text; "
        "save its text and run `geoalign sources add ID FILE`"
    )
