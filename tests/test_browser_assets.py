"""The Browser guide and stylesheet: generated from the catalog and the model, served with CORS."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.local_neo4j.server import LocalServer
from graph.model import load_model
from graph.seed.seedset import SeedSet
from graph.settings import Settings

BROWSER_ORIGIN = "http://127.0.0.1:17474"  # the test instance's Browser


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_guide_has_a_slide_per_query_with_runnable_defaults(client: TestClient) -> None:
    page = client.get("/browser/guide").text
    slides = re.findall(r"<slide.*?</slide>", page, re.S)
    catalog = default_catalog()
    assert len(slides) == 3 + len(catalog.queries)
    for query in catalog.queries.values():
        slide = next(s for s in slides if f"Canned query <code>{query.name}</code>" in s)
        blocks = [
            html.unescape(b) for b in re.findall(r"<pre class='code runnable'>(.*?)</pre>", slide, re.S)
        ]
        assert blocks[-1] == query.cypher.strip()
        assert [b.split(" =>")[0] for b in blocks[:-1]] == [f":param {p.name}" for p in query.parameters]
        for value in query.examples.values():
            assert any(value in block for block in blocks[:-1])


def test_guide_is_fetchable_from_browsers_origin(client: TestClient) -> None:
    preflight = client.options(
        "/browser/guide",
        headers={
            "Origin": BROWSER_ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert "pragma" in allowed and "cache-control" in allowed
    response = client.get("/browser/guide", headers={"Origin": BROWSER_ORIGIN})
    assert response.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    assert (
        client.get("/browser/guide", headers={"Origin": "http://evil.example"}).headers.get(
            "access-control-allow-origin"
        )
        is None
    )


def test_style_gives_every_label_a_colour_and_caption(client: TestClient) -> None:
    style = client.get("/browser/style.grass", headers={"Origin": BROWSER_ORIGIN})
    assert style.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    for label in load_model().labels:
        block = re.search(rf"node\.{label} \{{(.*?)\n\}}", style.text, re.S)
        assert block, label
        assert "color: #" in block.group(1) and "caption: '{name}'" in block.group(1)
    # Browser substitutes `<type>` only as a whole caption: each type is spelt out beside {when}.
    for kind in load_model().relationships:
        assert f"relationship.{kind} {{\n  caption: '{kind} {{when}}';\n}}" in style.text
    captions = re.findall(r"caption: '([^']*)'", style.text)
    assert all(c == "<type>" or "<" not in c for c in captions), captions


def test_relationships_carry_their_dates_as_caption_text(seeded: Database) -> None:
    """`when` is the text the files give, at its precision (Mali's partnership with Wagner began
    in a month and ended on a day)."""
    raw = next(
        record
        for _, record in SeedSet().records("relationships")
        if (record["type"], record["from"], record["to"]) == ("PARTNERS_WITH", "mali", "wagner-group")
    )
    _, rows = seeded.read(
        "MATCH (:State {id: 'mali'})-[r:PARTNERS_WITH]->(:ArmedGroup {id: 'wagner-group'}) "
        "RETURN r.when AS when"
    )
    assert [r["when"] for r in rows] == [f"{raw['since']} to {raw['until']}"]
    _, missing = seeded.read(
        "MATCH (:Entity)-[r]->(:Entity) WHERE coalesce(r.when, '') = '' RETURN count(r) AS n"
    )
    assert missing[0]["n"] == 0


def test_local_neo4j_allows_the_guide(neo4j_server: LocalServer) -> None:
    conf = (neo4j_server.conf_dir / "neo4j.conf").read_text()
    assert "browser.remote_content_hostname_whitelist=127.0.0.1,localhost" in conf
    assert f"browser.post_connect_cmd=play {neo4j_server.settings.api_base}/browser/guide" in conf
    assert "client.allow_telemetry=false" in conf  # no consent banner in Browser


def test_a_forged_host_header_cannot_inject_markup(client: TestClient) -> None:
    page = client.get("/browser/guide", headers={"Host": "x'onmouseover='alert(1)"}).text
    assert "'onmouseover='" not in page
