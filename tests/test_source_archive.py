"""The source archive end to end, standing alone: texts the tests write themselves, served by a
local HTTP server on 127.0.0.1 that redirects, answers 404, serves a PDF, a page over the size
limit and a page that is too slow; `geoalign sources fetch|add|status` on a seed folder of its own."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cli.main import app
from graph.errors import BadParameter, SeedDataError
from graph.seed.seedset import SeedSet
from graph.settings import SEED_DIR
from graph.sources.archive import SourceArchive
from graph.sources.fetch import FetchError, FetchLimits, fetch_text

QUOTE = "The juntas said their withdrawal took effect at once."
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>A test page</title></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Sign in</nav>
<article><h1>Three states leave a court</h1>
<p>Three governments announced on Monday that they were leaving an international court.</p>
<p>{QUOTE} Lawyers said a withdrawal takes effect
only a year after written notice, according to the court’s statute.</p></article>
<footer>Cookie settings · Terms of use</footer></body></html>"""
LIMITS = FetchLimits(timeout=1.0, max_bytes=50_000)


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/notes.txt": (200, "text/plain; charset=utf-8", f"Notes.\n{QUOTE}\n".encode()),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not really"),
            "/huge.html": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
        }
        if self.path == "/moved":
            self._answer(302, "text/plain", b"", location="/article.html")
        elif self.path == "/loop":
            self._answer(302, "text/plain", b"", location="/loop")
        elif self.path == "/slow.html":
            time.sleep(3)
            self._answer(200, "text/html", PAGE.encode())
        elif self.path == "/trickle.html":  # no length given, and more than the limit
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<p>" + b"y" * 1_000 + b"</p>")
        elif self.path in routes:
            self._answer(*routes[self.path])
        else:
            self._answer(404, "text/plain", b"not here")

    def _answer(self, status: int, content_type: str, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_gives_its_readable_text_without_the_page_around_it(site: str) -> None:
    fetched = fetch_text(f"{site}/article.html", LIMITS)
    assert QUOTE in fetched.text and "court’s statute" in fetched.text
    assert "Cookie settings" not in fetched.text and "Sign in" not in fetched.text
    assert fetched.details["http_status"] == 200 and fetched.details["content_type"] == "text/html"
    assert len(fetched.details["content_sha256"]) == 64 and fetched.details["retrieved_at"]


def test_a_redirect_is_followed_and_recorded(site: str) -> None:
    fetched = fetch_text(f"{site}/moved", LIMITS)
    assert fetched.details["url"] == f"{site}/moved"
    assert fetched.details["final_url"] == f"{site}/article.html"
    assert QUOTE in fetched.text


def test_plain_text_is_kept_as_it_is(site: str) -> None:
    assert fetch_text(f"{site}/notes.txt", LIMITS).text == f"Notes.\n{QUOTE}\n"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/loop", "more than 5 redirects"),
        ("/report.pdf", "application/pdf is not a web page or plain text; save its text"),
        ("/huge.html", "larger than 50,000 bytes (GEOALIGN_FETCH_MAX_BYTES)"),
        ("/trickle.html", "larger than 50,000 bytes (GEOALIGN_FETCH_MAX_BYTES)"),
        ("/slow.html", "no complete answer within 1 s (GEOALIGN_FETCH_TIMEOUT)"),
    ],
)
def test_a_failed_download_says_why(site: str, path: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as failure:
        fetch_text(f"{site}{path}", LIMITS)
    assert message in str(failure.value) and f"{site}{path}" in str(failure.value)
    assert time.monotonic() - started < LIMITS.timeout + 1


def test_the_archive_refuses_ids_that_are_not_ids(tmp_path: Path) -> None:
    archive = SourceArchive(tmp_path / "archive")
    with pytest.raises(BadParameter):
        archive.store("../../etc", "text", "added")
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF\xff\xfe")
    with pytest.raises(BadParameter, match="not UTF-8 text"):
        archive.add("a-source", binary)


def test_the_import_folder_cannot_be_left_by_a_text_file_name(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("secret")
    (tmp_path / "texts").mkdir()
    archive = SourceArchive(tmp_path / "archive", tmp_path / "texts")
    assert archive.text_for("a-source", "../outside.txt") is None


# ----- the commands, on a seed folder of their own ---------------------------------------------


@pytest.fixture
def seed_folder(tmp_path: Path, site: str) -> Path:
    """Three sources of this test's own, each cited by a quoted fact between two project nodes."""
    folder = tmp_path / "seed"
    (folder / "sources").mkdir(parents=True)
    (folder / "relationships").mkdir()
    sources = [
        {"id": "test-web-article", "url": f"{site}/moved"},
        {"id": "test-web-missing", "url": f"{site}/missing"},
        {"id": "test-hand-copy"},
    ]
    for source in sources:
        source.update(title="A test source", publisher=source["id"], kind="news")
    (folder / "sources" / "test.yaml").write_text(yaml.safe_dump({"sources": sources}))
    facts = [
        {
            "type": "CRITICISES",
            "from": "mali",
            "to": "icc",
            "key": s["id"],
            "since": "2025-09-22",
            "source_ids": [s["id"]],
            "quote": QUOTE,
        }
        for s in sources
    ]
    (folder / "relationships" / "test.yaml").write_text(yaml.safe_dump({"relationships": facts}))
    return folder


def _invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    env = {
        "GEOALIGN_SOURCE_ARCHIVE": str(tmp_path / "archive"),
        "GEOALIGN_FETCH_TIMEOUT": "2",
        "COLUMNS": "120",
    }
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.output


def test_sources_fetch_add_and_status_end_to_end(tmp_path: Path, seed_folder: Path) -> None:
    data = ["--data", str(seed_folder)]
    code, output = _invoke(tmp_path, "sources", "fetch", "test-web-article", "test-web-missing", *data)
    assert code == 1, output  # one download failed, and the command says so
    assert "test-web-article: archived" in output
    assert "test-web-missing: failed:" in output and "HTTP 404" in output
    record = json.loads((tmp_path / "archive" / "test-web-article" / "record.json").read_text())
    assert record["origin"] == "fetched" and record["final_url"].endswith("/article.html")
    assert {"retrieved_at", "http_status", "content_sha256", "sha256"} <= record.keys()
    assert not (tmp_path / "archive" / "test-web-missing").exists()

    copy = tmp_path / "hand-copy.txt"
    copy.write_text(f"Saved by hand. {QUOTE}")
    code, output = _invoke(tmp_path, "sources", "add", "test-hand-copy", str(copy), *data)
    assert code == 0 and "test-hand-copy: archived" in output

    code, output = _invoke(tmp_path, "sources", "status", *data)
    assert code == 0, output
    lines = {line.split()[1]: line for line in output.splitlines() if "test-" in line}
    assert "fetched" in lines["test-web-article"] and "1/1" in lines["test-web-article"]
    assert "verified" in lines["test-web-article"]
    assert "added" in lines["test-hand-copy"] and "verified" in lines["test-hand-copy"]
    assert "0/1" in lines["test-web-missing"] and "unverified" in lines["test-web-missing"]


def test_unknown_sources_are_named(tmp_path: Path, seed_folder: Path) -> None:
    code, output = _invoke(tmp_path, "sources", "fetch", "no-such-source", "--data", str(seed_folder))
    assert code == 1 and "no source with id 'no-such-source'" in output


def test_a_quote_missing_from_an_archived_text_stops_the_seed(tmp_path: Path, seed_folder: Path) -> None:
    """Validation names file, record and source; nothing is written (no database is needed to
    refuse)."""
    archive = SourceArchive(tmp_path / "archive")
    archive.store("test-hand-copy", "A text that says something else.", "added")
    with pytest.raises(SeedDataError) as failure:
        SeedSet([SEED_DIR, seed_folder], archive=archive).validate()
    assert any(
        "relationships/test.yaml: record 3" in p and "'quote'" in p and "archived text of test-hand-copy" in p
        for p in failure.value.problems
    ), failure.value.problems
